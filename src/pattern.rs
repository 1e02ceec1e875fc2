//! Where dots go: a tileable, progressive blue-noise point set in millimetres.
//!
//! Points are generated once per seed by Mitchell's best-candidate algorithm on a
//! torus, so every prefix of the list is itself evenly spread. A point's index is its
//! *rank*: at density `d` (impressions per cm²) and weight `w` the dots with
//! `rank < d·w·tile_area` are drawn. Raising density therefore only adds dots between
//! the existing ones, and later sessions fill in between earlier sessions' dots.

use crate::options::DENSITY;
use crate::pigment::MAX_COURSE_SHARE;
use crate::rng::Pcg32;
use std::sync::{Arc, Mutex};

/// Side of the square tile, in mm. Large against the dot spacing (≈0.6–2 mm), so the
/// repeat is invisible; small enough to generate in a few milliseconds.
pub const TILE_MM: f32 = 32.0;
/// Candidates per point: more gives tighter spacing, linearly slower generation.
const CANDIDATES: usize = 24;

/// A blue-noise tile: points in rank order, coordinates in mm within `[0, TILE_MM)`.
#[derive(Debug, Clone)]
pub struct Pattern {
    seed: u32,
    points: Vec<[f32; 2]>,
}

impl Pattern {
    /// Enough points for the highest allowed density at full weight, after the most
    /// sessions.
    pub fn generate(seed: u32) -> Pattern {
        let count = (DENSITY.max * MAX_COURSE_SHARE * tile_area_cm2()).ceil() as usize;
        Pattern { seed, points: best_candidate(seed, count, TILE_MM) }
    }

    /// The pattern for `seed`, shared: the few most recent seeds are kept, so switching
    /// back to a pattern, or several visualisers with one seed, generate it once.
    pub fn cached(seed: u32) -> Arc<Pattern> {
        const KEEP: usize = 4;
        static RECENT: Mutex<Vec<Arc<Pattern>>> = Mutex::new(Vec::new());
        let mut recent = RECENT.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(i) = recent.iter().position(|p| p.seed == seed) {
            let pattern = recent.remove(i);
            recent.push(Arc::clone(&pattern));
            return pattern;
        }
        let pattern = Arc::new(Pattern::generate(seed));
        if recent.len() == KEEP {
            recent.remove(0);
        }
        recent.push(Arc::clone(&pattern));
        pattern
    }

    pub fn seed(&self) -> u32 {
        self.seed
    }

    /// Points in rank order (mm, inside the tile).
    pub fn points(&self) -> &[[f32; 2]] {
        &self.points
    }

    /// How many ranks can be visible at `density` impressions per cm².
    pub fn count_for_density(&self, density: f32) -> usize {
        ((density * tile_area_cm2() + 0.5).floor().max(0.0) as usize).min(self.points.len())
    }
}

/// Area of one tile in cm².
pub fn tile_area_cm2() -> f32 {
    TILE_MM * TILE_MM / 100.0
}

/// Density (per cm²) from which the dot of this rank is shown: `(rank + ½) / area`.
pub fn rank_density(rank: usize) -> f32 {
    (rank as f32 + 0.5) / tile_area_cm2()
}

/// Uniform grid over the torus holding point indices, for nearest-neighbour queries.
struct TorusGrid {
    cells: usize,
    cell_mm: f32,
    side: f32,
    slots: Vec<Vec<u32>>,
}

impl TorusGrid {
    fn new(side: f32, cell_mm: f32) -> Self {
        let cells = ((side / cell_mm).floor() as usize).max(1);
        TorusGrid { cells, cell_mm: side / cells as f32, side, slots: vec![Vec::new(); cells * cells] }
    }

    fn cell_of(&self, p: [f32; 2]) -> (usize, usize) {
        let c = |v: f32| ((v / self.cell_mm) as usize).min(self.cells - 1);
        (c(p[0]), c(p[1]))
    }

    fn insert(&mut self, p: [f32; 2], index: u32) {
        let (cx, cy) = self.cell_of(p);
        self.slots[cy * self.cells + cx].push(index);
    }

    /// Squared toroidal distance from `p` to the nearest stored point (∞ if none).
    fn nearest_d2(&self, p: [f32; 2], points: &[[f32; 2]]) -> f32 {
        let (cx, cy) = self.cell_of(p);
        let n = self.cells as isize;
        let max_ring = (self.cells / 2 + 1) as isize;
        let mut best = f32::INFINITY;
        for ring in 0..=max_ring {
            for dy in -ring..=ring {
                let on_edge_row = dy.abs() == ring;
                let step = if on_edge_row { 1 } else { (2 * ring).max(1) };
                let mut dx = -ring;
                while dx <= ring {
                    let x = (cx as isize + dx).rem_euclid(n) as usize;
                    let y = (cy as isize + dy).rem_euclid(n) as usize;
                    for &i in &self.slots[y * self.cells + x] {
                        best = best.min(torus_d2(p, points[i as usize], self.side));
                    }
                    dx += step;
                }
            }
            // Points beyond this ring are at least `ring · cell` away.
            let reach = ring as f32 * self.cell_mm;
            if best <= reach * reach {
                break;
            }
        }
        best
    }
}

/// Squared distance on a torus of the given side.
pub fn torus_d2(a: [f32; 2], b: [f32; 2], side: f32) -> f32 {
    let wrap = |d: f32| {
        let d = d.abs();
        d.min(side - d)
    };
    let dx = wrap(a[0] - b[0]);
    let dy = wrap(a[1] - b[1]);
    dx * dx + dy * dy
}

fn best_candidate(seed: u32, count: usize, side: f32) -> Vec<[f32; 2]> {
    let mut rng = Pcg32::new(u64::from(seed), 0x5eed_b10e);
    let spacing = side / (count as f32).sqrt();
    let mut grid = TorusGrid::new(side, spacing);
    let mut points: Vec<[f32; 2]> = Vec::with_capacity(count);
    for index in 0..count {
        let mut best = [rng.next_f32() * side, rng.next_f32() * side];
        if index > 0 {
            let mut best_d2 = grid.nearest_d2(best, &points);
            for _ in 1..CANDIDATES {
                let candidate = [rng.next_f32() * side, rng.next_f32() * side];
                let d2 = grid.nearest_d2(candidate, &points);
                if d2 > best_d2 {
                    best_d2 = d2;
                    best = candidate;
                }
            }
        }
        grid.insert(best, index as u32);
        points.push(best);
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Nearest-neighbour distances of the first `n` points (toroidal), brute force.
    fn nn_distances(points: &[[f32; 2]]) -> Vec<f32> {
        points
            .iter()
            .enumerate()
            .map(|(i, &p)| {
                points
                    .iter()
                    .enumerate()
                    .filter(|&(j, _)| j != i)
                    .map(|(_, &q)| torus_d2(p, q, TILE_MM))
                    .fold(f32::INFINITY, f32::min)
                    .sqrt()
            })
            .collect()
    }

    #[test]
    fn same_seed_same_pattern_other_seed_other_pattern() {
        let a = Pattern::generate(11);
        assert_eq!(a.points(), Pattern::generate(11).points());
        let b = Pattern::generate(12);
        let same = a.points().iter().zip(b.points()).filter(|(p, q)| p == q).count();
        assert_eq!(same, 0);
    }

    #[test]
    fn cached_patterns_are_shared_and_equal_to_generated_ones() {
        let a = Pattern::cached(77);
        let b = Pattern::cached(77);
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(a.points(), Pattern::generate(77).points());
        for seed in 78..90 {
            assert_eq!(Pattern::cached(seed).seed(), seed);
        }
    }

    #[test]
    fn points_stay_inside_the_tile() {
        let p = Pattern::generate(3);
        assert_eq!(p.points().len(), (DENSITY.max * MAX_COURSE_SHARE * tile_area_cm2()).ceil() as usize);
        assert!(p.points().iter().all(|q| q.iter().all(|&v| (0.0..TILE_MM).contains(&v))));
    }

    #[test]
    fn every_prefix_is_evenly_spaced_without_clumps() {
        for (seed, density) in [(5, 20.0), (6, 60.0), (7, 110.0), (8, 250.0)] {
            let pattern = Pattern::generate(seed);
            let n = pattern.count_for_density(density);
            let d = nn_distances(&pattern.points()[..n]);
            let mean = d.iter().sum::<f32>() / n as f32;
            let var = d.iter().map(|v| (v - mean).powi(2)).sum::<f32>() / n as f32;
            let cv = var.sqrt() / mean;
            let min = d.iter().copied().fold(f32::INFINITY, f32::min);
            // Ideal hexagonal spacing for this density; blue noise sits a bit below it.
            let hex = (2.0 / (3f32.sqrt() * (n as f32 / (TILE_MM * TILE_MM)))).sqrt();
            eprintln!("density {density}: cv {cv:.3} min/mean {:.3} mean/hex {:.3}", min / mean, mean / hex);
            assert!(cv < 0.17, "density {density}: NN spacing CV {cv:.3} (mean {mean:.3})");
            assert!(min > 0.5 * mean, "density {density}: clump, min {min:.3} vs mean {mean:.3}");
            assert!(mean > 0.72 * hex, "density {density}: mean {mean:.3} vs hex {hex:.3}");
            // Poisson (white) noise would give CV ≈ 0.52 and min ≈ 0.
        }
    }

    /// Periodogram of the point set on the torus at integer wave vectors.
    fn power(points: &[[f32; 2]], kx: i32, ky: i32) -> f32 {
        let (mut re, mut im) = (0.0f64, 0.0f64);
        for p in points {
            let phase = std::f64::consts::TAU * (f64::from(kx) * f64::from(p[0]) + f64::from(ky) * f64::from(p[1]))
                / f64::from(TILE_MM);
            re += phase.cos();
            im += phase.sin();
        }
        ((re * re + im * im) / points.len() as f64) as f32
    }

    #[test]
    fn little_low_frequency_energy() {
        for (seed, density) in [(9, 40.0), (10, 110.0), (11, 250.0)] {
            let pattern = Pattern::generate(seed);
            let points = &pattern.points()[..pattern.count_for_density(density)];
            let n = points.len() as f32;
            // Frequencies well below the mean-spacing frequency (√n cycles per tile).
            let limit = (0.5 * n.sqrt()) as i32;
            let mut sum = 0.0;
            let mut count = 0;
            for kx in -limit..=limit {
                for ky in 0..=limit {
                    let k2 = kx * kx + ky * ky;
                    if k2 == 0 || k2 > limit * limit || (ky == 0 && kx < 0) {
                        continue;
                    }
                    sum += power(points, kx, ky);
                    count += 1;
                }
            }
            let mean = sum / count as f32;
            // White noise has mean power 1 at every frequency.
            eprintln!("density {density}: low-frequency power {mean:.3}");
            assert!(mean < 0.2, "density {density}: low-frequency power {mean:.3}");
        }
    }

    #[test]
    fn rank_density_and_count_agree() {
        let p = Pattern::generate(1);
        for d in [20.0, 110.0, DENSITY.max * MAX_COURSE_SHARE] {
            let n = p.count_for_density(d);
            assert!(rank_density(n - 1) <= d && rank_density(n) > d, "{d}: {n}");
        }
    }
}
