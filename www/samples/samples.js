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
    area: { cx: 322, cy: 150, rx: 190, ry: 140, featherMm: 5 },
  },
];
