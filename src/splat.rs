//! Rasterising dots and compositing them into a frame as light-absorbing pigment.
//!
//! A frame is drawn in two passes. First every dot adds its pigment coverage to a
//! frame-sized accumulation buffer: one integer add per pixel it touches, with the dot's
//! footprint taken from a cache when it is small. Then each touched pixel is darkened
//! once, in linear light, by the pigment's transmittance for the coverage it gathered.
//! The expensive colour conversions thus run once per pixel instead of once per dot and
//! pixel, and the result does not depend on the order the dots were added in.

use crate::bitmap::Bitmap;
use crate::colour::{Lut, LINEAR_STEPS};
use crate::feather::smoothstep;

/// Smallest semi-axis the footprint is drawn with, in pixels. Smaller dots keep their
/// true pigment amount but spread it over about one pixel, so they never pop in or out
/// as they move across pixel boundaries.
const MIN_FOOTPRINT_RADIUS: f32 = 0.6;

/// One dot in output pixel coordinates (pixel (0,0) covers [0,1)×[0,1)).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dot {
    /// Centre, sub-pixel.
    pub x: f32,
    pub y: f32,
    /// Semi-axes in pixels (true size, may be far below one pixel).
    pub rx: f32,
    pub ry: f32,
    /// Rotation of the `rx` axis, radians.
    pub angle: f32,
    /// Soft edge width as a fraction of the radius.
    pub softness: f32,
    /// Fraction of light absorbed per linear channel under full coverage.
    pub absorb: [f32; 3],
    /// Standard deviation of the subsurface-scatter halo, pixels.
    pub halo_sigma: f32,
    /// Pigment in the halo relative to the core (0 = no halo).
    pub halo_ratio: f32,
}

/// How far the halo is drawn, in standard deviations (what lies beyond is folded back
/// in by the normalisation, so no pigment is lost).
const HALO_REACH_SIGMAS: f32 = 2.0;
/// Footprints larger than this (pixels) are drawn on their visible part only.
const BIG_FOOTPRINT_PX: i64 = 64 * 64;
/// Footprints reaching at most this far from the centre (pixels) come from the cache;
/// larger ones hardly ever repeat and are computed for each dot.
const CACHED_REACH_PX: f32 = 6.0;
/// Cached footprints snap their centre to 1/`PHASES` of a pixel (an invisible 1/16 px
/// at most) and their shape to 1/`SHAPE_STEPS` px, so a frame's small dots share a few
/// hundred footprints.
const PHASES: f32 = 8.0;
const SHAPE_STEPS: f32 = 16.0;
const ANGLE_STEPS: f32 = 32.0;
/// The cache starts over beyond this many stored weights (4 MB) or footprints.
const CACHE_WEIGHTS: usize = 1 << 20;

/// Coverage units in the accumulation buffer per full layer of pigment (`u16`, so up to
/// eight layers; beyond that it saturates, which no real design reaches).
const ONE_LAYER: u32 = 1 << ONE_LAYER_BITS;
const ONE_LAYER_BITS: u32 = 13;
/// Coverage beyond one layer is looked up in steps of `1 << LAYER_SHIFT` units.
const LAYER_SHIFT: u32 = 5;
/// Stacked layers keep at least this share of the light Beer–Lambert would let through.
const STACKED_FLOOR: f32 = 0.5;

/// A dot's footprint: pigment weights over a box of pixels, per unit of pigment area
/// (the core's weights sum to 1, the halo's to its ratio).
#[derive(Debug, Clone, Copy)]
struct Footprint {
    x0: i64,
    y0: i64,
    width: usize,
    height: usize,
    /// Where the weights start in their store.
    offset: usize,
}

/// The shape a footprint is computed from, after clamping to the drawable minimum.
#[derive(Debug, Clone, Copy)]
struct Shape {
    ea: f32,
    eb: f32,
    angle: f32,
    edge: f32,
    sigma: f32,
    halo_ratio: f32,
}

impl Shape {
    fn of(dot: &Dot) -> Shape {
        let ea = dot.rx.max(MIN_FOOTPRINT_RADIUS);
        let eb = dot.ry.max(MIN_FOOTPRINT_RADIUS);
        let edge = (dot.softness * 2.0 * (ea * eb).sqrt()).max(1.0);
        let halo_ratio = if dot.halo_ratio > 0.0 { dot.halo_ratio } else { 0.0 };
        Shape { ea, eb, angle: dot.angle, edge, sigma: dot.halo_sigma.max(MIN_FOOTPRINT_RADIUS), halo_ratio }
    }

    fn core_reach(&self) -> f32 {
        self.ea.max(self.eb) + self.edge * 0.5 + 0.5
    }

    fn reach(&self) -> f32 {
        let halo = if self.halo_ratio > 0.0 { HALO_REACH_SIGMAS * self.sigma } else { 0.0 };
        self.core_reach().max(halo)
    }

    /// The shape snapped to the cache's steps, and its key (with the centre's phase).
    fn quantised(&self, phase: (u32, u32)) -> (Shape, u64) {
        // Values are non-negative: truncating v + 0.5 rounds (and `round` is a library
        // call on baseline x86-64 and in wasm).
        let q = |v: f32, steps: f32| ((v * steps + 0.5) as u64).min(1023);
        let (ea, eb, edge, sigma) = (
            q(self.ea, SHAPE_STEPS),
            q(self.eb, SHAPE_STEPS),
            q(self.edge, SHAPE_STEPS),
            q(self.sigma, 2.0 * SHAPE_STEPS),
        );
        let ratio = q(self.halo_ratio, 64.0);
        // A round footprint looks the same at every angle.
        let angle = if ea == eb {
            0
        } else {
            let turn = self.angle.rem_euclid(std::f32::consts::PI) / std::f32::consts::PI;
            ((turn * ANGLE_STEPS + 0.5) as u64) % ANGLE_STEPS as u64
        };
        let key = u64::from(phase.0)
            | u64::from(phase.1) << 3
            | angle << 6
            | ea << 11
            | eb << 21
            | edge << 31
            | sigma << 41
            | ratio << 51;
        let shape = Shape {
            ea: ea as f32 / SHAPE_STEPS,
            eb: eb as f32 / SHAPE_STEPS,
            angle: angle as f32 * std::f32::consts::PI / ANGLE_STEPS,
            edge: edge as f32 / SHAPE_STEPS,
            sigma: sigma as f32 / (2.0 * SHAPE_STEPS),
            halo_ratio: ratio as f32 / 64.0,
        };
        (shape, key)
    }
}

/// Small footprints by key (quantised shape and phase): an open-addressing table, as a
/// frame looks up one per dot and most of them hit.
#[derive(Default)]
struct FootprintCache {
    /// `(key + 1, footprint)`; a stored 0 marks an empty slot.
    slots: Vec<(u64, Footprint)>,
    len: usize,
    /// The footprints' weights, one after another.
    weights: Vec<f32>,
}

impl FootprintCache {
    const SLOTS: usize = 1 << 13;

    /// The footprint stored under `key`, computing and storing it with `make` (which
    /// appends its weights) when missing. Starts over when full.
    fn get_or_insert(&mut self, key: u64, make: impl FnOnce(&mut Vec<f32>) -> Footprint) -> Footprint {
        if self.slots.is_empty() || self.len >= Self::SLOTS / 2 || self.weights.len() > CACHE_WEIGHTS {
            let empty = Footprint { x0: 0, y0: 0, width: 0, height: 0, offset: 0 };
            self.slots.clear();
            self.slots.resize(Self::SLOTS, (0, empty));
            self.weights.clear();
            self.len = 0;
        }
        let stored = key + 1;
        let mut slot = (stored.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 51) as usize & (Self::SLOTS - 1);
        loop {
            match self.slots[slot] {
                (k, footprint) if k == stored => return footprint,
                (0, _) => {
                    let footprint = make(&mut self.weights);
                    self.slots[slot] = (stored, footprint);
                    self.len += 1;
                    return footprint;
                }
                _ => slot = (slot + 1) & (Self::SLOTS - 1),
            }
        }
    }
}

/// Draws dots; owns the accumulation buffer and scratch space, so drawing a frame
/// allocates nothing once the buffers have grown to the frame's size.
pub struct Splatter {
    lut: Lut,
    /// Pigment coverage per pixel of the frame being drawn, row-major, `ONE_LAYER` per
    /// full layer. All zero between frames.
    coverage: Vec<u16>,
    width: usize,
    height: usize,
    /// Per row, the columns `[start, end)` that may hold coverage (empty: start ≥ end).
    /// The second pass scans these in order; visiting only the dots' own runs of pixels
    /// was measured slower (scattered access to the frame).
    spans: Vec<(u32, u32)>,
    /// The frame's pigment: light absorbed per linear channel by one full layer.
    absorb: [f32; 3],
    /// Which channel absorbs most (dots' strengths are measured on it).
    strongest: usize,
    /// `absorb` in 1/65536 steps, for the single-layer case.
    absorb_fixed: [u32; 3],
    /// Transmittance in 1/65536 steps of stacked layers (coverage above one), indexed
    /// by coverage `>> LAYER_SHIFT`.
    layered: Vec<[u16; 3]>,
    /// Small footprints by quantised shape and phase.
    cache: FootprintCache,
    /// One footprint computed for a single dot (big or unusual ones).
    scratch: Vec<f32>,
    scratch_x: Vec<f32>,
    scratch_y: Vec<f32>,
    /// Where this frame's pixel (0, 0) sits in the picture's own pixel grid, so the
    /// dither pattern is anchored to the picture (exact seams between export strips).
    dither_origin: (i64, i64),
    dither: Box<[[u8; DITHER_SIDE]; DITHER_SIDE]>,
}

impl Default for Splatter {
    fn default() -> Self {
        Splatter {
            lut: Lut::get(),
            coverage: Vec::new(),
            width: 0,
            height: 0,
            spans: Vec::new(),
            absorb: [0.0; 3],
            strongest: 0,
            absorb_fixed: [0; 3],
            layered: Vec::new(),
            cache: FootprintCache::default(),
            scratch: Vec::new(),
            scratch_x: Vec::new(),
            scratch_y: Vec::new(),
            dither_origin: (0, 0),
            dither: dither_tile(),
        }
    }
}

impl Splatter {
    /// Anchors the dither pattern: the frame's pixel (0, 0) is pixel `(x, y)` of the
    /// whole picture at this resolution.
    pub fn set_dither_origin(&mut self, x: i64, y: i64) {
        self.dither_origin = (x, y);
    }

    /// Composites one dot into `target` on its own (see [`Splatter::begin`]); the dot's
    /// own absorption is the frame's pigment. Only the tests draw dots one at a time.
    #[cfg(test)]
    pub fn draw(&mut self, target: &mut Bitmap, dot: &Dot) {
        self.begin(target.width(), target.height(), dot.absorb);
        self.add(dot);
        self.finish(target);
    }

    /// Starts a frame of `width × height` pixels whose dots are all of one pigment:
    /// `absorb` is the fraction of light one full layer of it absorbs per linear
    /// channel. Each dot's own `absorb` then only sets its strength (its strongest
    /// channel relative to the pigment's).
    pub fn begin(&mut self, width: u32, height: u32, absorb: [f32; 3]) {
        let (width, height) = (width as usize, height as usize);
        let pixels = width * height;
        if self.coverage.len() < pixels {
            self.coverage.resize(pixels, 0);
        }
        self.clear();
        self.spans.resize(height, (u32::MAX, 0));
        self.width = width;
        self.height = height;
        let absorb = absorb.map(|a| if a.is_finite() { a.clamp(0.0, 0.98) } else { 0.0 });
        if absorb != self.absorb || self.layered.is_empty() {
            self.set_pigment(absorb);
        }
    }

    fn set_pigment(&mut self, absorb: [f32; 3]) {
        self.absorb = absorb;
        self.strongest = (0..3).fold(0, |best, c| if absorb[c] > absorb[best] { c } else { best });
        self.absorb_fixed = absorb.map(|a| (a * 65536.0).round() as u32);
        // Beyond one layer pigment stacks. Linearly, as within one layer: the light a
        // region keeps then depends only on the pigment it holds, not on whether the
        // overlaps of its deposits are resolved (a zoomed-in view and a phone-size one
        // read equally dark). Floored at half of what Beer–Lambert lets through, so a
        // pile of deposits darkens toward black smoothly instead of clipping.
        let steps = (u32::from(u16::MAX) >> LAYER_SHIFT) as usize + 1;
        self.layered = (0..steps)
            .map(|i| {
                let layers = (i as u32 * (1 << LAYER_SHIFT)) as f32 / ONE_LAYER as f32;
                absorb.map(|a| {
                    ((1.0 - a * layers).max(STACKED_FLOOR * (1.0 - a).powf(layers)) * 65536.0).round().min(65535.0)
                        as u16
                })
            })
            .collect();
    }

    /// Adds `dot`'s pigment to the frame begun last. Energy-conserving: the core's
    /// weights sum to its true area in pixels and the halo's to `halo_ratio` times that,
    /// even when part of the dot falls off the frame, so the pigment a region receives
    /// does not depend on the resolution.
    pub fn add(&mut self, dot: &Dot) {
        let area = std::f32::consts::PI * dot.rx * dot.ry;
        if area.is_nan() || area <= 0.0 || !dot.x.is_finite() || !dot.y.is_finite() {
            return;
        }
        let pigment = self.absorb[self.strongest];
        let strength = dot.absorb[self.strongest] / pigment;
        if !(pigment > 0.0 && strength > 0.0 && strength.is_finite()) {
            return;
        }
        let scale = area * strength * ONE_LAYER as f32;
        // One deposit is one layer of pigment: where its halo and core overlap it can
        // look no darker than that.
        let cap = (strength * ONE_LAYER as f32).min(f32::from(u16::MAX)) as u32;
        let shape = Shape::of(dot);
        let reach = shape.reach();
        // One pixel to spare: a cached footprint's snapped centre and shape reach a
        // little further, and whether a dot is drawn must not depend on the frame.
        let bound = reach + 1.0;
        let (w, h) = (self.width as i64, self.height as i64);
        if dot.x + bound <= 0.0 || dot.y + bound <= 0.0 || dot.x - bound >= w as f32 || dot.y - bound >= h as f32 {
            return;
        }
        let Splatter { coverage, spans, cache, scratch, scratch_x, scratch_y, .. } = self;
        let frame = Frame { coverage, spans, width: w, height: h };
        if reach <= CACHED_REACH_PX {
            let (cell_x, cell_y) = (dot.x.floor(), dot.y.floor());
            let phase = |f: f32| ((f * PHASES + 0.5) as u32).min(PHASES as u32);
            let (px, py) = (phase(dot.x - cell_x), phase(dot.y - cell_y));
            // A phase of a whole pixel is phase 0 of the next cell.
            let (cell_x, px) = if px == PHASES as u32 { (cell_x + 1.0, 0) } else { (cell_x, px) };
            let (cell_y, py) = if py == PHASES as u32 { (cell_y + 1.0, 0) } else { (cell_y, py) };
            let (quantised, key) = shape.quantised((px, py));
            let footprint = cache.get_or_insert(key, |weights| {
                let centre = (px as f32 / PHASES, py as f32 / PHASES);
                footprint(&quantised, centre, None, weights, scratch_x, scratch_y)
            });
            let (ox, oy) = (cell_x as i64, cell_y as i64);
            let weights = &cache.weights[footprint.offset..];
            frame.accumulate(
                Footprint { x0: footprint.x0 + ox, y0: footprint.y0 + oy, ..footprint },
                weights,
                scale,
                cap,
            );
        } else {
            scratch.clear();
            let f = footprint(&shape, (dot.x, dot.y), Some((w, h)), scratch, scratch_x, scratch_y);
            frame.accumulate(f, scratch, scale, cap);
        }
    }

    /// Darkens every pixel that gathered pigment since [`Splatter::begin`], and clears
    /// the coverage for the next frame. `target` is straight RGBA8 sRGB, stride
    /// `width * 4`, of the size given to `begin`; alpha is untouched. Multiplicative in
    /// linear light, with dithered rounding: changes smaller than one 8-bit step still
    /// add up to the right tone over an area instead of vanishing (tone conservation at
    /// low resolution). Pigment only absorbs, so no pixel gets brighter.
    pub fn finish(&mut self, target: &mut Bitmap) {
        let width = self.width;
        if target.width() as usize != width || target.height() as usize != self.height {
            // Not the frame that was begun: drop the coverage rather than misplace it.
            self.clear();
            return;
        }
        let (to_linear, to_srgb) = self.lut.fixed_tables();
        let data = target.data_mut();
        let [a0, a1, a2] = self.absorb_fixed;
        for (y, span) in self.spans.iter_mut().enumerate() {
            let (x0, x1) = std::mem::replace(span, (u32::MAX, 0));
            if x0 >= x1 {
                continue;
            }
            let dither_row = &self.dither[(y as i64).wrapping_add(self.dither_origin.1) as usize % DITHER_SIDE];
            let layered = &self.layered;
            let dither_x = self.dither_origin.0;
            let row_pixels = &mut data[y * width * 4..(y + 1) * width * 4];
            let mut darken_pixel = |x: usize, cover: u32| {
                // Written out per channel: array maps here compile to stack shuffles
                // that stall on store forwarding.
                let (k0, k1, k2) = if cover <= ONE_LAYER {
                    let keep = |a: u32| 65536 - ((a * cover) >> ONE_LAYER_BITS);
                    (keep(a0), keep(a1), keep(a2))
                } else {
                    let t = layered[(cover >> LAYER_SHIFT) as usize];
                    (u32::from(t[0]), u32::from(t[1]), u32::from(t[2]))
                };
                let dither = u32::from(dither_row[(x as i64).wrapping_add(dither_x) as usize % DITHER_SIDE]);
                let darken = |value: u8, keep: u32| {
                    // keep ≤ 65536, so linear ≤ 65535 and the mask never changes it (it
                    // only spares a bounds check).
                    let linear = (u32::from(to_linear[value as usize]) * keep) >> 16;
                    let fixed = u32::from(to_srgb[(linear >> 4) as usize & (LINEAR_STEPS - 1)]);
                    (((fixed + dither) >> 8) as u8).min(value)
                };
                let pixel = &mut row_pixels[x * 4..x * 4 + 3];
                pixel[0] = darken(pixel[0], k0);
                pixel[1] = darken(pixel[1], k1);
                pixel[2] = darken(pixel[2], k2);
            };
            let cells = &mut self.coverage[y * width + x0 as usize..y * width + x1 as usize];
            // Most cells are empty: skip them four at a time, and write only the ones
            // that held coverage back to zero (ready for the next frame).
            for (quad_index, quad) in cells.chunks_mut(4).enumerate() {
                if quad.iter().all(|&c| c == 0) {
                    continue;
                }
                let x = x0 as usize + quad_index * 4;
                for (offset, cell) in quad.iter_mut().enumerate() {
                    if *cell != 0 {
                        darken_pixel(x + offset, u32::from(std::mem::take(cell)));
                    }
                }
            }
        }
    }

    /// Forgets the frame begun last without drawing it.
    fn clear(&mut self) {
        for (y, span) in self.spans.iter_mut().enumerate() {
            let (x0, x1) = std::mem::replace(span, (u32::MAX, 0));
            if x0 < x1 {
                self.coverage[y * self.width + x0 as usize..y * self.width + x1 as usize].fill(0);
            }
        }
    }

    /// Frees the buffers (they grow back with the next frame).
    pub fn release(&mut self) {
        *self = Splatter::default();
    }
}

/// The accumulation buffer of the frame being drawn.
struct Frame<'a> {
    coverage: &'a mut [u16],
    spans: &'a mut [(u32, u32)],
    width: i64,
    height: i64,
}

impl Frame<'_> {
    /// Adds `scale ×` the footprint's weights (which start at `weights[0]`) to the
    /// coverage of the pixels it covers inside the frame, at most `cap` per pixel.
    fn accumulate(self, f: Footprint, weights: &[f32], scale: f32, cap: u32) {
        let (xa, xb) = (f.x0.max(0), (f.x0 + f.width as i64).min(self.width));
        let (ya, yb) = (f.y0.max(0), (f.y0 + f.height as i64).min(self.height));
        if xa >= xb || ya >= yb {
            return;
        }
        let columns = (xb - xa) as usize;
        for y in ya..yb {
            let from = (y - f.y0) as usize * f.width + (xa - f.x0) as usize;
            let to = (y * self.width + xa) as usize;
            let cells = self.coverage[to..to + columns].iter_mut();
            for (cell, weight) in cells.zip(&weights[from..from + columns]) {
                let add = ((weight * scale + 0.5) as u32).min(cap);
                *cell = cell.saturating_add(add as u16);
            }
            let span = &mut self.spans[y as usize];
            span.0 = span.0.min(xa as u32);
            span.1 = span.1.max(xb as u32);
        }
    }
}

/// Computes the footprint of `shape` centred at `centre` into `out` (appended) and
/// says where it lies. With `clip` (the frame's size), a footprint too big to evaluate
/// whole is evaluated on the visible part only, its pigment known analytically.
fn footprint(
    shape: &Shape,
    centre: (f32, f32),
    clip: Option<(i64, i64)>,
    out: &mut Vec<f32>,
    halo_x: &mut Vec<f32>,
    halo_y: &mut Vec<f32>,
) -> Footprint {
    let (cx, cy) = centre;
    let bounds =
        |r: f32| ((cx - r).floor() as i64, (cy - r).floor() as i64, (cx + r).ceil() as i64, (cy + r).ceil() as i64);
    let (x0, y0, x1, y1) = bounds(shape.reach());
    let big = x1.saturating_sub(x0).saturating_mul(y1.saturating_sub(y0)) > BIG_FOOTPRINT_PX;
    let (x0, y0, x1, y1) = match clip {
        Some((w, h)) if big => (x0.max(0), y0.max(0), x1.min(w).max(x0.max(0)), y1.min(h).max(y0.max(0))),
        _ => (x0, y0, x1, y1),
    };
    let (fw, fh) = ((x1 - x0) as usize, (y1 - y0) as usize);
    let offset = out.len();
    out.resize(offset + fw * fh, 0.0);
    let weights = &mut out[offset..];
    let area = std::f32::consts::PI * shape.ea * shape.eb;

    // The core: an anti-aliased ellipse with a soft edge, over its own, smaller box.
    let (cx0, cy0, cx1, cy1) = bounds(shape.core_reach());
    let (cx0, cy0) = (cx0.max(x0), cy0.max(y0));
    let (cx1, cy1) = (cx1.min(x1).max(cx0), cy1.min(y1).max(cy0));
    let (sin, cos) = shape.angle.sin_cos();
    let (inv_a, inv_b) = (1.0 / shape.ea, 1.0 / shape.eb);
    let inv_edge = (shape.ea * shape.eb).sqrt() / shape.edge;
    let mut core_sum = 0.0f32;
    for py in cy0..cy1 {
        let dy = py as f32 + 0.5 - cy;
        let row = (py - y0) as usize * fw;
        for px in cx0..cx1 {
            let dx = px as f32 + 0.5 - cx;
            let u = (dx * cos + dy * sin) * inv_a;
            let v = (dy * cos - dx * sin) * inv_b;
            let core = smoothstep(0.5 - ((u * u + v * v).sqrt() - 1.0) * inv_edge);
            core_sum += core;
            weights[row + (px - x0) as usize] = core;
        }
    }
    // Per unit of pigment area: a big dot's coverage is exact (its true area is known),
    // a small one's is normalised so sub-pixel dots keep their full amount.
    let core_scale = if big {
        1.0 / area
    } else if core_sum > 0.0 {
        1.0 / core_sum
    } else {
        0.0
    };
    weights.iter_mut().for_each(|w| *w *= core_scale);

    // The halo is a Gaussian: separable, so one exp per row and per column.
    if shape.halo_ratio > 0.0 {
        let inv_two_sigma2 = 0.5 / (shape.sigma * shape.sigma);
        let gauss = |d: f32| (-d * d * inv_two_sigma2).exp();
        halo_x.clear();
        halo_y.clear();
        halo_x.extend((x0..x1).map(|px| gauss(px as f32 + 0.5 - cx)));
        halo_y.extend((y0..y1).map(|py| gauss(py as f32 + 0.5 - cy)));
        let sum = if big {
            2.0 * std::f32::consts::PI * shape.sigma * shape.sigma
        } else {
            halo_x.iter().sum::<f32>() * halo_y.iter().sum::<f32>()
        };
        let scale = if sum > 0.0 { shape.halo_ratio / sum } else { 0.0 };
        for (row, gy) in weights.chunks_exact_mut(fw.max(1)).zip(halo_y.iter()) {
            let gy = gy * scale;
            for (w, gx) in row.iter_mut().zip(halo_x.iter()) {
                *w += gx * gy;
            }
        }
    }
    Footprint { x0, y0, width: fw, height: fh, offset }
}

/// Side of the dither tile, pixels (a power of two).
const DITHER_SIDE: usize = 64;

/// A fixed pseudo-random offset in 0..256 per pixel (8.8 fixed-point rounding), tiled
/// every `DITHER_SIDE` pixels: looked up, as a hash per pixel costs more than the rest.
/// Computed at start-up rather than stored: 4 KB of noise would not compress.
fn dither_tile() -> Box<[[u8; DITHER_SIDE]; DITHER_SIDE]> {
    let mut tile = Box::new([[0u8; DITHER_SIDE]; DITHER_SIDE]);
    for (y, row) in tile.iter_mut().enumerate() {
        for (x, value) in row.iter_mut().enumerate() {
            let h = (x as u32).wrapping_mul(0x9E37_79B1) ^ (y as u32).wrapping_mul(0x85EB_CA77);
            *value = ((h ^ (h >> 15)).wrapping_mul(0x2C1B_3C6D) >> 24) as u8;
        }
    }
    tile
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::colour::srgb_to_linear;

    fn dot(x: f32, y: f32, r: f32) -> Dot {
        Dot { x, y, rx: r, ry: r, angle: 0.3, softness: 0.3, absorb: [0.5; 3], halo_sigma: 0.0, halo_ratio: 0.0 }
    }

    /// Light removed from the frame, in pixel units of linear light (channel 1).
    fn absorbed(frame: &Bitmap, base: u8) -> f32 {
        let b = srgb_to_linear(f32::from(base) / 255.0);
        frame.data().chunks_exact(4).map(|p| b - srgb_to_linear(f32::from(p[1]) / 255.0)).sum()
    }

    #[test]
    fn pigment_amount_is_independent_of_sub_pixel_position_and_size() {
        let base = 200u8;
        let expected_per_area = srgb_to_linear(200.0 / 255.0) * 0.5;
        for r in [0.15f32, 0.4, 1.0, 3.0] {
            for offset in [0.0f32, 0.25, 0.5, 0.77] {
                let mut frame = Bitmap::filled(16, 16, [base, base, base, 255]).expect("size");
                Splatter::default().draw(&mut frame, &dot(8.0 + offset, 8.0 + offset * 0.6, r));
                let got = absorbed(&frame, base);
                let want = std::f32::consts::PI * r * r * expected_per_area;
                // 8-bit rounding of a few pixels bounds the accuracy for tiny dots.
                assert!((got - want).abs() < 0.02 + want * 0.06, "r {r} offset {offset}: {got} vs {want}");
            }
        }
    }

    #[test]
    fn full_layers_stack_and_the_order_of_dots_does_not_matter() {
        let base = 200u8;
        let d = dot(8.0, 8.0, 5.0);
        let mut frame = Bitmap::filled(16, 16, [base, base, base, 255]).expect("size");
        let mut s = Splatter::default();
        s.begin(16, 16, d.absorb);
        s.add(&d);
        s.add(&d);
        s.finish(&mut frame);
        // Two full layers absorbing half the light each: linearly none would be left,
        // so the floor holds, half of Beer–Lambert's quarter.
        let ratio = srgb_to_linear(f32::from(frame.pixel(8, 8)[1]) / 255.0) / srgb_to_linear(200.0 / 255.0);
        assert!((ratio - 0.125).abs() < 0.015, "{ratio}");
        // One and a half layers of a fifth each: linear, 1 − 1.5 · 0.2.
        let light = Dot { absorb: [0.2; 3], ..d };
        let mut frame = Bitmap::filled(16, 16, [base, base, base, 255]).expect("size");
        s.begin(16, 16, light.absorb);
        s.add(&light);
        s.add(&Dot { absorb: [0.1; 3], ..light });
        s.finish(&mut frame);
        let ratio = srgb_to_linear(f32::from(frame.pixel(8, 8)[1]) / 255.0) / srgb_to_linear(200.0 / 255.0);
        assert!((ratio - 0.7).abs() < 0.02, "{ratio}");

        let dots: Vec<Dot> = (0..40)
            .map(|i| {
                let f = i as f32;
                Dot {
                    absorb: [0.3 + 0.01 * f, 0.35, 0.4],
                    halo_sigma: 1.1,
                    halo_ratio: 3.0,
                    ..dot(3.0 + 0.37 * f, 2.0 + 0.29 * f, 0.2 + 0.05 * f)
                }
            })
            .collect();
        let draw = |order: &mut dyn Iterator<Item = &Dot>| {
            let mut frame = Bitmap::filled(24, 24, [180, 150, 120, 255]).expect("size");
            let mut s = Splatter::default();
            s.begin(24, 24, [0.5, 0.35, 0.4]);
            order.for_each(|d| s.add(d));
            s.finish(&mut frame);
            frame
        };
        assert_eq!(draw(&mut dots.iter()), draw(&mut dots.iter().rev()));
    }

    #[test]
    fn a_frame_leaves_nothing_behind_for_the_next() {
        let mut s = Splatter::default();
        let mut first = Bitmap::filled(12, 12, [200, 200, 200, 255]).expect("size");
        s.begin(12, 12, [0.5; 3]);
        s.add(&dot(5.0, 5.0, 2.0));
        s.finish(&mut first);
        // A frame of another size begun after a frame that was never finished.
        s.begin(12, 12, [0.5; 3]);
        s.add(&dot(5.0, 5.0, 2.0));
        let mut other = Bitmap::filled(7, 30, [200, 200, 200, 255]).expect("size");
        s.begin(7, 30, [0.5; 3]);
        s.finish(&mut other);
        assert!(other.data().chunks_exact(4).all(|p| p == [200, 200, 200, 255]));
        let mut again = Bitmap::filled(12, 12, [200, 200, 200, 255]).expect("size");
        s.begin(12, 12, [0.5; 3]);
        s.add(&dot(5.0, 5.0, 2.0));
        s.finish(&mut again);
        assert_eq!(first, again);
    }

    #[test]
    fn the_halo_adds_its_share_of_pigment_around_the_core() {
        let base = 180u8;
        let per_area = srgb_to_linear(180.0 / 255.0) * 0.5;
        let mut frame = Bitmap::filled(24, 24, [base, base, base, 255]).expect("size");
        let d = Dot { halo_sigma: 2.0, halo_ratio: 1.5, ..dot(12.3, 11.8, 1.0) };
        Splatter::default().draw(&mut frame, &d);
        let want = std::f32::consts::PI * 2.5 * per_area;
        let got = absorbed(&frame, base);
        assert!((got - want).abs() < 0.05 * want, "{got} vs {want}");
        // The halo reaches beyond the core.
        assert!(frame.pixel(15, 12)[1] < base);
    }

    #[test]
    fn huge_dots_cost_only_their_visible_part_and_keep_their_tone() {
        // A 0.3 mm dot at an absurd zoom: a million pixels across, frame of 32 px.
        let mut frame = Bitmap::filled(32, 32, [200, 200, 200, 255]).expect("size");
        let d = Dot { halo_sigma: 4e5, halo_ratio: 1.0, ..dot(16.0, 16.0, 1e6) };
        Splatter::default().draw(&mut frame, &d);
        // Deep inside the core: half the light absorbed (absorb 0.5), halo negligible.
        let ratio = srgb_to_linear(f32::from(frame.pixel(16, 16)[1]) / 255.0) / srgb_to_linear(200.0 / 255.0);
        assert!((ratio - 0.5).abs() < 0.02, "{ratio}");
        // A big dot near the edge of the frame is still drawn.
        let mut frame = Bitmap::filled(32, 32, [200, 200, 200, 255]).expect("size");
        Splatter::default().draw(&mut frame, &dot(-40.0, 16.0, 60.0));
        assert!(frame.pixel(2, 16)[1] < 150);
    }

    #[test]
    fn dots_off_or_across_the_edge_never_write_out_of_bounds() {
        let mut frame = Bitmap::filled(4, 4, [255, 255, 255, 255]).expect("size");
        let mut s = Splatter::default();
        for (x, y) in [(-3.0, -3.0), (-0.5, 2.0), (4.2, 1.0), (1e9, 1e9), (f32::NAN, 0.0)] {
            s.draw(&mut frame, &dot(x, y, 1.5));
        }
        // Only the dot straddling the left edge touched the frame.
        assert!(frame.pixel(0, 2)[1] < 255);
        assert_eq!(frame.pixel(3, 3), [255, 255, 255, 255]);
    }

    #[test]
    fn alpha_is_kept_and_darkening_is_multiplicative() {
        let mut fair = Bitmap::filled(9, 9, [230, 200, 180, 128]).expect("size");
        let mut dark = Bitmap::filled(9, 9, [70, 45, 35, 255]).expect("size");
        let d = dot(4.5, 4.5, 2.5);
        Splatter::default().draw(&mut fair, &d);
        Splatter::default().draw(&mut dark, &d);
        assert_eq!(fair.pixel(4, 4)[3], 128);
        // Full coverage in the centre: half the light in every channel, on any skin.
        for (frame, base) in [(&fair, [230u8, 200, 180]), (&dark, [70, 45, 35])] {
            let p = frame.pixel(4, 4);
            for c in 0..3 {
                let ratio = srgb_to_linear(f32::from(p[c]) / 255.0) / srgb_to_linear(f32::from(base[c]) / 255.0);
                assert!((ratio - 0.5).abs() < 0.03, "{ratio}");
            }
        }
    }
}
