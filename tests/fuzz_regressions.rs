//! Replays every saved fuzz input (seeds and the inputs that once crashed a target)
//! through the same checks the fuzz targets run, on the stable toolchain, so CI
//! guards against regressions without running the fuzzer. See `scripts/fuzz.sh`.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for folder in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(folder).join(target)) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "md") {
                continue;
            }
            let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            check(&data);
            count += 1;
        }
    }
    assert!(count > 0, "no saved inputs for {target}");
}

#[test]
fn decode_inputs() {
    replay("decode", hairline::fuzzing::decode);
}

#[test]
fn options_inputs() {
    replay("options", hairline::fuzzing::options);
}

#[test]
fn render_inputs() {
    replay("render", hairline::fuzzing::render);
}

#[test]
fn design_inputs() {
    replay("design", hairline::fuzzing::design);
}

#[test]
fn session_inputs() {
    replay("session", hairline::fuzzing::session);
}
