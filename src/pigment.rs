//! How each impression looks: the needle cluster it was made with, its size, shape,
//! darkness and colour cast, from the shade, healing stage and session, with the
//! irregularity of hand work. Figures: `smp-domain.md` ("The dot", measured on real
//! healed results).
//!
//! An impression is one to three needle deposits (1RL–3RL) close together, seen through
//! the scattering epidermis: a soft, often irregular spot of 0.5–0.7 mm (median) when
//! healed. Sizes are log-normal, tone varies from impression to impression, and each is
//! placed a little off its even position, so neighbours sometimes merge as on real scalps.

use crate::colour::srgb_to_linear;
use crate::error::Result;
use crate::options::{Healing, Options};
use crate::rng::hash;

/// Largest impression diameter ever drawn (mm): the largest setting at the far tail of
/// its size spread, aged.
pub const MAX_IMPRESSION_MM: f32 = 2.5;
/// Most deposits (needles) in one impression.
pub const MAX_DEPOSITS: usize = 3;
/// An impression's needle count follows its size (relative to the median, with some
/// randomness): below the first bound one needle (1RL), below the second two, else three.
const NEEDLE_BOUNDS: [f32; 2] = [0.85, 1.15];
/// Per needle count: each deposit's diameter and its centre's distance from the
/// impression's centre, as fractions of the impression's diameter (chosen so the
/// cluster's extent stays about that diameter).
const CLUSTER: [(f32, f32); 3] = [(1.0, 0.0), (0.7, 0.2), (0.58, 0.27)];
/// How much of a cluster's pigment lies where its deposits overlap: each of `n`
/// deposits carries `1 / (1 + CLUSTER_OVERLAP·(n − 1))` of a single needle's strength.
const CLUSTER_OVERLAP: f32 = 0.15;
/// How far an impression may sit from its even position, mm: up to about 40 % of the
/// spacing at the usual densities (≈1 mm), as by hand; neighbours then sometimes merge,
/// and the field is mottled rather than a regular screen. Fixed, so a density change
/// moves no impression.
const JITTER_MM: f32 = 0.4;
/// Spread of impression darkness (σ of its logarithm).
const TONE_SPREAD: f32 = 0.22;

/// Share of the final density reached after each session, and each session's tone
/// relative to the last: the first lays a lighter, sparser base, later ones fill in
/// between, a little darker; a fourth densifies slightly.
const COURSE: [f32; 4] = [0.55, 0.8, 1.0, MAX_COURSE_SHARE];
/// The most of the chosen density any number of sessions shows.
pub const MAX_COURSE_SHARE: f32 = 1.1;
const SESSION_TONE: [f32; 4] = [0.74, 0.86, 0.95, 1.0];

/// One needle deposit of an impression, in physical units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Deposit {
    /// Centre relative to the impression's even position, mm.
    pub dx_mm: f32,
    pub dy_mm: f32,
    /// Diameter of the circle of equal area, mm.
    pub diameter_mm: f32,
    /// Long axis / short axis, ≥ 1.
    pub aspect: f32,
    /// Orientation of the long axis, radians.
    pub angle: f32,
    /// Width of the soft edge as a fraction of the radius (0 = crisp).
    pub softness: f32,
    /// Fraction of light absorbed per linear RGB channel where the deposit fully covers skin.
    pub absorb: [f32; 3],
    /// Spread of the light scattered in the skin above the deposit (Gaussian σ), mm.
    pub halo_sigma_mm: f32,
    /// Pigment seen in that halo relative to the deposit itself.
    pub halo_ratio: f32,
}

/// One impression: its deposits (the first `count` of `deposits`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Impression {
    pub deposits: [Deposit; MAX_DEPOSITS],
    pub count: usize,
}

impl Impression {
    pub fn deposits(&self) -> &[Deposit] {
        &self.deposits[..self.count]
    }
}

/// Stage-dependent parameters, derived once per options change.
#[derive(Debug, Clone, PartialEq)]
pub struct Pigment {
    diameter_mm: f32,
    size_spread: f32,
    softness: f32,
    scatter_mm: f32,
    absorb: [f32; 3],
    halo_sigma_mm: f32,
    halo_ratio: f32,
    sessions: u8,
    jitter_mm: f32,
    seed: u32,
    /// Each session's needle work differs a little: a size factor per session.
    session_size: [f32; 4],
}

/// The look a healing stage gives (relative to healed).
struct Stage {
    size: f32,
    strength: f32,
    softness: f32,
    cast: [f32; 3],
    /// Blur of the deposit by the skin above it (σ, mm): widens its soft edge.
    scatter_mm: f32,
    /// Pigment that migrated over the years: a faint wide halo (σ, mm, and its share).
    halo_sigma_mm: f32,
    halo_ratio: f32,
}

fn stage(healing: Healing, years: f32) -> Stage {
    // Fresh: scab-dark, a little larger, crisp, no cast yet. Healed: 2–3 shades lighter,
    // softer (seen through the regrown epidermis, which scatters), cool cast. Aged:
    // lighter each year, spread, softer, cooler.
    match healing {
        Healing::Fresh => Stage {
            size: 1.12,
            strength: 1.0,
            softness: 0.08,
            cast: [0.98, 1.0, 1.03],
            scatter_mm: 0.015,
            halo_sigma_mm: 0.0,
            halo_ratio: 0.0,
        },
        Healing::Healed => Stage {
            size: 1.0,
            strength: 0.58,
            softness: 0.12,
            cast: [1.05, 1.0, 0.9],
            scatter_mm: 0.03,
            halo_sigma_mm: 0.0,
            halo_ratio: 0.0,
        },
        Healing::Aged => {
            // Pigment spreads and fades; spreading moves pigment, it adds none.
            let size = (1.0 + 0.02 * years).min(1.3);
            // Years on, a faint blue-grey halo of pigment that migrated.
            let halo_ratio = (0.03 * years).min(0.4);
            let spread = size * size * (1.0 + halo_ratio);
            Stage {
                size,
                strength: 0.58 * 0.955f32.powf(years) / spread,
                softness: (0.12 + 0.03 * years).min(0.6),
                cast: [1.05 + 0.004 * years, 1.0, 0.9 - 0.004 * years],
                scatter_mm: (0.03 + 0.006 * years).min(0.15),
                halo_sigma_mm: (0.18 + 0.01 * years).min(0.3),
                halo_ratio,
            }
        }
    }
}

impl Pigment {
    pub fn new(options: &Options) -> Result<Pigment> {
        options.validate()?;
        let rgb = options.pigment_rgb()?;
        let look = stage(options.healing, options.years);
        // More water, less pigment per impression.
        let strength = look.strength * (1.0 - 0.85 * options.dilution);
        let mut absorb = [0.0; 3];
        for c in 0..3 {
            let transmit = srgb_to_linear(f32::from(rgb[c]) / 255.0);
            absorb[c] = ((1.0 - transmit) * strength * look.cast[c]).clamp(0.0, 0.98);
        }
        Ok(Pigment {
            diameter_mm: options.dot_mm * look.size,
            size_spread: options.size_variation,
            softness: look.softness,
            scatter_mm: look.scatter_mm,
            absorb,
            halo_sigma_mm: look.halo_sigma_mm,
            halo_ratio: look.halo_ratio,
            sessions: options.sessions.clamp(1, 4),
            jitter_mm: JITTER_MM,
            seed: options.seed,
            session_size: [0u32, 1, 2, 3].map(|s| 1.0 + 0.06 * (unit(hash(&[options.seed, s, 77]), 0) - 0.5)),
        })
    }

    /// Fraction of light one full layer of this pigment absorbs per linear channel
    /// (before each deposit's own strength).
    pub fn absorb(&self) -> [f32; 3] {
        self.absorb
    }

    /// Share of the chosen density shown after the chosen number of sessions.
    pub fn course_share(&self) -> f32 {
        COURSE[usize::from(self.sessions) - 1]
    }

    /// Farthest any of an impression's pigment reaches from its even position (for
    /// culling margins), mm.
    pub fn max_reach_mm(&self) -> f32 {
        let diameter = self.largest_diameter_mm();
        let blur = 2.0 * self.scatter_mm;
        self.jitter_mm + 0.75 * diameter + blur + 2.5 * self.halo_sigma_mm
    }

    fn largest_diameter_mm(&self) -> f32 {
        (self.diameter_mm * (3.0 * self.size_spread).exp()).min(MAX_IMPRESSION_MM) * 1.06
    }

    /// Which session (0-based) placed an impression that appears at `fraction` of the
    /// local final density (0 < fraction): earlier ranks, earlier sessions.
    pub fn session_of(&self, fraction: f32) -> u8 {
        let n = usize::from(self.sessions);
        COURSE[..n].iter().position(|&c| fraction <= c).unwrap_or(n - 1) as u8
    }

    /// The look of one impression; `identity` is a stable per-impression hash.
    pub fn impression(&self, identity: u32, session: u8) -> Impression {
        // A few hashes give the random bytes, one per uniform: steps of 1/256 are far
        // finer than the variation they drive, and this runs for every impression.
        let first = hash(&[identity, self.seed]);
        let second = hash(&[first, 0x5bd1_e995]);
        let third = hash(&[second, 0x1b87_3593]);
        let session = usize::from(session.min(3));
        // Where the needles went depends on the impression alone; the session only
        // changes how much each deposit spread (so a density change moves nothing).
        let size = (self.size_spread * normal(first)).exp();
        let diameter = (self.diameter_mm * size).min(MAX_IMPRESSION_MM);
        let session_size = self.session_size[session];
        let tone = (TONE_SPREAD * normal(second)).exp().min(1.6) * SESSION_TONE[session];
        // Small impressions are single needles, large ones two or three close together.
        let needles = size * (0.8 + 0.4 * unit(first, 3));
        let count = 1 + NEEDLE_BOUNDS.iter().filter(|&&bound| needles >= bound).count();
        let (part, offset) = CLUSTER[count - 1];
        let share = 1.0 / (1.0 + CLUSTER_OVERLAP * (count - 1) as f32);
        // Off its even position: uniform in a disc.
        let directions = directions();
        let jitter_r = self.jitter_mm * unit(third, 0).sqrt();
        let (jx, jy) = directions[byte(third, 1)].map(|v| v * jitter_r).into();
        let turn = byte(second, 3);
        let mut deposits = [Deposit {
            dx_mm: jx,
            dy_mm: jy,
            diameter_mm: diameter,
            // Round: the cluster's layout and merging neighbours give impressions their
            // irregular outline, and round footprints share the splatter's cache (a
            // frame's deposits then need a few thousand footprints, not one each).
            aspect: 1.0,
            angle: 0.0,
            softness: self.softness,
            absorb: [0.0; 3],
            halo_sigma_mm: self.halo_sigma_mm,
            halo_ratio: self.halo_ratio,
        }; MAX_DEPOSITS];
        let distance = offset * diameter;
        for (k, deposit) in deposits.iter_mut().enumerate().take(count) {
            // A cheap mix of the impression's hash: three more random bytes per needle.
            let h = (third ^ (k as u32 + 1).wrapping_mul(0x9e37_79b9)).wrapping_mul(0x85eb_ca6b);
            let h = h ^ (h >> 15);
            // Needles of one cluster sit evenly around its centre, each a little off
            // (±8 of 256 steps of a turn).
            let angle = turn + k * 256 / count + byte(h, 0) / 16;
            let [cos, sin] = directions[angle % 256];
            // Where a cluster's deposits overlap the pigment adds up; each carries less,
            // so the cluster's core is about one layer, like a single needle's.
            let own_tone = tone * share * (1.0 + 0.1 * (unit(h, 1) - 0.5) * 2.0);
            deposit.dx_mm = jx + distance * cos;
            deposit.dy_mm = jy + distance * sin;
            deposit.diameter_mm = diameter * session_size * part * (1.0 + 0.12 * (unit(h, 2) - 0.5) * 2.0);
            // The skin's scatter blurs the deposit: a wider soft edge (2.5 σ across),
            // pigment unchanged.
            deposit.softness = self.softness + 1.25 * self.scatter_mm / (0.5 * deposit.diameter_mm).max(0.01);
            deposit.absorb = self.absorb.map(|a| (a * own_tone).clamp(0.0, 0.98));
        }
        Impression { deposits, count }
    }
}

/// Byte `index` of `h` (0–255).
fn byte(h: u32, index: u32) -> usize {
    ((h >> (8 * index)) & 255) as usize
}

/// Unit vectors `[cos, sin]` of 256 directions a turn apart: the angles come from one
/// random byte, and a table spares two trigonometric calls per needle.
fn directions() -> &'static [[f32; 2]; 256] {
    static TABLE: std::sync::OnceLock<[[f32; 2]; 256]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        std::array::from_fn(|i| {
            let (sin, cos) = (std::f32::consts::TAU * i as f32 / 256.0).sin_cos();
            [cos, sin]
        })
    })
}

/// The byte `byte` of `h` as a uniform in (0, 1).
fn unit(h: u32, byte: u32) -> f32 {
    ((h >> (8 * byte)) & 255) as f32 * (1.0 / 256.0) + 1.0 / 512.0
}

/// Approximately standard normal (sum of three uniforms from `h`'s low bytes, unit
/// variance), within ±3.
fn normal(h: u32) -> f32 {
    (unit(h, 0) + unit(h, 1) + unit(h, 2) - 1.5) * 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pigment(options: Options) -> Pigment {
        Pigment::new(&options).expect("valid")
    }

    /// Mean equal-area diameter and mean green absorption over many impressions.
    fn mean_look(p: &Pigment, session: u8) -> (f32, f32) {
        let n = 4000;
        let (mut diameter, mut absorb) = (0.0, 0.0);
        for i in 0..n {
            let imp = p.impression(i, session);
            let area: f32 = imp.deposits().iter().map(|d| d.diameter_mm * d.diameter_mm).sum();
            diameter += area.sqrt();
            absorb += imp.deposits().iter().map(|d| d.absorb[1]).sum::<f32>() / imp.count as f32;
        }
        (diameter / n as f32, absorb / n as f32)
    }

    #[test]
    fn stages_differ_as_real_impressions_do() {
        let at = |healing, years| mean_look(&pigment(Options { healing, years, ..Options::default() }), 2);
        let (fresh_d, fresh_a) = at(Healing::Fresh, 1.0);
        let (healed_d, healed_a) = at(Healing::Healed, 1.0);
        let (aged_d, aged_a) = at(Healing::Aged, 8.0);
        assert!(fresh_d > healed_d * 1.08, "fresh larger: {fresh_d} vs {healed_d}");
        assert!(fresh_a > healed_a * 1.3, "fresh darker");
        assert!(aged_a < healed_a * 0.8 && aged_d > healed_d * 1.1, "aged lighter, spread");
        let soft = |healing| pigment(Options { healing, ..Options::default() }).impression(3, 2).deposits[0].softness;
        assert!(soft(Healing::Fresh) < soft(Healing::Healed) && soft(Healing::Healed) < soft(Healing::Aged));
    }

    #[test]
    fn healed_has_a_cool_cast_and_fresh_does_not() {
        let h = pigment(Options::default()).absorb;
        assert!(h[0] > h[2], "absorbs more red than blue: looks cool");
        let f = pigment(Options { healing: Healing::Fresh, ..Options::default() }).absorb;
        assert!(f[0] <= f[2]);
    }

    #[test]
    fn impressions_are_needle_clusters_of_log_normal_size() {
        let p = pigment(Options::default());
        let impressions: Vec<Impression> = (0..3000).map(|i| p.impression(i, 2)).collect();
        // Every needle count occurs, and larger impressions take more needles.
        let size_of = |imp: &Impression| imp.deposits[0].diameter_mm / CLUSTER[imp.count - 1].0;
        let mut mean_size = [0.0f32; 3];
        for count in 1..=3 {
            let of: Vec<f32> = impressions.iter().filter(|imp| imp.count == count).map(size_of).collect();
            let share = of.len() as f32 / 3000.0;
            assert!((0.15..0.5).contains(&share), "{count} needles: {share}");
            mean_size[count - 1] = of.iter().sum::<f32>() / of.len() as f32;
        }
        assert!(mean_size[0] < mean_size[1] && mean_size[1] < mean_size[2], "{mean_size:?}");
        // Log-normal: the logarithm of the size is symmetric, the size itself skewed.
        let mut sizes: Vec<f32> = impressions.iter().map(size_of).collect();
        sizes.sort_by(f32::total_cmp);
        let (p10, median, p90) = (sizes[300], sizes[1500], sizes[2700]);
        assert!((median / Options::default().dot_mm - 1.0).abs() < 0.08, "median {median}");
        assert!(p90 - median > median - p10, "right-skewed: {p10} {median} {p90}");
        let spread = (p90 / p10).ln() / (2.0 * 1.28);
        assert!((spread - Options::default().size_variation).abs() < 0.07, "σ of ln size {spread}");
        // Tones vary from impression to impression.
        let tones: Vec<f32> = impressions.iter().map(|imp| imp.deposits[0].absorb[1]).collect();
        let mean = tones.iter().sum::<f32>() / tones.len() as f32;
        let sd = (tones.iter().map(|t| (t - mean).powi(2)).sum::<f32>() / tones.len() as f32).sqrt();
        assert!(sd / mean > 0.12, "tone cv {}", sd / mean);
        // Every deposit stays within the culling reach.
        let reach = p.max_reach_mm();
        for imp in &impressions {
            for d in imp.deposits() {
                let edge = 0.5 * d.softness * d.diameter_mm;
                let far = d.dx_mm.hypot(d.dy_mm) + 0.5 * d.diameter_mm + edge.max(2.5 * d.halo_sigma_mm);
                assert!(far <= reach, "{far} > {reach}");
            }
        }
    }

    #[test]
    fn later_sessions_fill_in_darker_and_fewer_sessions_show_less() {
        let p = pigment(Options { sessions: 3, ..Options::default() });
        assert_eq!(p.session_of(0.01), 0);
        assert_eq!(p.session_of(0.7), 1);
        assert_eq!(p.session_of(1.0), 2);
        let (_, first) = mean_look(&p, 0);
        let (_, last) = mean_look(&p, 2);
        assert!(first < last * 0.85, "first session lighter: {first} vs {last}");
        let share = |sessions| pigment(Options { sessions, ..Options::default() }).course_share();
        assert!(share(1) < 0.6 && share(2) < share(3) && share(3) == 1.0 && share(4) > 1.0);
        let one = pigment(Options { sessions: 1, ..Options::default() });
        assert_eq!(one.session_of(0.999), 0);
    }

    #[test]
    fn dilution_lightens_and_variation_varies() {
        let dark = pigment(Options::default()).absorb[1];
        let light = pigment(Options { dilution: 0.9, ..Options::default() }).absorb[1];
        assert!(light < dark * 0.4);
        let flat = pigment(Options { size_variation: 0.0, ..Options::default() });
        let sizes: Vec<f32> = (0..200)
            .map(|i| flat.impression(i, 2))
            .map(|imp| imp.deposits[0].diameter_mm / CLUSTER[imp.count - 1].0)
            .collect();
        let (least, most) = sizes.iter().fold((f32::MAX, 0.0f32), |(l, m), &d| (l.min(d), m.max(d)));
        assert!(most / least < 1.12 / 0.88 + 1e-3, "only the needles' own ±12 %: {least}..{most}");
    }
}
