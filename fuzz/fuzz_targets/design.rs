#![no_main]
// See hairline::fuzzing::design for what this checks.
libfuzzer_sys::fuzz_target!(|data: &[u8]| hairline::fuzzing::design(data));
