// Host-side helper for the iframe variant: <iframe data-hairline src=".../frame.html?…">
// grows to its content's height, and the widget's events (ready, photo, change, error,
// export, cta) are dispatched on the iframe element as CustomEvents with the same detail.
// Without this script the iframe still works, at the height the page gives it.
window.addEventListener('message', (event) => {
  const { data } = event;
  if (data?.source !== 'hairline') return;
  for (const frame of document.querySelectorAll('iframe[data-hairline]')) {
    if (frame.contentWindow !== event.source) continue;
    if (data.type === 'resize') frame.style.height = `${data.detail.height}px`;
    else frame.dispatchEvent(new CustomEvent(data.type, { detail: data.detail }));
  }
});
