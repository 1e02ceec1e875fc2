//! The treatment design for one photo: face frame, hairline, treatment area and
//! coverage mode, turned into the weight map the renderer reads.

use crate::coverage::WeightMap;
use crate::error::{Error, Result};
use crate::frame::FaceFrame;
use crate::hairline::{Hairline, Preset};
use serde::{Deserialize, Serialize};

/// What the dots cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Coverage {
    /// Behind the new hairline, within the treatment area, feathered at the front.
    Hairline,
    /// The treatment area alone (crown / vertex), feathered at its edge.
    Crown,
    /// The whole area at full density (shaved Norwood 7 look).
    Full,
}

/// The treatment area: an ellipse in photo pixels, feathered over `feather_mm`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Area {
    pub centre: [f32; 2],
    pub radii: [f32; 2],
    pub feather_mm: f32,
}

/// Everything that decides where dots go on one photo.
#[derive(Debug, Clone)]
pub struct Design {
    width: u32,
    height: u32,
    frame: FaceFrame,
    pupils: Option<[[f32; 2]; 2]>,
    preset: Preset,
    hairline: Hairline,
    area: Area,
    coverage: Coverage,
}

impl Design {
    /// Defaults for a photo: an upright face frame guessed from the photo (glabella a
    /// little below the middle), the natural preset, the top of the head as the area.
    pub fn new(width: u32, height: u32, px_per_mm: f32) -> Design {
        let (w, h) = (width as f32, height as f32);
        let preset = Preset::Natural;
        Design {
            width,
            height,
            frame: FaceFrame::upright([0.5 * w, 0.62 * h], px_per_mm),
            pupils: None,
            preset,
            hairline: Hairline::preset(preset, width ^ height.rotate_left(16)),
            area: Area { centre: [0.5 * w, 0.2 * h], radii: [0.3 * w, 0.17 * h], feather_mm: 6.0 },
            coverage: Coverage::Hairline,
        }
    }

    pub fn frame(&self) -> &FaceFrame {
        &self.frame
    }

    pub fn pupils(&self) -> Option<[[f32; 2]; 2]> {
        self.pupils
    }

    pub fn hairline(&self) -> &Hairline {
        &self.hairline
    }

    pub fn preset(&self) -> Preset {
        self.preset
    }

    pub fn coverage(&self) -> Coverage {
        self.coverage
    }

    /// Places the face frame from the pupils (photo px); returns the new scale (px/mm).
    pub fn set_pupils(&mut self, left: [f32; 2], right: [f32; 2]) -> Result<f32> {
        self.frame = FaceFrame::from_pupils(left, right)?;
        self.pupils = Some([left, right]);
        Ok(self.frame.px_per_mm)
    }

    /// Follows a scale set by hand (photos without pupils).
    pub fn set_scale(&mut self, px_per_mm: f32) {
        if self.pupils.is_none() {
            self.frame.px_per_mm = px_per_mm;
        }
    }

    /// Starts again from a preset (its own edge softness included).
    pub fn set_preset(&mut self, preset: Preset) {
        self.preset = preset;
        self.hairline = Hairline::preset(preset, self.width ^ self.height.rotate_left(16));
    }

    /// Moves hairline point `index` to a photo position, optionally mirrored.
    pub fn move_point(&mut self, index: usize, photo_px: [f32; 2], mirror: bool) -> Result<()> {
        if !photo_px.iter().all(|v| v.is_finite()) {
            return Err(Error::InvalidRequest("a hairline point must be on the photo".into()));
        }
        self.hairline.move_point(index, self.frame.to_mm(photo_px), mirror)
    }

    pub fn set_edge_softness(&mut self, mm: f32) -> Result<()> {
        self.hairline.set_feather_mm(mm)
    }

    pub fn set_coverage(&mut self, coverage: Coverage) {
        self.coverage = coverage;
    }

    pub fn set_area(&mut self, area: Area) -> Result<()> {
        let ok = area.centre.iter().all(|v| v.is_finite())
            && area.radii.iter().all(|r| r.is_finite() && *r > 0.0)
            && area.feather_mm.is_finite()
            && area.feather_mm >= 0.0;
        if !ok {
            return Err(Error::InvalidRequest(
                "the treatment area needs a centre, positive radii and a feather".into(),
            ));
        }
        self.area = area;
        Ok(())
    }

    /// Control points in photo pixels (for drawing handles).
    pub fn handles_px(&self) -> Vec<[f32; 2]> {
        self.hairline.points().iter().map(|&p| self.frame.to_px(p)).collect()
    }

    /// The hairline sampled in photo pixels (for drawing the curve).
    pub fn curve_px(&self) -> Vec<[f32; 2]> {
        self.hairline.curve(12).into_iter().map(|p| self.frame.to_px(p)).collect()
    }

    /// The weight map for the renderer.
    pub fn weight_map(&self) -> Result<WeightMap> {
        let curve = self.hairline.curve(16);
        let area = self.area;
        let feather_px = area.feather_mm * self.frame.px_per_mm;
        let mean_r = (area.radii[0] * area.radii[1]).sqrt();
        WeightMap::from_fn(self.width, self.height, |x, y| {
            let u = (x - area.centre[0]) / area.radii[0];
            let v = (y - area.centre[1]) / area.radii[1];
            let outside = ((u * u + v * v).sqrt() - 1.0) * mean_r;
            let in_area = if outside <= 0.0 {
                1.0
            } else if feather_px <= 0.0 {
                0.0
            } else {
                let t = (1.0 - outside / feather_px).clamp(0.0, 1.0);
                t * t * (3.0 - 2.0 * t)
            };
            if in_area <= 0.0 {
                return 0.0;
            }
            match self.coverage {
                Coverage::Hairline => in_area * self.hairline.weight(&curve, self.frame.to_mm([x, y])),
                Coverage::Crown | Coverage::Full => in_area,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hairline_coverage_treats_behind_the_line_inside_the_area_only() {
        let mut d = Design::new(400, 400, 2.0);
        d.set_pupils([140.0, 330.0], [266.0, 330.0]).expect("pupils");
        d.set_area(Area { centre: [200.0, 100.0], radii: [180.0, 160.0], feather_mm: 3.0 }).expect("area");
        let map = d.weight_map().expect("map");
        let frame = *d.frame();
        let above = frame.to_px([0.0, 110.0]);
        let below = frame.to_px([0.0, 50.0]);
        assert!(map.sample(above[0], above[1]) > 0.9);
        assert!(map.sample(below[0], below[1]) < 0.01);
        d.set_coverage(Coverage::Crown);
        let crown = d.weight_map().expect("map");
        assert!(crown.sample(below[0], below[1]) > 0.9, "the whole area without the hairline");
    }

    #[test]
    fn handles_follow_presets_and_moves() {
        let mut d = Design::new(640, 640, 3.0);
        d.set_pupils([215.0, 445.0], [455.0, 440.0]).expect("pupils");
        let natural = d.handles_px();
        d.set_preset(Preset::Mature);
        let mature = d.handles_px();
        let middle = natural.len() / 2;
        assert!(mature[middle][1] < natural[middle][1], "a mature line sits higher in the photo");
        d.move_point(middle, [330.0, 200.0], true).expect("move");
        let moved = d.handles_px()[middle];
        assert!((moved[1] - 200.0).abs() < 1.0);
        assert!(d.move_point(middle, [f32::NAN, 1.0], false).is_err());
        assert!(d.curve_px().len() > 20);
    }
}
