// Host-side helper for the iframe variant: <iframe data-hairline src=".../frame.html?…">
// grows to its content's height, and the widget's events (ready, photo, change, error,
// export, cta) are dispatched on the iframe element as CustomEvents with the same detail.
// Without this script the iframe still works, at the height the page gives it. A plain
// script (no imports), so a page on another origin may load it without CORS.
(() => {
  const frames = () => document.querySelectorAll('iframe[data-hairline]');
  // Tells a frame this page's origin (the browser vouches for it), so that it posts here.
  const greet = (frame, origin) => {
    try {
      frame.contentWindow.postMessage({ source: 'hairline', type: 'host' }, origin ?? new URL(frame.src).origin);
    } catch {} // no page in it yet (about:blank): its hello comes later
  };
  window.addEventListener('message', (event) => {
    const { data } = event;
    if (data?.source !== 'hairline') return;
    for (const frame of frames()) {
      if (frame.contentWindow !== event.source) continue;
      if (data.type === 'hello') greet(frame, event.origin);
      else if (data.type === 'resize') frame.style.height = `${data.detail.height}px`;
      else frame.dispatchEvent(new CustomEvent(data.type, { detail: data.detail }));
    }
  });
  // A frame that said hello before this script ran.
  frames().forEach((frame) => greet(frame));
})();
