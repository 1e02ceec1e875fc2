#![no_main]
// See hairline::fuzzing::decode for what this checks.
libfuzzer_sys::fuzz_target!(|data: &[u8]| hairline::fuzzing::decode(data));
