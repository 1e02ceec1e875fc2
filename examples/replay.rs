//! Dev aid: replays fuzz inputs through a target's checks, outside the fuzzer.
//! `cargo run --example replay -- TARGET FILE...` (TARGET: decode, options, render, design)
fn main() {
    let mut args = std::env::args().skip(1);
    let target = args.next().unwrap_or_default();
    let check: fn(&[u8]) = match target.as_str() {
        "decode" => hairline::fuzzing::decode,
        "options" => hairline::fuzzing::options,
        "render" => hairline::fuzzing::render,
        "design" => hairline::fuzzing::design,
        _ => panic!("usage: replay decode|options|render|design FILE..."),
    };
    for path in args {
        check(&std::fs::read(&path).expect("input"));
    }
}
