//! How each dot looks: size, shape, darkness and colour cast, from the shade, healing
//! stage and session, with small per-dot irregularity. Figures: `smp-domain.md`.

use crate::colour::srgb_to_linear;
use crate::error::Result;
use crate::options::{Healing, Options};
use crate::rng::{hash, unit};

/// Largest dot diameter ever drawn (mm): the widest needle is 0.30 mm.
pub const MAX_DOT_MM: f32 = 0.30;
/// Largest ellipse aspect ratio of a dot.
const MAX_ASPECT: f32 = 1.25;

/// Look of one dot in physical units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DotLook {
    /// Diameter of the circle of equal area, mm.
    pub diameter_mm: f32,
    /// Long axis / short axis, ≥ 1.
    pub aspect: f32,
    /// Orientation of the long axis, radians.
    pub angle: f32,
    /// Width of the soft edge as a fraction of the radius (0 = crisp).
    pub softness: f32,
    /// Fraction of light absorbed per linear RGB channel where the dot fully covers skin.
    pub absorb: [f32; 3],
    /// Spread of the light scattered in the skin above the deposit (Gaussian σ), mm.
    pub halo_sigma_mm: f32,
    /// Pigment seen in that halo relative to the deposit itself.
    pub halo_ratio: f32,
}

/// Stage-dependent parameters, derived once per options change.
#[derive(Debug, Clone, PartialEq)]
pub struct Pigment {
    diameter_mm: f32,
    size_cv: f32,
    softness: f32,
    absorb: [f32; 3],
    halo_sigma_mm: f32,
    halo_ratio: f32,
    sessions: u8,
    /// Cumulative share of the final density reached after each session.
    cumulative: [f32; 4],
    seed: u32,
    /// Each session's needle work differs a little: a size factor per session.
    session_size: [f32; 4],
}

/// Relative amount of dots placed in sessions 1..4: the first session lays the base,
/// later ones fill in between.
const SESSION_SHARE: [f32; 4] = [1.0, 0.6, 0.4, 0.3];
/// How much lighter the first session's dots are than the last one's.
const FIRST_SESSION_LIGHTER: f32 = 0.15;

impl Pigment {
    pub fn new(options: &Options) -> Result<Pigment> {
        options.validate()?;
        let rgb = options.pigment_rgb()?;
        // Fresh: scab-dark, larger, crisp. Healed: 2–3 shades lighter, cool cast, a little
        // soft. Aged: lighter still each year, slightly spread and softer, cooler.
        // Healed pigment sits in the dermis under ~0.1 mm of epidermis that scatters
        // light, so each deposit is seen with a faint halo (σ, and its pigment relative to
        // the core); fresh pigment is still near the surface, aged pigment spreads.
        let years = options.years;
        let (size, strength, softness, cast, halo_sigma_mm, halo_ratio) = match options.healing {
            Healing::Fresh => (1.6, 0.95, 0.12, [0.98, 1.0, 1.03], 0.05, 0.4),
            Healing::Healed => (1.0, 0.72, 0.35, [1.05, 1.0, 0.9], 0.12, 4.0),
            Healing::Aged => (
                (1.0 + 0.025 * years).min(1.35),
                0.72 * 0.955f32.powf(years),
                (0.35 + 0.03 * years).min(0.8),
                [1.05 + 0.004 * years, 1.0, 0.9 - 0.004 * years],
                (0.12 + 0.006 * years).min(0.22),
                (4.0 + 0.15 * years).min(6.0),
            ),
        };
        // More water, less pigment per dot.
        let strength = strength * (1.0 - 0.85 * options.dilution);
        let mut absorb = [0.0; 3];
        for c in 0..3 {
            let transmit = srgb_to_linear(f32::from(rgb[c]) / 255.0);
            absorb[c] = ((1.0 - transmit) * strength * cast[c]).clamp(0.0, 0.98);
        }
        let sessions = options.sessions.clamp(1, 4);
        let total: f32 = SESSION_SHARE[..sessions as usize].iter().sum();
        let mut cumulative = [1.0; 4];
        let mut acc = 0.0;
        for k in 0..sessions as usize {
            acc += SESSION_SHARE[k] / total;
            cumulative[k] = acc;
        }
        cumulative[sessions as usize - 1] = 1.0;
        Ok(Pigment {
            diameter_mm: (options.dot_mm * size).min(MAX_DOT_MM),
            size_cv: options.size_variation,
            softness,
            absorb,
            halo_sigma_mm,
            halo_ratio,
            sessions,
            cumulative,
            seed: options.seed,
            session_size: [0u32, 1, 2, 3].map(|s| 1.0 + 0.05 * (unit(hash(&[options.seed, s, 77])) - 0.5)),
        })
    }

    /// Fraction of light one full layer of this pigment absorbs per linear channel
    /// (before each dot's own strength).
    pub fn absorb(&self) -> [f32; 3] {
        self.absorb
    }

    /// Largest diameter any dot can take (for culling margins), mm.
    pub fn max_diameter_mm(&self) -> f32 {
        let core = (self.diameter_mm * (1.0 + 3.0 * self.size_cv) * MAX_ASPECT.sqrt()).min(MAX_DOT_MM * 1.5);
        core.max(5.0 * self.halo_sigma_mm)
    }

    /// Which session (0-based) placed a dot whose appearance density is `fraction` of
    /// the local final density (0 < fraction ≤ 1): earlier ranks, earlier sessions.
    pub fn session_of(&self, fraction: f32) -> u8 {
        let n = self.sessions as usize;
        self.cumulative[..n].iter().position(|&c| fraction <= c).unwrap_or(n - 1) as u8
    }

    /// The look of one dot; `identity` is a stable per-dot hash.
    pub fn look(&self, identity: u32, session: u8) -> DotLook {
        // Two hashes give eight random bytes, one per uniform: steps of 1/256 are far
        // finer than the variation they drive, and this runs for every dot of a frame.
        let first = hash(&[identity, self.seed]);
        let second = hash(&[first, 0x5bd1_e995]);
        let uniform = |h: u32, byte: u32| ((h >> (8 * byte)) & 255) as f32 * (1.0 / 256.0) + 1.0 / 512.0;
        // Approximately normal (sum of three uniforms), unit variance.
        let normal = |h: u32| (uniform(h, 0) + uniform(h, 1) + uniform(h, 2) - 1.5) * 2.0;
        let session_size = self.session_size[usize::from(session.min(3))];
        let size = (1.0 + self.size_cv * normal(first)).clamp(0.45, 1.0 + 3.0 * self.size_cv);
        let last = (self.sessions - 1).max(1) as f32;
        let session_tone = 1.0 - FIRST_SESSION_LIGHTER * (f32::from(self.sessions - 1 - session) / last);
        let tone = (1.0 + 0.08 * normal(second)) * session_tone;
        let mut absorb = self.absorb;
        absorb.iter_mut().for_each(|a| *a = (*a * tone).clamp(0.0, 0.98));
        DotLook {
            diameter_mm: (self.diameter_mm * size * session_size).min(MAX_DOT_MM * 1.5),
            aspect: 1.0 + (MAX_ASPECT - 1.0) * uniform(first, 3),
            angle: std::f32::consts::PI * uniform(second, 3),
            softness: self.softness,
            absorb,
            halo_sigma_mm: self.halo_sigma_mm,
            halo_ratio: self.halo_ratio,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pigment(healing: Healing, years: f32) -> Pigment {
        Pigment::new(&Options { healing, years, ..Options::default() }).expect("valid")
    }

    fn mean_look(p: &Pigment) -> (f32, f32) {
        let n = 2000;
        let looks: Vec<DotLook> = (0..n).map(|i| p.look(i, p.sessions - 1)).collect();
        let d = looks.iter().map(|l| l.diameter_mm).sum::<f32>() / n as f32;
        let a = looks.iter().map(|l| l.absorb[1]).sum::<f32>() / n as f32;
        (d, a)
    }

    #[test]
    fn stages_follow_the_domain_figures() {
        let (fresh_d, fresh_a) = mean_look(&pigment(Healing::Fresh, 1.0));
        let (healed_d, healed_a) = mean_look(&pigment(Healing::Healed, 1.0));
        let (aged_d, aged_a) = mean_look(&pigment(Healing::Aged, 8.0));
        assert!((0.10..=0.15).contains(&healed_d), "healed {healed_d}");
        assert!(fresh_d > healed_d * 1.4 && fresh_d <= 0.25, "fresh {fresh_d}");
        assert!(fresh_a > healed_a * 1.2, "fresh darker");
        assert!(aged_a < healed_a * 0.8 && aged_d > healed_d * 1.1, "aged lighter, spread");
    }

    #[test]
    fn healed_has_a_cool_cast_and_fresh_does_not() {
        let h = pigment(Healing::Healed, 1.0).absorb;
        assert!(h[0] > h[2], "absorbs more red than blue: looks cool");
        let f = pigment(Healing::Fresh, 1.0).absorb;
        assert!(f[0] <= f[2]);
    }

    #[test]
    fn earlier_sessions_are_lighter_and_come_first() {
        let p = Pigment::new(&Options { sessions: 3, ..Options::default() }).expect("valid");
        assert_eq!(p.session_of(0.01), 0);
        assert_eq!(p.session_of(1.0), 2);
        let tone = |s| (0..500).map(|i| p.look(i, s).absorb[1]).sum::<f32>();
        assert!(tone(0) < tone(1) && tone(1) < tone(2));
        let one = Pigment::new(&Options { sessions: 1, ..Options::default() }).expect("valid");
        assert_eq!(one.session_of(0.999), 0);
    }

    #[test]
    fn dilution_lightens_and_variation_varies() {
        let dark = pigment(Healing::Healed, 1.0).absorb[1];
        let light = Pigment::new(&Options { dilution: 0.9, ..Options::default() }).expect("valid").absorb[1];
        assert!(light < dark * 0.4);
        let flat = Pigment::new(&Options { size_variation: 0.0, ..Options::default() }).expect("valid");
        let sizes: Vec<f32> = (0..50).map(|i| flat.look(i, 2).diameter_mm).collect();
        assert!(sizes.iter().all(|&d| (d - sizes[0]).abs() < 1e-6));
        let p = pigment(Healing::Healed, 1.0);
        let varied: Vec<f32> = (0..50).map(|i| p.look(i, 2).diameter_mm).collect();
        assert!(varied.iter().any(|&d| (d - varied[0]).abs() > 0.005));
        assert!(varied.iter().all(|&d| d <= p.max_diameter_mm()));
    }
}
