// Sample photos shipped with the visualiser, with what the pipeline needs to know
// about each until the user adjusts it (scale, treatment area) and the credit their
// licence requires.
export const SAMPLES = [
  {
    id: 'crown',
    url: new URL('./sample.jpg', import.meta.url).href,
    credit: 'Sample photo: “hair-loss” by uze, Roboflow Universe, CC BY 4.0',
    licenceUrl: 'https://creativecommons.org/licenses/by/4.0/',
    // 640×640 photo looking down at a bald front and top; the head is ~550 px wide.
    pxPerMm: 3.6,
    area: { cx: 322, cy: 170, rx: 215, ry: 175, featherMm: 5 },
    // Eyes are closed and looking down: the marks sit where the pupils are.
    pupils: { left: [215, 445], right: [455, 440] },
  },
];
