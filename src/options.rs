//! Every user-settable rendering value, in physical units, with the allowed ranges
//! taken from `shared/docs/smp-domain.md`. Validation errors name the field.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// Allowed interval and default of one numeric option (published to the page so the
/// controls and the core never disagree).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Range {
    #[serde(serialize_with = "shortest")]
    pub min: f32,
    #[serde(serialize_with = "shortest")]
    pub max: f32,
    #[serde(serialize_with = "shortest")]
    pub default: f32,
}

/// Serialises an `f32` as the shortest decimal that reads back to it (0.18, not
/// 0.18000000715255737), so JS sees the numbers it set.
fn shortest<S: serde::Serializer>(value: &f32, serializer: S) -> std::result::Result<S::Ok, S::Error> {
    // Six decimals are more than any option needs and less than f32 noise.
    serializer.serialize_f64((f64::from(*value) * 1e6).round() / 1e6)
}

impl Range {
    fn check(&self, field: &'static str, value: f32, unit: &str) -> Result<()> {
        if !value.is_finite() || value < self.min || value > self.max {
            return Err(Error::option(
                field,
                format!("must be between {} and {}{unit} (got {value})", self.min, self.max),
            ));
        }
        Ok(())
    }
}

/// Impressions per cm² after a full course (3 sessions). Natural hair is 175–300/cm²;
/// about half of that already gives a convincing illusion, and healed results measured
/// "about 1 mm apart" (≈100/cm²) cover 25–31 % of the skin with dark spots.
pub const DENSITY: Range = Range { min: 20.0, max: 180.0, default: 110.0 };
/// Median diameter of one healed impression (a 1RL–3RL needle cluster seen through the
/// epidermis), mm: healed dark spots measure 0.52–0.69 mm, with a tail to ~0.9 mm.
pub const DOT_MM: Range = Range { min: 0.2, max: 1.1, default: 0.8 };
/// Impression-to-impression size spread: σ of the logarithm of the size (log-normal).
pub const SIZE_VARIATION: Range = Range { min: 0.0, max: 0.5, default: 0.28 };
/// Share of water in the pigment: more water = lighter.
pub const DILUTION: Range = Range { min: 0.0, max: 0.9, default: 0.25 };
/// Years since the last session, for the aged stage.
pub const YEARS: Range = Range { min: 1.0, max: 15.0, default: 5.0 };
/// Sessions performed (2–4 is a normal course).
pub const SESSIONS: Range = Range { min: 1.0, max: 4.0, default: 3.0 };

/// How long ago the pigment was placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Healing {
    /// Days after a session: larger, darker, crisper dots.
    Fresh,
    /// Weeks to months later: 2–3 shades lighter, softer, a faint cool cast.
    Healed,
    /// Years later (`years`): lighter still, slightly spread.
    Aged,
}

/// Everything that shapes the dots. Units: mm, impressions per cm², sRGB hex colour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct Options {
    #[serde(serialize_with = "shortest")]
    pub density: f32,
    #[serde(serialize_with = "shortest")]
    pub dot_mm: f32,
    #[serde(serialize_with = "shortest")]
    pub size_variation: f32,
    /// Pigment colour as `#rrggbb` (straight sRGB), before dilution.
    pub pigment: String,
    #[serde(serialize_with = "shortest")]
    pub dilution: f32,
    pub healing: Healing,
    #[serde(serialize_with = "shortest")]
    pub years: f32,
    pub sessions: u8,
    pub seed: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            density: DENSITY.default,
            dot_mm: DOT_MM.default,
            size_variation: SIZE_VARIATION.default,
            pigment: "#1d1a19".to_owned(),
            dilution: DILUTION.default,
            healing: Healing::Healed,
            years: YEARS.default,
            sessions: SESSIONS.default as u8,
            seed: 1,
        }
    }
}

/// A partial change of [`Options`], as the page sends it (one slider, one field): the
/// fields present replace the current ones. Unknown fields are refused by name.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct OptionsChange {
    pub density: Option<f32>,
    pub dot_mm: Option<f32>,
    pub size_variation: Option<f32>,
    pub pigment: Option<String>,
    pub dilution: Option<f32>,
    pub healing: Option<Healing>,
    pub years: Option<f32>,
    pub sessions: Option<u8>,
    pub seed: Option<u32>,
}

impl OptionsChange {
    /// The fields a change may carry: the options' own names.
    pub const FIELDS: [&'static str; 9] =
        ["density", "dotMm", "sizeVariation", "pigment", "dilution", "healing", "years", "sessions", "seed"];

    /// Refuses the first name that is not an option, for readers that skip unknown
    /// fields silently (serde-wasm-bindgen reads a struct's own fields only).
    pub fn check_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<()> {
        match names.into_iter().find(|name| !Self::FIELDS.contains(name)) {
            Some(unknown) => Err(Error::Settings(format!(
                "settings are not valid: unknown field `{unknown}`, expected one of {}",
                Self::FIELDS.map(|f| format!("`{f}`")).join(", ")
            ))),
            None => Ok(()),
        }
    }
}

impl Options {
    /// Checks every field; the first out-of-range one is reported by name.
    pub fn validate(&self) -> Result<()> {
        DENSITY.check("density", self.density, " impressions per cm²")?;
        DOT_MM.check("dotMm", self.dot_mm, " mm")?;
        SIZE_VARIATION.check("sizeVariation", self.size_variation, "")?;
        DILUTION.check("dilution", self.dilution, "")?;
        YEARS.check("years", self.years, " years")?;
        SESSIONS.check("sessions", f32::from(self.sessions), "")?;
        parse_hex_colour(&self.pigment)?;
        Ok(())
    }

    /// Parses and validates settings JSON (the settings file / URL fragment format).
    /// Missing fields take their defaults; unknown fields are refused by name.
    pub fn from_json(text: &str) -> Result<Options> {
        let options: Options =
            serde_json::from_str(text).map_err(|e| Error::Settings(format!("settings are not valid: {e}")))?;
        options.validate()?;
        Ok(options)
    }

    pub fn to_json(&self) -> String {
        // Serialising plain numbers and strings cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// These options with the fields `change` gives replaced, validated as a whole.
    pub fn merged(&self, change: OptionsChange) -> Result<Options> {
        let OptionsChange { density, dot_mm, size_variation, pigment, dilution, healing, years, sessions, seed } =
            change;
        let options = Options {
            density: density.unwrap_or(self.density),
            dot_mm: dot_mm.unwrap_or(self.dot_mm),
            size_variation: size_variation.unwrap_or(self.size_variation),
            pigment: pigment.unwrap_or_else(|| self.pigment.clone()),
            dilution: dilution.unwrap_or(self.dilution),
            healing: healing.unwrap_or(self.healing),
            years: years.unwrap_or(self.years),
            sessions: sessions.unwrap_or(self.sessions),
            seed: seed.unwrap_or(self.seed),
        };
        options.validate()?;
        Ok(options)
    }

    /// The pigment colour as straight sRGB bytes.
    pub fn pigment_rgb(&self) -> Result<[u8; 3]> {
        parse_hex_colour(&self.pigment)
    }
}

/// `#rrggbb` → bytes. Errors name the `pigment` field.
pub fn parse_hex_colour(text: &str) -> Result<[u8; 3]> {
    let bad = || Error::option("pigment", format!("must be a colour like #1d1a19 (got {text:?})"));
    let hex = text.strip_prefix('#').ok_or_else(bad)?;
    if hex.len() != 6 || !hex.is_ascii() {
        return Err(bad());
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| bad());
    Ok([byte(0)?, byte(2)?, byte(4)?])
}

/// All ranges, for the page's controls.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ranges {
    pub density: Range,
    pub dot_mm: Range,
    pub size_variation: Range,
    pub dilution: Range,
    pub years: Range,
    pub sessions: Range,
}

pub const RANGES: Ranges = Ranges {
    density: DENSITY,
    dot_mm: DOT_MM,
    size_variation: SIZE_VARIATION,
    dilution: DILUTION,
    years: YEARS,
    sessions: SESSIONS,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_inside_ranges() {
        Options::default().validate().expect("defaults valid");
    }

    #[test]
    fn every_range_edge_is_accepted_and_just_outside_is_refused_by_name() {
        type Setter = fn(&mut Options, f32);
        let cases: [(&str, Setter, Range); 5] = [
            ("density", |o, v| o.density = v, DENSITY),
            ("dotMm", |o, v| o.dot_mm = v, DOT_MM),
            ("sizeVariation", |o, v| o.size_variation = v, SIZE_VARIATION),
            ("dilution", |o, v| o.dilution = v, DILUTION),
            ("years", |o, v| o.years = v, YEARS),
        ];
        for (name, set, range) in cases {
            for ok in [range.min, range.max, range.default] {
                let mut o = Options::default();
                set(&mut o, ok);
                assert!(o.validate().is_ok(), "{name}={ok} should be accepted");
            }
            for bad in [range.min - 0.001, range.max + 0.001, f32::NAN, f32::INFINITY] {
                let mut o = Options::default();
                set(&mut o, bad);
                match o.validate() {
                    Err(Error::Option { field, message }) => {
                        assert_eq!(field, name);
                        assert!(message.contains("between"), "{message}");
                    }
                    other => panic!("{name}={bad} gave {other:?}"),
                }
            }
        }
        for (sessions, ok) in [(0, false), (1, true), (4, true), (5, false)] {
            let o = Options { sessions, ..Options::default() };
            assert_eq!(o.validate().is_ok(), ok, "sessions={sessions}");
        }
    }

    #[test]
    fn pigment_colour_is_parsed_strictly() {
        assert_eq!(parse_hex_colour("#ff0080").ok(), Some([255, 0, 128]));
        for bad in ["ff0080", "#ff008", "#gg0000", "#ff00800", "", "#é00000"] {
            assert!(parse_hex_colour(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn numbers_serialise_as_the_decimals_that_were_set() {
        let o = Options { dot_mm: 0.18, dilution: 0.6, ..Options::default() };
        let json = o.to_json();
        assert!(json.contains(r#""dotMm":0.18,"#) && json.contains(r#""dilution":0.6,"#), "{json}");
    }

    #[test]
    fn json_round_trip_and_clear_errors() {
        let o = Options { density: 80.0, healing: Healing::Aged, seed: 7, ..Options::default() };
        assert_eq!(Options::from_json(&o.to_json()).ok(), Some(o));
        assert_eq!(Options::from_json("{}").ok(), Some(Options::default()));
        let unknown = Options::from_json(r#"{"densty": 3}"#).unwrap_err().to_string();
        assert!(unknown.contains("densty"), "{unknown}");
        let range = Options::from_json(r#"{"density": 3000}"#).unwrap_err().to_string();
        assert!(range.starts_with("density:"), "{range}");
        let stage = Options::from_json(r#"{"healing": "scabbed"}"#).unwrap_err().to_string();
        assert!(stage.contains("scabbed"), "{stage}");
    }

    #[test]
    fn partial_changes_merge_over_current_and_bad_ones_change_nothing() {
        let current = Options { seed: 9, ..Options::default() };
        let merge = |json: serde_json::Value| -> std::result::Result<Options, String> {
            let change: OptionsChange = serde_json::from_value(json).map_err(|e| e.to_string())?;
            current.merged(change).map_err(|e| e.to_string())
        };
        let merged = merge(serde_json::json!({"density": 60, "healing": "fresh"})).expect("valid");
        assert_eq!((merged.density, merged.healing, merged.seed), (60.0, Healing::Fresh, 9));
        assert_eq!(merge(serde_json::json!({})), Ok(current.clone()));
        let every = merge(serde_json::json!({
            "density": 90, "dotMm": 0.64, "sizeVariation": 0.2, "pigment": "#202020", "dilution": 0.3,
            "healing": "aged", "years": 4, "sessions": 2, "seed": 5,
        }))
        .expect("valid");
        let expected = Options {
            density: 90.0,
            dot_mm: 0.64,
            size_variation: 0.2,
            pigment: "#202020".into(),
            dilution: 0.3,
            healing: Healing::Aged,
            years: 4.0,
            sessions: 2,
            seed: 5,
        };
        assert_eq!(every, expected);
        assert!(merge(serde_json::json!({"density": 1})).is_err_and(|e| e.starts_with("density:")));
        assert!(merge(serde_json::json!({"colour": "#000000"})).is_err_and(|e| e.contains("colour")));
        assert!(merge(serde_json::json!([1, 2])).is_err());
        assert!(merge(serde_json::json!({"sessions": 2.5})).is_err());
        assert!(merge(serde_json::json!({"pigment": "black"})).is_err());
    }

    #[test]
    fn change_field_names_are_the_options_names() {
        let serde_json::Value::Object(fields) = serde_json::to_value(Options::default()).expect("json") else {
            panic!("options serialise as an object")
        };
        let mut names: Vec<&str> = fields.keys().map(String::as_str).collect();
        let mut listed = OptionsChange::FIELDS.to_vec();
        names.sort_unstable();
        listed.sort_unstable();
        assert_eq!(names, listed);
        for name in OptionsChange::FIELDS {
            let value = &fields[name];
            let change: OptionsChange = serde_json::from_value(serde_json::json!({ name: value })).expect(name);
            assert_ne!(change, OptionsChange::default(), "{name} is read");
        }
        assert!(OptionsChange::check_names(["density", "seed"]).is_ok());
        let unknown = OptionsChange::check_names(["density", "densty"]).unwrap_err().to_string();
        assert!(unknown.contains("`densty`") && unknown.contains("`dotMm`"), "{unknown}");
    }
}
