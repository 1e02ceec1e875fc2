// Dev aid: replays fuzz inputs through the render checks.
fn main() {
    for p in std::env::args().skip(1) {
        hairline::fuzzing::render(&std::fs::read(p).expect("input"));
    }
}
