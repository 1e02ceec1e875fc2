#![no_main]
// See hairline::fuzzing::render for what this checks.
libfuzzer_sys::fuzz_target!(|data: &[u8]| hairline::fuzzing::render(data));
