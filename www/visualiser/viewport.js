// Zoom and pan over the photo. Zoom 1 = the whole photo fitted into the stage; the
// centre is kept in photo pixels. Produces the region of the photo the stage shows.

/** Most device pixels one photo pixel may cover when zoomed in. */
const MAX_DEVICE_PX_PER_PHOTO_PX = 8;

export class Viewport {
  constructor(photoWidth, photoHeight) {
    this.photoWidth = photoWidth;
    this.photoHeight = photoHeight;
    this.zoom = 1;
    this.cx = photoWidth / 2;
    this.cy = photoHeight / 2;
    this.stageWidth = 1;
    this.stageHeight = 1;
    this.ratio = 1;
  }

  /** Stage size in CSS pixels and the device pixel ratio. */
  resize(stageWidth, stageHeight, ratio) {
    this.stageWidth = Math.max(1, stageWidth);
    this.stageHeight = Math.max(1, stageHeight);
    this.ratio = ratio || 1;
    this.#clamp();
  }

  get fitScale() {
    return Math.min(this.stageWidth / this.photoWidth, this.stageHeight / this.photoHeight);
  }

  /** CSS pixels per photo pixel. */
  get scale() {
    return this.fitScale * this.zoom;
  }

  get maxZoom() {
    return Math.max(2, MAX_DEVICE_PX_PER_PHOTO_PX / (this.fitScale * this.ratio));
  }

  /** The zoom at which one photo pixel covers one device pixel ("100 %"). */
  get actualSizeZoom() {
    return 1 / (this.fitScale * this.ratio);
  }

  /** The photo region shown, and the device-pixel size to render it at. */
  view() {
    const width = this.stageWidth / this.scale;
    const height = this.stageHeight / this.scale;
    return {
      x: this.cx - width / 2,
      y: this.cy - height / 2,
      width,
      height,
      outWidth: Math.max(1, Math.round(this.stageWidth * this.ratio)),
      outHeight: Math.max(1, Math.round(this.stageHeight * this.ratio)),
    };
  }

  /** Stage CSS point → photo pixel. */
  toPhoto(stageX, stageY) {
    return { x: this.cx + (stageX - this.stageWidth / 2) / this.scale, y: this.cy + (stageY - this.stageHeight / 2) / this.scale };
  }

  /** Photo pixel → stage CSS point. */
  toStage(photoX, photoY) {
    return { x: (photoX - this.cx) * this.scale + this.stageWidth / 2, y: (photoY - this.cy) * this.scale + this.stageHeight / 2 };
  }

  /** Multiplies the zoom, keeping the photo point under (stageX, stageY) in place. */
  zoomAt(factor, stageX = this.stageWidth / 2, stageY = this.stageHeight / 2) {
    const anchor = this.toPhoto(stageX, stageY);
    this.zoom = Math.min(this.maxZoom, Math.max(1, this.zoom * factor));
    this.cx = anchor.x - (stageX - this.stageWidth / 2) / this.scale;
    this.cy = anchor.y - (stageY - this.stageHeight / 2) / this.scale;
    this.#clamp();
  }

  setZoom(zoom) {
    this.zoomAt(zoom / this.zoom);
  }

  /** Moves the picture by a drag of (dx, dy) CSS pixels. */
  panBy(dx, dy) {
    this.cx -= dx / this.scale;
    this.cy -= dy / this.scale;
    this.#clamp();
  }

  fit() {
    this.zoom = 1;
    this.cx = this.photoWidth / 2;
    this.cy = this.photoHeight / 2;
  }

  /** Keeps the photo on screen: its centre cannot leave the visible region's middle. */
  #clamp() {
    const halfW = this.stageWidth / this.scale / 2;
    const halfH = this.stageHeight / this.scale / 2;
    const clampAxis = (c, half, size) => (half * 2 >= size ? size / 2 : Math.min(size - half, Math.max(half, c)));
    this.cx = clampAxis(this.cx, halfW, this.photoWidth);
    this.cy = clampAxis(this.cy, halfH, this.photoHeight);
  }
}
