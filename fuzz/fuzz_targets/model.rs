#![no_main]
//! Arbitrary bytes as a model file: parsed and run, or refused.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    hairline_analysis::fuzzing::model_file(data);
});
