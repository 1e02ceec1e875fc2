#![no_main]
// See hairline::fuzzing::options for what this checks.
libfuzzer_sys::fuzz_target!(|data: &[u8]| hairline::fuzzing::options(data));
