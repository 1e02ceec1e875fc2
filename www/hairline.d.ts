// Type declarations for <hairline-visualiser> (www/hairline.js). See www/embed.html.

/** Rendering options; ranges come from the SMP domain model and are enforced. */
export interface HairlineOptions {
  /** Impressions per cm² after a full course of three sessions, 20..180 (default 110). */
  density: number;
  /** Median diameter of a healed impression (a 1–3 needle cluster), mm, 0.2..1.1 (default 0.8). */
  dotMm: number;
  /** Impression-to-impression size spread, σ of the log of the size, 0..0.5. */
  sizeVariation: number;
  /** Pigment colour, "#rrggbb". */
  pigment: string;
  /** Dilution of the pigment, 0 (full strength) .. 0.9. */
  dilution: number;
  healing: 'fresh' | 'healed' | 'aged';
  /** Years since treatment (for "aged"). */
  years: number;
  /** Sessions performed, 1..4: the first shows 55 % of the density, lighter; the third all of it; a fourth 110 %. */
  sessions: number;
  /** Pattern seed: the same seed always gives the same dots. */
  seed: number;
}

export type HairlinePreset = 'natural' | 'youthful' | 'mature' | 'widows-peak' | 'defined';
export type HairlineCoverage = 'hairline' | 'crown' | 'full' | 'scar' | 'thinning';
export type HairlineSection = 'photo' | 'look' | 'hairline' | 'area' | 'view' | 'out';

export interface HairlineDesign {
  preset: HairlinePreset;
  coverage: HairlineCoverage;
  /** Feathering behind the hairline, mm. */
  edgeSoftness: number;
}

export interface HairlineSettings {
  version: number;
  options: HairlineOptions;
  design?: HairlineDesign;
}

export interface HairlineExportRequest {
  type?: 'image/png' | 'image/jpeg';
  /** JPEG quality, 0..1. */
  quality?: number;
  /** A before/after image side by side instead of the result alone. */
  beforeAfter?: boolean;
}

export interface HairlineEventMap {
  /** The first photo (the sample, unless `sample="none"`) is set up. */
  ready: CustomEvent<null>;
  /** A photo was opened. */
  photo: CustomEvent<{ width: number; height: number; format: string }>;
  /** Options or design changed. */
  change: CustomEvent<{ options: HairlineOptions; design?: HairlineDesign }>;
  /**
   * A frame was drawn: `ms` is the renderer's time in the worker, `frameMs` the time
   * from asking the worker for the frame to its being on the canvas.
   */
  render: CustomEvent<{ width: number; height: number; ms: number; frameMs: number }>;
  /** Something was refused or failed; the widget keeps working. */
  error: CustomEvent<{ code: string; message: string }>;
  /** An image was exported. */
  export: CustomEvent<{ blob: Blob; type: string; beforeAfter: boolean }>;
  /** The visitor pressed the call-to-action. Cancel it to stop the link being followed. */
  cta: CustomEvent<{ result: Blob | null; options: HairlineOptions; design?: HairlineDesign; href: string | null }>;
}

export class HairlineVisualiser extends HTMLElement {
  /** Resolves once the first photo is on screen. */
  readonly ready: Promise<void>;
  /** The open photo (upright pixels), or undefined. */
  readonly photo: { width: number; height: number; format: string } | undefined;
  /** Current options (a copy); setting applies a full or partial object. */
  get options(): HairlineOptions | undefined;
  set options(changes: Partial<HairlineOptions>);
  /** Settings that reproduce this design on another photo (never the photo). */
  readonly settings: HairlineSettings;
  readonly designSettings: HairlineDesign | undefined;

  /** Opens a photo; on failure the current photo stays and `error` fires. */
  loadImage(source: File | Blob | string | URL): Promise<void>;
  /** The result at the photo's full resolution. */
  exportImage(request?: HairlineExportRequest): Promise<Blob>;
  /** Back to the default options and coverage and those the attributes set; clears errors and notices. */
  reset(): Promise<void>;
  /** Memory of this instance's worker. */
  memoryUsage(): Promise<{ wasmBytes: number; jsHeapBytes: number | null }>;

  // Properties reflecting the configuration attributes (null when absent).
  /** `density`: default dots per cm². */
  density: string | null;
  /** `shade`: a preset id (very-light, light, medium-brown, medium, dark, black) or "#rrggbb". */
  shade: string | null;
  /** `hairline`: the hairline preset. */
  hairline: HairlinePreset | null;
  /** `coverage`: what the dots cover. */
  coverage: HairlineCoverage | null;
  /** `sample`: URL of the first photo, or "none"; the built-in sample when absent. */
  sample: string | null;
  /** `controls`: sections to show, e.g. "look out"; "all" or "none". */
  controls: string | null;
  /** `mode`: "clinic" opens Fine-tune (dot size, healing, sessions, brush, scale…) for staff. */
  mode: string | null;
  /** `locale`: "en", "es" or "de"; changing it rebuilds the controls in that language. */
  locale: string | null;
  /** `cta-text`: label of the call-to-action button (none when absent). */
  ctaText: string | null;
  /** `cta-href`: link the call-to-action follows unless its event is cancelled. */
  ctaHref: string | null;

  addEventListener<K extends keyof HairlineEventMap>(
    type: K,
    listener: (this: HairlineVisualiser, event: HairlineEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof HairlineEventMap>(
    type: K,
    listener: (this: HairlineVisualiser, event: HairlineEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'hairline-visualiser': HairlineVisualiser;
  }
}
