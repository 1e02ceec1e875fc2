//! The renderer: a photo with its treatment weights, scale and options, and rendering
//! a region of it at any resolution (base photo resampled, then every visible dot
//! splatted on top), with caches. Where the weights and the scale come from is the
//! `Session`'s business (`session.rs`): it sets them from its design.

use crate::bitmap::{Bitmap, MAX_SIDE};
use crate::coverage::WeightMap;
use crate::error::{Error, Result};
use crate::options::Options;
use crate::pattern::{rank_density, Pattern, TILE_MM};
use crate::pigment::Pigment;
use crate::rng::hash;
use crate::splat::{Dot, Splatter};
use std::sync::Arc;

/// Largest frame rendered in one call, in pixels (a 50 MP export fits).
pub const MAX_FRAME_PIXELS: u64 = 52_000_000;
/// Allowed photo scale, pixels per mm: from a small, far-away head to a macro close-up.
pub const SCALE_RANGE: (f32, f32) = (0.5, 200.0);
/// Most pattern tiles (32 mm squares) one frame walks: a 16384-pixel frame at the
/// smallest scale spans about 1000 × 1000 mm, 1000 tiles.
const MAX_TILES_PER_FRAME: i64 = 4096;
/// Adult head width used to guess a scale when nothing better is known (mm).
pub const HEAD_WIDTH_MM: f32 = 150.0;

/// Which part of the photo to render, and at what size. The region is in photo pixels
/// (may extend past the photo: outside is transparent); the output is
/// `out_width × out_height` pixels covering exactly that region.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub out_width: u32,
    pub out_height: u32,
}

impl View {
    /// The whole photo at its own resolution (export).
    pub fn full(width: u32, height: u32) -> View {
        View {
            x: 0.0,
            y: 0.0,
            width: f64::from(width),
            height: f64::from(height),
            out_width: width,
            out_height: height,
        }
    }

    fn validate(&self) -> Result<()> {
        let finite = [self.x, self.y, self.width, self.height].iter().all(|v| v.is_finite());
        if !finite || self.width <= 0.0 || self.height <= 0.0 {
            return Err(Error::InvalidRequest(format!(
                "render region must have a finite position and positive size (got {:?})",
                (self.x, self.y, self.width, self.height)
            )));
        }
        let pixels = u64::from(self.out_width) * u64::from(self.out_height);
        if self.out_width == 0
            || self.out_height == 0
            || self.out_width > MAX_SIDE
            || self.out_height > MAX_SIDE
            || pixels > MAX_FRAME_PIXELS
        {
            return Err(Error::InvalidRequest(format!(
                "output size {}x{} is outside 1..={MAX_SIDE} per side and {MAX_FRAME_PIXELS} pixels",
                self.out_width, self.out_height
            )));
        }
        Ok(())
    }
}

/// Height of the row bands dots are sorted into before drawing, output pixels.
const DRAW_BAND_PX: f64 = 8.0;

/// A guess of the photo's scale from its width, assuming the head spans ~60% of it.
pub fn guess_px_per_mm(photo_width: u32) -> f32 {
    (0.6 * photo_width as f32 / HEAD_WIDTH_MM).clamp(SCALE_RANGE.0, SCALE_RANGE.1)
}

/// Photo plus a chain of half-size copies for fast, smooth downscaled views.
struct Mipmaps {
    levels: Vec<Bitmap>,
}

impl Mipmaps {
    fn new(photo: Bitmap) -> Self {
        let mut levels = vec![photo];
        while let Some(last) = levels.last() {
            if last.width().max(last.height()) <= 256 {
                break;
            }
            let next = last.half();
            levels.push(next);
        }
        Mipmaps { levels }
    }

    fn original(&self) -> &Bitmap {
        &self.levels[0]
    }
}

/// What a render needs: photo, treatment weights, scale and options, with caches that
/// are invalidated only by what changed (a density drag re-splats dots on a cached base).
/// Without a weight map nothing is treated.
pub struct Scene {
    photo: Option<Mipmaps>,
    weight: Option<WeightMap>,
    px_per_mm: f32,
    options: Options,
    pigment: Pigment,
    pattern: Arc<Pattern>,
    base_cache: Option<(View, Bitmap)>,
    /// The last frame [`Scene::render_frame`] drew; its allocation is reused.
    frame: Option<Bitmap>,
    splatter: Splatter,
    /// Scratch lists of a frame's dots, as generated and sorted into row bands.
    dot_buffer: Vec<Dot>,
    band_buffer: Vec<Dot>,
}

impl Default for Scene {
    fn default() -> Self {
        Self::new()
    }
}

impl Scene {
    pub fn new() -> Self {
        let options = Options::default();
        // The defaults are valid by construction (tested in `options`).
        let pigment = Pigment::new(&options).unwrap_or_else(|_| unreachable!("default options are valid"));
        Scene {
            photo: None,
            weight: None,
            px_per_mm: 4.0,
            pattern: Pattern::cached(options.seed),
            options,
            pigment,
            base_cache: None,
            frame: None,
            splatter: Splatter::default(),
            dot_buffer: Vec::new(),
            band_buffer: Vec::new(),
        }
    }

    /// Replaces the photo; the scale resets to a guess from its width and the weight
    /// map is dropped (nothing is treated until one is set).
    pub fn set_photo(&mut self, photo: Bitmap) {
        self.px_per_mm = guess_px_per_mm(photo.width());
        self.weight = None;
        self.base_cache = None;
        self.photo = Some(Mipmaps::new(photo));
    }

    /// Forgets the photo (and what was derived from it) to make room for the next one.
    pub fn clear_photo(&mut self) {
        self.photo = None;
        self.weight = None;
        self.base_cache = None;
        self.frame = None;
        self.splatter.release();
        self.dot_buffer = Vec::new();
        self.band_buffer = Vec::new();
    }

    pub fn photo(&self) -> Option<&Bitmap> {
        self.photo.as_ref().map(Mipmaps::original)
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Validates and applies options; on error nothing changes.
    pub fn set_options(&mut self, options: Options) -> Result<()> {
        let pigment = Pigment::new(&options)?;
        if options.seed != self.pattern.seed() {
            self.pattern = Pattern::cached(options.seed);
        }
        self.pigment = pigment;
        self.options = options;
        Ok(())
    }

    pub fn px_per_mm(&self) -> f32 {
        self.px_per_mm
    }

    /// Sets the photo's scale; on error nothing changes.
    pub fn set_px_per_mm(&mut self, px_per_mm: f32) -> Result<()> {
        if !(px_per_mm.is_finite() && (SCALE_RANGE.0..=SCALE_RANGE.1).contains(&px_per_mm)) {
            return Err(Error::option(
                "scale",
                format!("must be between {} and {} pixels per mm (got {px_per_mm})", SCALE_RANGE.0, SCALE_RANGE.1),
            ));
        }
        self.px_per_mm = px_per_mm;
        Ok(())
    }

    /// Sets where dots go. The map must have been made for this photo's size.
    pub fn set_weight_map(&mut self, map: WeightMap) -> Result<()> {
        if self.photo.is_none() {
            return Err(Error::NoPhoto);
        }
        self.weight = Some(map);
        Ok(())
    }

    /// Renders `view` (the photo region resampled to the output size with the pigment
    /// composited in) into a frame the scene keeps and reuses, from a base cached per
    /// view: no allocation once it has the view's size, and a density drag re-splats
    /// dots only. For callers that copy the pixels out or put them on a canvas at once.
    /// Equal, pixel for pixel, to [`Scene::render`].
    pub fn render_frame(&mut self, view: View) -> Result<&Bitmap> {
        view.validate()?;
        let mips = self.photo.as_ref().ok_or(Error::NoPhoto)?;
        if !matches!(&self.base_cache, Some((cached, _)) if *cached == view) {
            self.base_cache = Some((view, resample(mips, &view)?));
        }
        let Some((_, base)) = &self.base_cache else { return Err(Error::NoPhoto) };
        let mut frame = match self.frame.take() {
            Some(mut frame) if frame.width() == base.width() && frame.height() == base.height() => {
                frame.data_mut().copy_from_slice(base.data());
                frame
            }
            _ => base.clone(),
        };
        self.composite(&mut frame, &view);
        Ok(self.frame.insert(frame))
    }

    /// Mean colour (straight sRGB) of the photo where it is treated (weight ≥ ½),
    /// sampled every few pixels; `None` without a photo or a treated area.
    pub fn treated_skin(&self) -> Option<[u8; 3]> {
        let (photo, weight) = (self.photo()?, self.weight.as_ref()?);
        let step = (photo.width().max(photo.height()) / 256).max(1) as usize;
        let (mut sum, mut n) = ([0.0f32; 3], 0.0f32);
        for y in (0..photo.height()).step_by(step) {
            for x in (0..photo.width()).step_by(step) {
                if weight.sample(x as f32 + 0.5, y as f32 + 0.5) >= 0.5 {
                    let p = photo.pixel(x, y);
                    (0..3).for_each(|c| sum[c] += crate::colour::srgb_to_linear(f32::from(p[c]) / 255.0));
                    n += 1.0;
                }
            }
        }
        (n > 0.0).then(|| sum.map(|v| (crate::colour::linear_to_srgb(v / n) * 255.0).round() as u8))
    }

    /// Draws the pigment of `view` into `frame` (the photo region at the output size).
    fn composite(&mut self, frame: &mut Bitmap, view: &View) {
        let Scene { weight, px_per_mm, options, pigment, pattern, splatter, dot_buffer, band_buffer, .. } = self;
        let Some(weight) = weight.as_ref() else { return };
        let source = DotSource { weight, px_per_mm: *px_per_mm, options, pigment, pattern };
        splatter.set_dither_origin(
            (view.x * f64::from(view.out_width) / view.width).round() as i64,
            (view.y * f64::from(view.out_height) / view.height).round() as i64,
        );
        // Added in bands of rows, top to bottom: the pattern yields dots scattered over
        // a tile, and adding them in that order misses the cache on nearly every row.
        // (The order does not change the result: coverage adds up in integers.)
        dot_buffer.clear();
        source.for_each(view, |dot| dot_buffer.push(*dot));
        let last_band = f64::from(frame.height()) / DRAW_BAND_PX;
        let band = |dot: &Dot| (f64::from(dot.y) / DRAW_BAND_PX).floor().clamp(0.0, last_band) as usize;
        sort_into_bands(dot_buffer, band_buffer, band);
        splatter.begin(frame.width(), frame.height(), pigment.absorb());
        for dot in band_buffer.iter() {
            splatter.add(dot);
        }
        splatter.finish(frame);
    }

    /// The photo alone for `view`, without pigment (the "before" picture): the base
    /// [`Scene::render_frame`] cached when it drew the same view, else resampled (and not
    /// cached: an export's strips must not evict the view's base).
    pub fn render_base(&self, view: View) -> Result<Bitmap> {
        view.validate()?;
        let mips = self.photo.as_ref().ok_or(Error::NoPhoto)?;
        match &self.base_cache {
            Some((cached, base)) if *cached == view => Ok(base.clone()),
            _ => resample(mips, &view),
        }
    }

    /// Renders `view` into a new frame, bypassing the base and frame caches: for
    /// exports, which render the full-resolution photo strip by strip (see
    /// `Session::render_rows`), so that neither a full-size frame nor a full-size cached
    /// base is ever held in wasm memory.
    /// Dots crossing a strip edge are drawn in both strips with the same weights: the
    /// seams are exact. Output: straight RGBA8 sRGB, stride `out_width * 4`.
    pub fn render(&mut self, view: View) -> Result<Bitmap> {
        view.validate()?;
        let mips = self.photo.as_ref().ok_or(Error::NoPhoto)?;
        let mut frame = resample(mips, &view)?;
        self.composite(&mut frame, &view);
        Ok(frame)
    }

    /// The whole photo at full resolution with the pigment in it.
    pub fn render_full(&mut self) -> Result<Bitmap> {
        let photo = self.photo().ok_or(Error::NoPhoto)?;
        let view = View::full(photo.width(), photo.height());
        self.render(view)
    }

    /// The dots `view` shows, in output pixel coordinates, without drawing them (for
    /// tests, and for the benchmark's Canvas2D peer that draws the same dots).
    pub fn dots(&self, view: View) -> Result<Vec<Dot>> {
        view.validate()?;
        self.photo.as_ref().ok_or(Error::NoPhoto)?;
        let mut dots = Vec::new();
        if let Some(weight) = self.weight.as_ref() {
            let source = DotSource {
                weight,
                px_per_mm: self.px_per_mm,
                options: &self.options,
                pigment: &self.pigment,
                pattern: &self.pattern,
            };
            source.for_each(&view, |dot| dots.push(*dot));
        }
        Ok(dots)
    }
}

/// Counting sort of `dots` into `out` by `band` (stable, linear time).
fn sort_into_bands(dots: &[Dot], out: &mut Vec<Dot>, band: impl Fn(&Dot) -> usize) {
    out.clear();
    let Some(last) = dots.iter().map(&band).max() else { return };
    let mut starts = vec![0usize; last + 2];
    for dot in dots {
        starts[band(dot) + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    out.resize(dots.len(), dots[0]);
    for dot in dots {
        let slot = &mut starts[band(dot)];
        out[*slot] = *dot;
        *slot += 1;
    }
}

/// Copies (1:1, integer offset) or bilinearly resamples the region from the mip level
/// closest above the output resolution. Outside the photo: transparent black.
fn resample(mips: &Mipmaps, view: &View) -> Result<Bitmap> {
    let mut out = Bitmap::from_rgba(
        view.out_width,
        view.out_height,
        vec![0; view.out_width as usize * view.out_height as usize * 4],
    )?;
    let photo = mips.original();
    let one_to_one = view.width == f64::from(view.out_width)
        && view.height == f64::from(view.out_height)
        && view.x.fract() == 0.0
        && view.y.fract() == 0.0;
    if one_to_one {
        copy_region(photo, &mut out, view.x as i64, view.y as i64);
        return Ok(out);
    }
    let step_x = view.width / f64::from(view.out_width);
    let step_y = view.height / f64::from(view.out_height);
    let level = (step_x.min(step_y).max(1.0).log2().floor() as usize).min(mips.levels.len() - 1);
    let src = &mips.levels[level];
    let factor = f64::from(src.width()) / f64::from(photo.width());
    let factor_y = f64::from(src.height()) / f64::from(photo.height());
    let (sw, sh) = (src.width() as i64, src.height() as i64);
    let (pw, ph) = (f64::from(photo.width()), f64::from(photo.height()));
    // Where an output coordinate samples the source: the two neighbours and the weight of
    // the second in 1/256 steps, or None outside the photo. Worked out once per column
    // and per row rather than per pixel (this runs for every pan and zoom frame).
    let taps = |o: usize, start: f64, step: f64, extent: f64, factor: f64, size: i64| {
        let p = start + (o as f64 + 0.5) * step;
        if !(p >= 0.0 && p < extent) {
            return None;
        }
        let f = (p * factor - 0.5).max(0.0);
        let i0 = (f.floor() as i64).min(size - 1);
        let i1 = (i0 + 1).min(size - 1);
        let t = ((f - i0 as f64).min(1.0) * 256.0 + 0.5) as u32;
        Some((i0 as usize, i1 as usize, t))
    };
    let columns: Vec<_> = (0..view.out_width as usize).map(|ox| taps(ox, view.x, step_x, pw, factor, sw)).collect();
    let sdata = src.data();
    let stride = sw as usize * 4;
    let ow = view.out_width as usize;
    let data = out.data_mut();
    for oy in 0..view.out_height as usize {
        let Some((y0, y1, ty)) = taps(oy, view.y, step_y, ph, factor_y, sh) else { continue };
        let (top_row, bottom_row) = (&sdata[y0 * stride..(y0 + 1) * stride], &sdata[y1 * stride..(y1 + 1) * stride]);
        let out_row = &mut data[oy * ow * 4..(oy + 1) * ow * 4];
        for (pixel, column) in out_row.chunks_exact_mut(4).zip(&columns) {
            let Some((x0, x1, tx)) = *column else { continue };
            let texel = |row: &[u8], x: usize| -> [u8; 4] { row[x * 4..x * 4 + 4].try_into().unwrap_or([0; 4]) };
            let (p00, p10, p01, p11) =
                (texel(top_row, x0), texel(top_row, x1), texel(bottom_row, x0), texel(bottom_row, x1));
            for c in 0..4 {
                let top = u32::from(p00[c]) * (256 - tx) + u32::from(p10[c]) * tx;
                let bottom = u32::from(p01[c]) * (256 - tx) + u32::from(p11[c]) * tx;
                pixel[c] = ((top * (256 - ty) + bottom * ty + 32768) >> 16) as u8;
            }
        }
    }
    Ok(out)
}

/// Copies the photo into `out` with the photo's (x0, y0) at the output's origin.
fn copy_region(photo: &Bitmap, out: &mut Bitmap, x0: i64, y0: i64) {
    let (pw, ph) = (photo.width() as i64, photo.height() as i64);
    let (ow, oh) = (out.width() as i64, out.height() as i64);
    let xs = x0.max(0);
    let xe = (x0 + ow).min(pw);
    if xs >= xe {
        return;
    }
    let pdata = photo.data();
    let odata = out.data_mut();
    for oy in 0..oh {
        let py = y0 + oy;
        if py < 0 || py >= ph {
            continue;
        }
        let src = ((py * pw + xs) * 4) as usize;
        let dst = ((oy * ow + (xs - x0)) * 4) as usize;
        let len = ((xe - xs) * 4) as usize;
        odata[dst..dst + len].copy_from_slice(&pdata[src..src + len]);
    }
}

/// What decides which dots a view shows and how they look.
struct DotSource<'a> {
    weight: &'a WeightMap,
    px_per_mm: f32,
    options: &'a Options,
    pigment: &'a Pigment,
    pattern: &'a Pattern,
}

impl DotSource<'_> {
    /// Calls `visit` with every dot that can touch `view`, in output pixel coordinates:
    /// walks the pattern tiles overlapping the view and keeps each point whose rank is
    /// within the local density (density × weight).
    fn for_each(&self, view: &View, mut visit: impl FnMut(&Dot)) {
        let scale_x = (f64::from(view.out_width) / view.width) as f32;
        let scale_y = (f64::from(view.out_height) / view.height) as f32;
        let px_per_mm = self.px_per_mm;
        let out_px_per_mm = px_per_mm * (scale_x * scale_y).sqrt();
        // Below this every dot is far smaller than a pixel: nothing to draw.
        if out_px_per_mm.is_nan() || out_px_per_mm < 0.01 {
            return;
        }
        // Impressions just outside still reach in with their jitter, soft edge and halo.
        let margin_mm = self.pigment.max_reach_mm() + 2.0 / out_px_per_mm;
        let mm = |v: f64| v as f32 / px_per_mm;
        // Only where the photo is can there be weight: clip the walk to it, so a far-off
        // or gigantic region costs nothing.
        let (photo_w, photo_h) =
            (self.weight.photo_width() as f32 / px_per_mm, self.weight.photo_height() as f32 / px_per_mm);
        let left = (mm(view.x) - margin_mm).max(-margin_mm);
        let top = (mm(view.y) - margin_mm).max(-margin_mm);
        let right = (mm(view.x + view.width) + margin_mm).min(photo_w + margin_mm);
        let bottom = (mm(view.y + view.height) + margin_mm).min(photo_h + margin_mm);
        if !(left < right && top < bottom) {
            return;
        }
        // The sessions performed show their share of the chosen (final) density.
        let course = self.pigment.course_share();
        let count = self.pattern.count_for_density(self.options.density * course);
        let points = &self.pattern.points()[..count];
        let (tx0, tx1) = ((left / TILE_MM).floor() as i32, (right / TILE_MM).floor() as i32);
        let (ty0, ty1) = ((top / TILE_MM).floor() as i32, (bottom / TILE_MM).floor() as i32);
        // Beyond this the dots are far below a pixel and the walk would take seconds.
        let tiles = (i64::from(tx1) - i64::from(tx0) + 1) * (i64::from(ty1) - i64::from(ty0) + 1);
        if !(0..=MAX_TILES_PER_FRAME).contains(&tiles) {
            return;
        }
        for ty in ty0..=ty1 {
            for tx in tx0..=tx1 {
                let (ox, oy) = (tx as f32 * TILE_MM, ty as f32 * TILE_MM);
                // Points come in rank order: a tile's dots are a prefix of them, as long
                // as its highest weight allows (none where nothing is treated).
                let (x0, y0) = (ox.max(left) * px_per_mm, oy.max(top) * px_per_mm);
                let (x1, y1) = ((ox + TILE_MM).min(right) * px_per_mm, (oy + TILE_MM).min(bottom) * px_per_mm);
                let most = self.options.density * course * self.weight.max_in(x0, y0, x1, y1);
                let visible = (self.pattern.count_for_density(most) + 1).min(points.len());
                for (rank, p) in points[..visible].iter().enumerate() {
                    let (mx, my) = (ox + p[0], oy + p[1]);
                    if mx < left || mx > right || my < top || my > bottom {
                        continue;
                    }
                    let (photo_x, photo_y) = (mx * px_per_mm, my * px_per_mm);
                    let local = self.options.density * self.weight.sample(photo_x, photo_y);
                    let appears_at = rank_density(rank);
                    if appears_at > local * course {
                        continue;
                    }
                    let session = self.pigment.session_of(appears_at / local);
                    let impression = self.pigment.impression(hash(&[tx as u32, ty as u32, rank as u32]), session);
                    for deposit in impression.deposits() {
                        let radius = 0.5 * deposit.diameter_mm * out_px_per_mm;
                        let stretch = deposit.aspect.sqrt();
                        let x = f64::from(photo_x + deposit.dx_mm * px_per_mm) - view.x;
                        let y = f64::from(photo_y + deposit.dy_mm * px_per_mm) - view.y;
                        visit(&Dot {
                            x: x as f32 * scale_x,
                            y: y as f32 * scale_y,
                            rx: radius * stretch,
                            ry: radius / stretch,
                            angle: deposit.angle,
                            softness: deposit.softness,
                            absorb: deposit.absorb,
                            halo_sigma: deposit.halo_sigma_mm * out_px_per_mm,
                            halo_ratio: deposit.halo_ratio,
                        });
                    }
                }
            }
        }
    }
}
