//! Faces: MediaPipe's short-range face detector (BlazeFace, 128 × 128 input), its
//! anchors and box decoding as MediaPipe's own graph configures them.

use crate::error::Result;
use crate::image::{Letterbox, Rgba};
use crate::nn::Model;

const SIDE: u32 = 128;
/// Below this score a detection is not even a candidate (MediaPipe's own threshold is
/// 0.5; weaker candidates are kept for the face mesh to confirm, see `understand`).
pub const MIN_SCORE: f32 = 0.3;
/// Detections overlapping more than this (intersection over union) are one face.
const SAME_FACE_IOU: f32 = 0.3;

/// One face in photo pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Face {
    pub score: f32,
    /// Box: min x, min y, max x, max y.
    pub bounds: [f32; 4],
    /// The eye centres as seen in the photo: `[left, right]` by x.
    pub eyes: [[f32; 2]; 2],
    pub nose: [f32; 2],
    pub mouth: [f32; 2],
    /// The ear tragions as seen in the photo: `[left, right]` by x.
    pub ears: [[f32; 2]; 2],
}

/// The 896 anchor centres (input fractions): 16×16 cells × 2 at stride 8, 8×8 × 6 at 16.
fn anchors() -> Vec<[f32; 2]> {
    let mut out = Vec::with_capacity(896);
    for (grid, per_cell) in [(16, 2), (8, 6)] {
        for y in 0..grid {
            for x in 0..grid {
                for _ in 0..per_cell {
                    out.push([(x as f32 + 0.5) / grid as f32, (y as f32 + 0.5) / grid as f32]);
                }
            }
        }
    }
    out
}

fn iou(a: &[f32; 4], b: &[f32; 4]) -> f32 {
    let w = (a[2].min(b[2]) - a[0].max(b[0])).max(0.0);
    let h = (a[3].min(b[3]) - a[1].max(b[1])).max(0.0);
    let inter = w * h;
    let union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
    if union > 0.0 {
        inter / union
    } else {
        0.0
    }
}

/// All faces in the photo, best first, after weighted non-maximum suppression.
pub fn detect(model: &Model, photo: &Rgba) -> Result<Vec<Face>> {
    detect_in(model, photo, Letterbox::fit(photo, SIDE))
}

/// As `detect`, with the photo shrunk `zoom_out` times (> 1) in the middle of the
/// detector's input: the short-range model misses faces that fill the frame (a bowed
/// head seen from close by), which it finds once they are smaller.
pub fn detect_zoomed_out(model: &Model, photo: &Rgba, zoom_out: f32) -> Result<Vec<Face>> {
    let scale = SIDE as f32 / (photo.width.max(photo.height) as f32 * zoom_out.max(1.0));
    let offset =
        [-(SIDE as f32 / scale - photo.width as f32) / 2.0, -(SIDE as f32 / scale - photo.height as f32) / 2.0];
    detect_in(model, photo, Letterbox { scale, offset })
}

fn detect_in(model: &Model, photo: &Rgba, fit: Letterbox) -> Result<Vec<Face>> {
    let outputs = model.run(&fit.tensor(photo, SIDE, -1.0, 1.0))?;
    let (boxes, scores) = match outputs.as_slice() {
        [boxes, scores] if boxes.len() == 896 * 16 && scores.len() == 896 => (boxes, scores),
        _ => return Err(crate::Error::Model("the face detector's outputs have unexpected sizes".into())),
    };
    let side = SIDE as f32;
    // Raw candidates: (score, 8 points in input px: box corners and 6 keypoints).
    let mut candidates: Vec<(f32, [f32; 16])> = Vec::new();
    for (i, anchor) in anchors().iter().enumerate() {
        let score = 1.0 / (1.0 + (-scores[i].clamp(-100.0, 100.0)).exp());
        if score < MIN_SCORE {
            continue;
        }
        let r = &boxes[i * 16..][..16];
        let (cx, cy) = (anchor[0] * side + r[0], anchor[1] * side + r[1]);
        let mut v = [0.0; 16];
        v[..4].copy_from_slice(&[cx - r[2] / 2.0, cy - r[3] / 2.0, cx + r[2] / 2.0, cy + r[3] / 2.0]);
        for k in 0..6 {
            v[4 + 2 * k] = anchor[0] * side + r[4 + 2 * k];
            v[5 + 2 * k] = anchor[1] * side + r[5 + 2 * k];
        }
        candidates.push((score, v));
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
    // Weighted NMS: each face is the score-weighted mean of the candidates it absorbs.
    let mut faces = Vec::new();
    while let Some(&(best, first)) = candidates.first() {
        let top = [first[0], first[1], first[2], first[3]];
        let (same, rest): (Vec<_>, Vec<_>) =
            candidates.into_iter().partition(|(_, v)| iou(&top, &[v[0], v[1], v[2], v[3]]) > SAME_FACE_IOU);
        candidates = rest;
        let total: f32 = same.iter().map(|(s, _)| s).sum();
        let mut mean = [0.0f32; 16];
        for (s, v) in &same {
            (0..16).for_each(|k| mean[k] += v[k] * s / total);
        }
        let point = |k: usize| fit.to_photo([mean[4 + 2 * k], mean[5 + 2 * k]]);
        let (a, b) = (fit.to_photo([mean[0], mean[1]]), fit.to_photo([mean[2], mean[3]]));
        let by_x = |p: [f32; 2], q: [f32; 2]| if p[0] <= q[0] { [p, q] } else { [q, p] };
        faces.push(Face {
            score: best,
            bounds: [a[0], a[1], b[0], b[1]],
            eyes: by_x(point(0), point(1)),
            nose: point(2),
            mouth: point(3),
            ears: by_x(point(4), point(5)),
        });
    }
    Ok(faces)
}
