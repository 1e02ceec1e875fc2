//! Native timing of the photo analysis on the 14 test photos (the browser figure, the
//! one with a budget, comes from `make bench`): `cargo bench -p hairline-analysis`.
use criterion::{criterion_group, criterion_main, Criterion};
use hairline_analysis::image::Rgba;
use hairline_analysis::understand::{analyse, Models};
use std::path::Path;

fn bench(c: &mut Criterion) {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    let read = |name: &str| std::fs::read(root.join(format!("www/models/{name}.hlnn"))).expect("model file");
    let models =
        Models::parse(&read("face_detection_short_range"), &read("face_landmark"), &read("selfie_segmentation"))
            .expect("models");
    let photo = image::open(root.join("../shared/photos/L6_19-Front.jpg")).expect("photo").to_rgba8();
    let photo = Rgba::new(photo.width(), photo.height(), photo.into_raw()).expect("rgba");
    c.bench_function("analyse a 640 px photo (face, mesh, person)", |b| {
        b.iter(|| analyse(&models, &photo).expect("analyses"))
    });
    let input = |side: usize| vec![0.5f32; side * side * 3];
    c.bench_function("face detector 128 px", |b| b.iter(|| models.face.run(&input(128)).expect("runs")));
    c.bench_function("face mesh 192 px", |b| b.iter(|| models.mesh.run(&input(192)).expect("runs")));
    c.bench_function("person segmenter 256 px", |b| b.iter(|| models.person.run(&input(256)).expect("runs")));
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
