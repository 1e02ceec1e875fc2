//! The face mesh: MediaPipe's face landmark model (468 points with depth) on a crop
//! around a detected face, rotated upright by the eyes, as MediaPipe's own graph does.

use crate::error::{Error, Result};
use crate::face::Face;
use crate::image::Rgba;
use crate::nn::Model;

const SIDE: usize = 192;
/// The crop is this many times the detection box (MediaPipe: 1.5).
const CROP_SCALE: f32 = 1.5;

/// 468 points in photo px (x, y) with depth z in the same px scale (negative: nearer).
#[derive(Debug, Clone)]
pub struct Mesh {
    pub points: Vec<[f32; 3]>,
    /// The model's own confidence that the crop holds a face (0–1).
    pub presence: f32,
}

impl Mesh {
    pub fn xy(&self, i: usize) -> [f32; 2] {
        let p = self.points[i];
        [p[0], p[1]]
    }

    /// The mean of several points (x, y).
    pub fn mean(&self, ids: &[usize]) -> [f32; 2] {
        let n = ids.len() as f32;
        let s = ids.iter().fold([0.0, 0.0], |a, &i| [a[0] + self.points[i][0], a[1] + self.points[i][1]]);
        [s[0] / n, s[1] / n]
    }

    /// The mean depth of several points (the same px scale as x and y).
    pub fn mean_depth(&self, ids: &[usize]) -> f32 {
        ids.iter().map(|&i| self.points[i][2]).sum::<f32>() / ids.len() as f32
    }
}

/// Eye openings (contour points) of the mesh: the eye on the photo's left, then right.
pub const EYE_LEFT_IN_PHOTO: [usize; 16] =
    [33, 7, 163, 144, 145, 153, 154, 155, 133, 173, 157, 158, 159, 160, 161, 246];
pub const EYE_RIGHT_IN_PHOTO: [usize; 16] =
    [263, 249, 390, 373, 374, 380, 381, 382, 362, 398, 384, 385, 386, 387, 388, 466];
/// Between the brows (glabella), the top of the mesh on the forehead, the chin.
pub const GLABELLA: usize = 9;
pub const FOREHEAD_TOP: usize = 10;
pub const CHIN: usize = 152;

/// Runs the mesh on `face` (found in `photo`).
pub fn mesh(model: &Model, photo: &Rgba, face: &Face) -> Result<Mesh> {
    let [a, b] = face.eyes;
    let angle = (b[1] - a[1]).atan2(b[0] - a[0]);
    let centre = [(face.bounds[0] + face.bounds[2]) / 2.0, (face.bounds[1] + face.bounds[3]) / 2.0];
    let size = (face.bounds[2] - face.bounds[0]).max(face.bounds[3] - face.bounds[1]) * CROP_SCALE;
    let (sin, cos) = angle.sin_cos();
    let px = size / SIDE as f32;
    // Crop px (u, v) → photo: centre + R(angle) · ((u, v) − half) · px.
    let to_photo = |u: f32, v: f32| {
        let (du, dv) = ((u - SIDE as f32 / 2.0) * px, (v - SIDE as f32 / 2.0) * px);
        [centre[0] + du * cos - dv * sin, centre[1] + du * sin + dv * cos]
    };
    let mut input = Vec::with_capacity(SIDE * SIDE * 3);
    for v in 0..SIDE {
        for u in 0..SIDE {
            let p = to_photo(u as f32 + 0.5, v as f32 + 0.5);
            if p[0] < 0.0 || p[1] < 0.0 || p[0] >= photo.width as f32 || p[1] >= photo.height as f32 {
                input.extend([0.0; 3]);
            } else {
                input.extend(photo.sample(p[0], p[1]));
            }
        }
    }
    let outputs = model.run(&input)?;
    let raw = outputs
        .first()
        .filter(|o| o.len() == 468 * 3)
        .ok_or_else(|| Error::Model("the face mesh's output has an unexpected size".into()))?;
    let points = raw.chunks_exact(3).map(|c| {
        let p = to_photo(c[0], c[1]);
        [p[0], p[1], c[2] * px]
    });
    let presence = outputs.get(1).and_then(|o| o.first()).map_or(0.0, |&logit| 1.0 / (1.0 + (-logit).exp()));
    Ok(Mesh { points: points.collect(), presence })
}
