//! Scalp selection: a soft mask suggested from one tap (region growing in OKLab from
//! the seed, stopping at hair, background and strong edges), refined with a brush and
//! an eraser, with undo and redo; and the share of visible skin per cell, which keeps
//! the dots of the thinning-hair mode between the hairs.

use crate::bitmap::Bitmap;
use crate::colour::srgb_to_linear;
use crate::error::{Error, Result};
use crate::feather::smoothstep;
use std::collections::VecDeque;

/// Longest side of the working grid: selection is smooth at this size and fast.
pub const WORK_SIDE: u32 = 512;
/// The widest grid `Mask::from_cells` takes.
pub const MAX_CELLS_SIDE: u32 = 4096;
/// Longest side of the grid the backdrop is found on.
const BACKDROP_SIDE: u32 = 128;
/// Undo steps kept (each a full grid: at most 512 × 512 bytes).
pub const HISTORY: usize = 40;

/// A soft mask over a photo: `width × height` cells of 0..=255, each covering
/// `1 / cells_per_px` photo pixels per side.
#[derive(Debug, Clone, PartialEq)]
pub struct Mask {
    width: u32,
    height: u32,
    cells_per_px: f32,
    data: Vec<u8>,
}

impl Mask {
    /// An empty mask for a `photo_w × photo_h` photo.
    pub fn empty(photo_w: u32, photo_h: u32) -> Result<Mask> {
        Mask::with_side(photo_w, photo_h, WORK_SIDE)
    }

    /// An empty mask whose longest side has at most `side` cells.
    fn with_side(photo_w: u32, photo_h: u32, side: u32) -> Result<Mask> {
        if photo_w == 0 || photo_h == 0 {
            return Err(Error::InvalidRequest("a mask needs a photo of at least 1x1".into()));
        }
        let cells_per_px = (side as f32 / photo_w.max(photo_h) as f32).min(1.0);
        let width = ((photo_w as f32 * cells_per_px).round() as u32).max(1);
        let height = ((photo_h as f32 * cells_per_px).round() as u32).max(1);
        Ok(Mask { width, height, cells_per_px, data: vec![0; width as usize * height as usize] })
    }

    /// A mask from `width × height` cells (at most `MAX_CELLS_SIDE` wide; more cells than
    /// photo pixels is fine, a small photo analysed at the models' resolution) (row-major, 0..=255) spread over a
    /// `photo_w × photo_h` photo, as another module computed it (the photo analysis).
    pub fn from_cells(photo_w: u32, photo_h: u32, width: u32, height: u32, data: Vec<u8>) -> Result<Mask> {
        if photo_w == 0 || photo_h == 0 || width == 0 || height == 0 || width > MAX_CELLS_SIDE {
            return Err(Error::InvalidRequest(format!(
                "a {width}×{height} mask cannot cover a {photo_w}×{photo_h} photo"
            )));
        }
        let cells_per_px = width as f32 / photo_w as f32;
        if data.len() != width as usize * height as usize || (photo_h as f32 * cells_per_px - height as f32).abs() > 1.5
        {
            return Err(Error::InvalidRequest(format!(
                "a {width}×{height} mask with {} cells does not fit a {photo_w}×{photo_h} photo",
                data.len()
            )));
        }
        Ok(Mask { width, height, cells_per_px, data })
    }

    /// A mask for a `photo_w × photo_h` photo (on the usual working grid) with each cell
    /// set to `value(x, y)` (0..=1) at its centre in photo px.
    pub fn from_fn(photo_w: u32, photo_h: u32, value: impl Fn(f32, f32) -> f32) -> Result<Mask> {
        let mut mask = Mask::empty(photo_w, photo_h)?;
        let w = mask.width as usize;
        let step = 1.0 / mask.cells_per_px;
        for (i, cell) in mask.data.iter_mut().enumerate() {
            let (x, y) = (((i % w) as f32 + 0.5) * step, ((i / w) as f32 + 0.5) * step);
            *cell = (value(x, y).clamp(0.0, 1.0) * 255.0).round() as u8;
        }
        Ok(mask)
    }

    pub fn width(&self) -> u32 {
        self.width
    }

    pub fn height(&self) -> u32 {
        self.height
    }

    /// Photo pixels per cell side.
    pub fn px_per_cell(&self) -> f32 {
        1.0 / self.cells_per_px
    }

    /// The cells, row-major, 0..=255.
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// Mask value (0..=1) at photo pixel coordinates, bilinear; 0 outside.
    pub fn sample(&self, x: f32, y: f32) -> f32 {
        let fx = x * self.cells_per_px - 0.5;
        let fy = y * self.cells_per_px - 0.5;
        if !(fx > -1.0 && fy > -1.0 && fx < self.width as f32 && fy < self.height as f32) {
            return 0.0;
        }
        let cx = |v: f32| (v.max(0.0) as usize).min(self.width as usize - 1);
        let cy = |v: f32| (v.max(0.0) as usize).min(self.height as usize - 1);
        let (x0, y0) = (fx.floor(), fy.floor());
        let (tx, ty) = (fx - x0, fy - y0);
        let at = |x: usize, y: usize| f32::from(self.data[y * self.width as usize + x]);
        let (xa, xb, ya, yb) = (cx(x0), cx(x0 + 1.0), cy(y0), cy(y0 + 1.0));
        let top = at(xa, ya) + (at(xb, ya) - at(xa, ya)) * tx;
        let bottom = at(xa, yb) + (at(xb, yb) - at(xa, yb)) * tx;
        (top + (bottom - top) * ty) / 255.0
    }

    /// The selection's width in photo pixels: the 95th percentile of its row spans
    /// (first to last cell over one half), so a stray cell or a thin row does not
    /// decide it. None when nothing is selected.
    pub fn span_px(&self) -> Option<f32> {
        let w = self.width as usize;
        let mut spans: Vec<usize> = self
            .data
            .chunks(w)
            .filter_map(|row| {
                let first = row.iter().position(|&v| v >= 128)?;
                let last = row.iter().rposition(|&v| v >= 128)?;
                Some(last - first + 1)
            })
            .collect();
        if spans.is_empty() {
            return None;
        }
        spans.sort_unstable();
        let at = ((spans.len() - 1) as f32 * 0.95).round() as usize;
        Some(spans[at] as f32 / self.cells_per_px)
    }

    /// Paints (or erases) a soft round stroke from `from` to `to` (photo px).
    fn stroke(&mut self, from: [f32; 2], to: [f32; 2], radius_px: f32, erase: bool) {
        let s = self.cells_per_px;
        let r = (radius_px * s).max(0.5);
        let (ax, ay, bx, by) = (from[0] * s, from[1] * s, to[0] * s, to[1] * s);
        let (x0, x1) =
            ((ax.min(bx) - r - 1.0).max(0.0) as u32, ((ax.max(bx) + r + 1.0).max(0.0) as u32).min(self.width));
        let (y0, y1) =
            ((ay.min(by) - r - 1.0).max(0.0) as u32, ((ay.max(by) + r + 1.0).max(0.0) as u32).min(self.height));
        let (dx, dy) = (bx - ax, by - ay);
        let length2 = (dx * dx + dy * dy).max(1e-6);
        for y in y0..y1 {
            for x in x0..x1 {
                let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
                let t = (((px - ax) * dx + (py - ay) * dy) / length2).clamp(0.0, 1.0);
                let d = ((px - ax - t * dx).powi(2) + (py - ay - t * dy).powi(2)).sqrt();
                // Soft edge over the outer third of the radius.
                let strength = ((r - d) / (r / 3.0).max(0.5)).clamp(0.0, 1.0);
                let cell = &mut self.data[(y * self.width + x) as usize];
                let value = (strength * 255.0) as u8;
                *cell = if erase { (*cell).min(255 - value) } else { (*cell).max(value) };
            }
        }
    }
}

/// A perceptual colour (OKLab) of an sRGB pixel.
fn oklab(p: [u8; 4]) -> [f32; 3] {
    let [r, g, b] = [0, 1, 2].map(|c| srgb_to_linear(f32::from(p[c]) / 255.0));
    let l = (0.412_221_46 * r + 0.536_332_55 * g + 0.051_445_995 * b).cbrt();
    let m = (0.211_903_5 * r + 0.680_699_5 * g + 0.107_396_96 * b).cbrt();
    let s = (0.088_302_46 * r + 0.281_718_85 * g + 0.629_978_7 * b).cbrt();
    [
        0.210_454_26 * l + 0.793_617_8 * m - 0.004_072_047 * s,
        1.977_998_5 * l - 2.428_592_2 * m + 0.450_593_7 * s,
        0.025_904_037 * l + 0.782_771_77 * m - 0.808_675_77 * s,
    ]
}

/// What one tap on the skin gives: the suggested area and the skin's colour there.
#[derive(Debug, Clone)]
pub struct Selection {
    pub mask: Mask,
    /// Mean OKLab colour around the tap.
    pub skin: [f32; 3],
}

/// Suggests the treatment area from a tap on bald or thinning skin at `seed` (photo px).
pub fn select_from_tap(photo: &Bitmap, seed: [f32; 2]) -> Result<Selection> {
    let (pw, ph) = (photo.width(), photo.height());
    if !(seed.iter().all(|v| v.is_finite())
        && seed[0] >= 0.0
        && seed[1] >= 0.0
        && seed[0] < pw as f32
        && seed[1] < ph as f32)
    {
        return Err(Error::InvalidRequest("tap on the skin of the photo to select the area".into()));
    }
    let mut mask = Mask::empty(pw, ph)?;
    let (w, h) = (mask.width as usize, mask.height as usize);
    let lab = lab_grid(photo, &mask);
    let (sx, sy) =
        (((seed[0] * mask.cells_per_px) as usize).min(w - 1), ((seed[1] * mask.cells_per_px) as usize).min(h - 1));
    let (inside, mean) = grow(&lab, w, h, (sx, sy));
    // Fill holes (moles, shine spots): whatever the outside cannot reach is inside.
    let mut outside = vec![false; w * h];
    let mut queue: VecDeque<usize> =
        (0..w * h).filter(|&i| (i % w == 0 || i % w == w - 1 || i / w == 0 || i / w == h - 1) && !inside[i]).collect();
    queue.iter().for_each(|&i| outside[i] = true);
    while let Some(i) = queue.pop_front() {
        let (x, y) = (i % w, i / w);
        let neighbours =
            [(x > 0).then(|| i - 1), (x + 1 < w).then(|| i + 1), (y > 0).then(|| i - w), (y + 1 < h).then(|| i + w)];
        for j in neighbours.into_iter().flatten() {
            if !outside[j] && !inside[j] {
                outside[j] = true;
                queue.push_back(j);
            }
        }
    }
    soften(&mut mask, outside.iter().map(|&o| !o));
    Ok(Selection { mask, skin: mean })
}

/// The backdrop behind the person: what grows (as a tap selection does, without filling
/// holes) from the photo's top corners. Portraits have the wall or sky there; a head
/// cropped so tightly that hair fills a corner gives a patch of hair, which holds no
/// visible skin anyway. The grid is coarse (`BACKDROP_SIDE`), so hair and the scalp
/// between its strands average into one colour the wall's growth stops at.
pub fn backdrop(photo: &Bitmap) -> Result<Mask> {
    let mut mask = Mask::with_side(photo.width(), photo.height(), BACKDROP_SIDE)?;
    let (w, h) = (mask.width as usize, mask.height as usize);
    let lab = lab_grid(photo, &mask);
    let (left, _) = grow(&lab, w, h, (0, 0));
    let (right, _) = grow(&lab, w, h, (w - 1, 0));
    soften(&mut mask, left.iter().zip(&right).map(|(a, b)| *a || *b));
    Ok(mask)
}

/// The photo averaged into a mask's working grid, in OKLab.
fn lab_grid(photo: &Bitmap, mask: &Mask) -> Vec<[f32; 3]> {
    let (pw, ph) = (photo.width(), photo.height());
    let (w, h) = (mask.width as usize, mask.height as usize);
    let step = 1.0 / mask.cells_per_px;
    let mut lab = vec![[0f32; 3]; w * h];
    for (i, cell) in lab.iter_mut().enumerate() {
        let (cx, cy) = ((i % w) as f32, (i / w) as f32);
        let (x0, y0) = ((cx * step) as u32, (cy * step) as u32);
        let (x1, y1) = ((((cx + 1.0) * step) as u32).clamp(x0 + 1, pw), (((cy + 1.0) * step) as u32).clamp(y0 + 1, ph));
        let mut sum = [0f32; 3];
        let mut n = 0.0;
        // At most 4×4 samples a cell: plenty for colour statistics.
        let (sx, sy) = (((x1 - x0) / 4).max(1), ((y1 - y0) / 4).max(1));
        for y in (y0..y1).step_by(sy as usize) {
            for x in (x0..x1).step_by(sx as usize) {
                let v = oklab(photo.pixel(x, y));
                (0..3).for_each(|c| sum[c] += v[c]);
                n += 1.0;
            }
        }
        *cell = sum.map(|s| s / n);
    }
    lab
}

/// Region growing over a `w × h` OKLab grid from cell `seed`: the cells reached, and
/// the mean colour around the seed.
fn grow(lab: &[[f32; 3]], w: usize, h: usize, seed: (usize, usize)) -> (Vec<bool>, [f32; 3]) {
    let (sx, sy) = seed;
    // Seed statistics over a small window.
    let mut window = Vec::new();
    for y in sy.saturating_sub(3)..=(sy + 3).min(h - 1) {
        for x in sx.saturating_sub(3)..=(sx + 3).min(w - 1) {
            window.push(lab[y * w + x]);
        }
    }
    let n = window.len() as f32;
    let mean = [0, 1, 2].map(|c| window.iter().map(|v| v[c]).sum::<f32>() / n);
    // Two tests per step. Locally, a neighbour must continue the skin smoothly (shine and
    // shadow change lightness gradually; hair, background and brows change abruptly).
    // Globally, it must stay near the seed's colour: lenient on lightness, strict on hue.
    let per_cell = (WORK_SIDE as f32 / w.max(h) as f32).clamp(0.5, 2.0);
    let local_l = 0.035 * per_cell;
    let local_ab = 0.012 * per_cell;
    let accepts = |from: usize, to: usize| {
        let (a, b) = (lab[from], lab[to]);
        (a[0] - b[0]).abs() <= local_l
            && (a[1] - b[1]).hypot(a[2] - b[2]) <= local_ab
            && (b[0] - mean[0]).abs() <= 0.22
            && (b[1] - mean[1]).hypot(b[2] - mean[2]) <= 0.04
    };
    // Grow from the seed, 4-connected.
    let mut inside = vec![false; w * h];
    let mut queue = VecDeque::from([sy * w + sx]);
    inside[sy * w + sx] = true;
    while let Some(i) = queue.pop_front() {
        let (x, y) = (i % w, i / w);
        let neighbours =
            [(x > 0).then(|| i - 1), (x + 1 < w).then(|| i + 1), (y > 0).then(|| i - w), (y + 1 < h).then(|| i + w)];
        for j in neighbours.into_iter().flatten() {
            if !inside[j] && accepts(i, j) {
                inside[j] = true;
                queue.push_back(j);
            }
        }
    }
    (inside, mean)
}

/// Sets a mask from a hard selection (one bool a cell), with a soft edge: the
/// selection blurred twice with a small box.
fn soften(mask: &mut Mask, hard: impl Iterator<Item = bool>) {
    let (w, h) = (mask.width as usize, mask.height as usize);
    let mut soft: Vec<f32> = hard.map(|on| if on { 1.0 } else { 0.0 }).collect();
    for _ in 0..2 {
        let src = soft.clone();
        for y in 0..h {
            for x in 0..w {
                let mut sum = 0.0;
                let mut count = 0.0;
                for yy in y.saturating_sub(1)..=(y + 1).min(h - 1) {
                    for xx in x.saturating_sub(1)..=(x + 1).min(w - 1) {
                        sum += src[yy * w + xx];
                        count += 1.0;
                    }
                }
                soft[y * w + x] = sum / count;
            }
        }
    }
    mask.data = soft.iter().map(|v| (v * 255.0).round() as u8).collect();
}

/// The mean OKLab colour of the lightest quarter of the photo pixels where `inside`
/// holds (sampled on a grid of at most 256 × 256): a guess at the skin colour when
/// nobody tapped it, since on a head with thinning hair the skin is what is lighter
/// than the hair. None when nothing is inside.
pub fn skin_guess(photo: &Bitmap, inside: impl Fn(f32, f32) -> bool) -> Option<[f32; 3]> {
    let (pw, ph) = (photo.width(), photo.height());
    let step = (pw.max(ph) / 256).max(1);
    let mut samples: Vec<[f32; 3]> = Vec::new();
    for y in (0..ph).step_by(step as usize) {
        for x in (0..pw).step_by(step as usize) {
            if inside(x as f32 + 0.5, y as f32 + 0.5) {
                samples.push(oklab(photo.pixel(x, y)));
            }
        }
    }
    if samples.is_empty() {
        return None;
    }
    samples.sort_unstable_by(|a, b| b[0].total_cmp(&a[0]));
    let lightest = &samples[..samples.len().div_ceil(4)];
    let n = lightest.len() as f32;
    Some([0, 1, 2].map(|c| lightest.iter().map(|v| v[c]).sum::<f32>() / n))
}

/// How much a pixel looks like the reference skin (1) rather than hair or anything
/// else (0): lenient on lightness (shine and shadow), strict on hue and chroma, which
/// is what tells grey or blond hair from fair skin and dark hair from dark skin.
pub fn skin_likeness(pixel: [u8; 4], skin: [f32; 3]) -> f32 {
    let v = oklab(pixel);
    let d = ((v[0] - skin[0]) / 0.25).hypot((v[1] - skin[1]).hypot(v[2] - skin[2]) / 0.02);
    smoothstep((1.3 - d) / 0.6)
}

/// Refuses a brush stroke segment with an end that is not a position or a radius
/// outside 0.5–100 mm.
pub fn check_stroke(from: [f32; 2], to: [f32; 2], radius_mm: f32) -> Result<()> {
    let ok = from.iter().chain(&to).all(|v| v.is_finite()) && radius_mm.is_finite() && radius_mm > 0.0;
    if !ok || !(0.5..=100.0).contains(&radius_mm) {
        return Err(Error::option("brushSize", format!("must be between 0.5 and 100 mm (got {radius_mm})")));
    }
    Ok(())
}

/// The current mask with its history: tap selection, brush and eraser, undo and redo.
#[derive(Debug, Clone)]
pub struct MaskEditor {
    mask: Mask,
    undo: Vec<Vec<u8>>,
    redo: Vec<Vec<u8>>,
}

impl MaskEditor {
    pub fn new(mask: Mask) -> MaskEditor {
        MaskEditor { mask, undo: Vec::new(), redo: Vec::new() }
    }

    pub fn mask(&self) -> &Mask {
        &self.mask
    }

    fn remember(&mut self) {
        self.undo.push(self.mask.data.clone());
        if self.undo.len() > HISTORY {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Replaces the mask (a new tap selection), undoably.
    pub fn replace(&mut self, mask: Mask) -> Result<()> {
        if (mask.width, mask.height) != (self.mask.width, self.mask.height) {
            return Err(Error::InvalidRequest("that mask was made for another photo".into()));
        }
        self.remember();
        self.mask = mask;
        Ok(())
    }

    /// Starts a brush or eraser stroke: one undo step per stroke, however long.
    pub fn begin_stroke(&mut self) {
        self.remember();
    }

    /// Paints (or erases) a stroke segment; `radius_mm` at `px_per_mm`. Any numbers are
    /// safe (off the mask nothing is painted); [`check_stroke`] says which strokes a
    /// person may make.
    pub fn paint(&mut self, from: [f32; 2], to: [f32; 2], radius_mm: f32, px_per_mm: f32, erase: bool) {
        self.mask.stroke(from, to, radius_mm * px_per_mm, erase);
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo(&mut self) -> bool {
        let Some(previous) = self.undo.pop() else { return false };
        self.redo.push(std::mem::replace(&mut self.mask.data, previous));
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some(next) = self.redo.pop() else { return false };
        self.undo.push(std::mem::replace(&mut self.mask.data, next));
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fair skin disc with a shine spot and a mole on dark hair.
    fn head(skin: [u8; 4]) -> Bitmap {
        let mut photo = Bitmap::filled(300, 240, [40, 30, 25, 255]).expect("size");
        for y in 0..240u32 {
            for x in 0..300u32 {
                let (dx, dy) = (x as f32 - 150.0, y as f32 - 120.0);
                if dx * dx / 100.0f32.powi(2) + dy * dy / 80.0f32.powi(2) <= 1.0 {
                    let shine = (dx + 30.0).powi(2) + (dy + 30.0).powi(2) < 200.0;
                    let mole = (dx - 40.0).powi(2) + dy.powi(2) < 9.0;
                    let p = if mole {
                        [60, 40, 30, 255]
                    } else if shine {
                        [255, 250, 245, 255]
                    } else {
                        skin
                    };
                    let i = ((y * 300 + x) * 4) as usize;
                    photo.data_mut()[i..i + 4].copy_from_slice(&p);
                }
            }
        }
        photo
    }

    fn iou(mask: &Mask, truth: impl Fn(f32, f32) -> bool, w: u32, h: u32) -> f32 {
        let (mut both, mut either) = (0, 0);
        for y in (0..h).step_by(2) {
            for x in (0..w).step_by(2) {
                let (a, b) = (mask.sample(x as f32 + 0.5, y as f32 + 0.5) > 0.5, truth(x as f32, y as f32));
                both += usize::from(a && b);
                either += usize::from(a || b);
            }
        }
        both as f32 / either as f32
    }

    #[test]
    fn a_tap_selects_the_skin_not_the_hair_with_shine_and_moles_filled() {
        for skin in [[236, 200, 180, 255], [160, 110, 80, 255], [92, 60, 45, 255]] {
            let photo = head(skin);
            let mask = select_from_tap(&photo, [150.0, 120.0]).expect("selects").mask;
            let truth = |x: f32, y: f32| (x - 150.0).powi(2) / 1e4 + (y - 120.0).powi(2) / 6400.0 <= 1.0;
            let score = iou(&mask, truth, 300, 240);
            assert!(score > 0.9, "{skin:?}: IoU {score}");
            assert!(mask.sample(120.0, 90.0) > 0.9, "{skin:?}: shine spot included");
            assert!(mask.sample(5.0, 5.0) < 0.01);
        }
        assert!(select_from_tap(&head([236, 200, 180, 255]), [-1.0, 5.0]).is_err());
        assert!(select_from_tap(&head([236, 200, 180, 255]), [f32::NAN, 5.0]).is_err());
    }

    #[test]
    fn the_selection_measures_its_width_and_knows_the_skin_colour() {
        let photo = head([160, 110, 80, 255]);
        let selection = select_from_tap(&photo, [150.0, 120.0]).expect("selects");
        let span = selection.mask.span_px().expect("something selected");
        assert!((span - 200.0).abs() < 6.0, "the disc is 200 px wide, measured {span}");
        assert!(skin_likeness([160, 110, 80, 255], selection.skin) > 0.95);
        assert!(skin_likeness([40, 30, 25, 255], selection.skin) < 0.05, "dark hair is not skin");
        assert!(Mask::empty(10, 10).expect("mask").span_px().is_none());
    }

    #[test]
    fn skin_is_told_from_hair_on_every_tone() {
        for (skin, hair) in [
            ([236, 200, 180, 255], [60, 45, 35, 255]),    // fair skin, brown hair
            ([236, 200, 180, 255], [200, 190, 170, 255]), // fair skin, grey-blond hair
            ([92, 60, 45, 255], [25, 20, 20, 255]),       // dark skin, black hair
            ([92, 60, 45, 255], [60, 45, 35, 255]),       // dark skin, dark brown hair
        ] {
            // Three hairs in four pixels: the lightest quarter is the skin between them.
            let mut photo = Bitmap::filled(40, 40, hair).expect("photo");
            for y in 0..40 {
                for x in (0..40).step_by(4) {
                    photo.set_pixel(x, y, skin);
                }
            }
            let guess = skin_guess(&photo, |_, _| true).expect("samples");
            assert!(skin_likeness(skin, guess) > 0.9, "{skin:?} recognised");
            // Shine and shadow on the same skin still count.
            let [r, g, b, a] = skin;
            let shadow = [r, g, b].map(|c| (f32::from(c) * 0.8) as u8);
            assert!(skin_likeness([shadow[0], shadow[1], shadow[2], a], guess) > 0.6, "{skin:?} in shadow");
            assert!(skin_likeness(hair, guess) < 0.1, "{hair:?} on {skin:?} is hair");
        }
        assert!(skin_guess(&Bitmap::filled(4, 4, [0; 4]).expect("photo"), |_, _| false).is_none());
    }

    #[test]
    fn brush_eraser_undo_and_redo() {
        let mut editor = MaskEditor::new(Mask::empty(400, 300).expect("mask"));
        assert!(!editor.can_undo());
        editor.begin_stroke();
        editor.paint([100.0, 100.0], [200.0, 100.0], 10.0, 2.0, false);
        assert!(editor.mask().sample(150.0, 100.0) > 0.99);
        assert!(editor.mask().sample(150.0, 140.0) < 0.01);
        editor.begin_stroke();
        editor.paint([150.0, 80.0], [150.0, 120.0], 3.0, 2.0, true);
        assert!(editor.mask().sample(150.0, 100.0) < 0.01);
        assert!(editor.undo());
        assert!(editor.mask().sample(150.0, 100.0) > 0.99);
        assert!(editor.redo());
        assert!(editor.mask().sample(150.0, 100.0) < 0.01);
        assert!(editor.undo() && editor.undo() && !editor.undo());
        assert!(editor.mask().data().iter().all(|&v| v == 0));
        assert!(check_stroke([0.0, 0.0], [1.0, 1.0], 0.0).is_err());
        assert!(check_stroke([f32::NAN, 0.0], [1.0, 1.0], 2.0).is_err());
        assert!(check_stroke([0.0, 0.0], [1.0, 1.0], 2.0).is_ok());
        // Off-photo strokes and numbers a person may not use are harmless.
        editor.paint([-500.0, -500.0], [-400.0, -400.0], 5.0, 2.0, false);
        editor.paint([f32::NAN, 0.0], [f32::INFINITY, 1e30], f32::NAN, 2.0, false);
        editor.paint([0.0, 0.0], [1.0, 1.0], 1e30, f32::MAX, true);
        assert!(editor.mask().data().iter().all(|&v| v == 0));
    }

    #[test]
    fn history_is_bounded() {
        let mut editor = MaskEditor::new(Mask::empty(100, 100).expect("mask"));
        for i in 0..HISTORY + 10 {
            editor.begin_stroke();
            editor.paint([i as f32, 10.0], [i as f32, 20.0], 1.0, 1.0, false);
        }
        let mut steps = 0;
        while editor.undo() {
            steps += 1;
        }
        assert_eq!(steps, HISTORY);
    }

    #[test]
    fn masks_from_cells_fit_their_photo_and_sample_where_they_should() {
        let cells: Vec<u8> = (0..40 * 30).map(|i| if i % 40 < 20 { 255 } else { 0 }).collect();
        let m = Mask::from_cells(400, 300, 40, 30, cells.clone()).expect("fits");
        assert!(m.sample(50.0, 150.0) > 0.99 && m.sample(350.0, 150.0) < 0.01);
        assert!(Mask::from_cells(400, 300, 40, 20, vec![0; 800]).is_err(), "wrong shape");
        assert!(Mask::from_cells(400, 300, 40, 30, vec![0; 10]).is_err(), "too few cells");
        assert!(Mask::from_cells(400, 300, 0, 30, vec![]).is_err());
        let f = Mask::from_fn(400, 300, |x, _| if x < 200.0 { 1.0 } else { 0.0 }).expect("fn");
        assert!(f.sample(50.0, 150.0) > 0.99 && f.sample(350.0, 150.0) < 0.01);
    }
}
