#![no_main]
// See hairline::fuzzing::session for what this checks.
libfuzzer_sys::fuzz_target!(|data: &[u8]| hairline::fuzzing::session(data));
