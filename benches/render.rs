//! Native criterion benchmarks of the renderer. The standard scene (issue 3): a
//! 1920×1080 frame, ≈20,000 healed dots at 8 px/mm, base photo copied in 1:1.
//! Run: `cargo bench --bench render` (figures in BENCHMARKS.md).
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use hairline::design::{Coverage, Design};
use hairline::mask::Mask;
use hairline::options::Healing;
use hairline::pattern::Pattern;
use hairline::{Bitmap, Options, Scene, View, WeightMap};
use std::hint::black_box;

/// Dots per cm² that put ≈`dots` dots into a `w × h` frame at 8 px/mm.
fn density_for(dots: f32, w: u32, h: u32) -> f32 {
    let area_cm2 = (w as f32 / 8.0) * (h as f32 / 8.0) / 100.0;
    dots / area_cm2
}

/// A skin-toned photo with full treatment at `px_per_mm`.
pub fn scene(w: u32, h: u32, px_per_mm: f32, options: Options) -> Scene {
    let mut photo = Bitmap::filled(w, h, [214, 170, 140, 255]).expect("size");
    // A little texture so the copy is not of a constant.
    for (i, px) in photo.data_mut().chunks_exact_mut(4).enumerate() {
        px[0] = px[0].wrapping_add((i % 7) as u8);
    }
    let mut scene = Scene::new();
    scene.set_photo(photo);
    scene.set_px_per_mm(px_per_mm).expect("scale");
    scene.set_weight_map(WeightMap::uniform(w, h, 1.0).expect("map")).expect("map");
    scene.set_options(options).expect("options");
    scene
}

fn standard(c: &mut Criterion) {
    let (w, h) = (1920, 1080);
    let options = Options { density: density_for(20_000.0, w, h), ..Options::default() };
    let mut s = scene(w, h, 8.0, options);
    let view = View::full(w, h);
    eprintln!("standard scene: {} dots", s.dots(view).expect("dots").len());
    let mut group = c.benchmark_group("standard 1920x1080 20k healed dots 8 px/mm");
    group.throughput(Throughput::Elements(20_000));
    // The page's path: the scene's own frame, no copy handed out.
    group.bench_function("render (cached base)", |b| {
        b.iter(|| black_box(s.render_frame(view).expect("render").data().len()))
    });
    group.bench_function("render uncached", |b| b.iter(|| black_box(s.render(view).expect("render"))));
    group.finish();

    // The smallest fresh impressions (0.2 mm × 1.12 ≈ 4.5 px at 20 px/mm) at the highest
    // density: the frame spans 96 × 54 mm and holds ≈9,000 impressions.
    let fresh = Options { healing: Healing::Fresh, dot_mm: 0.2, density: 180.0, ..Options::default() };
    let mut s = scene(w, h, 20.0, fresh);
    eprintln!("fresh scene: {} dots", s.dots(view).expect("dots").len());
    c.bench_function("fresh 4.5 px impressions 1920x1080 max density", |b| {
        b.iter(|| black_box(s.render_frame(view).expect("render").data().len()))
    });
}

fn scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("dot count at 1920x1080");
    for dots in [6_500.0, 10_000.0, 20_000.0, 40_000.0, 55_000.0] {
        let mut s = scene(1920, 1080, 8.0, Options { density: density_for(dots, 1920, 1080), ..Options::default() });
        let view = View::full(1920, 1080);
        group.bench_with_input(BenchmarkId::from_parameter(dots as u32), &view, |b, v| {
            b.iter(|| black_box(s.render_frame(*v).expect("render").data().len()))
        });
    }
    group.finish();
    let mut group = c.benchmark_group("frame size at ~62 dots per cm2");
    for (w, h) in [(960, 540), (1920, 1080), (3840, 2160)] {
        let mut s = scene(w, h, 8.0, Options { density: density_for(20_000.0, 1920, 1080), ..Options::default() });
        let view = View::full(w, h);
        group.bench_with_input(BenchmarkId::from_parameter(format!("{w}x{h}")), &view, |b, v| {
            b.iter(|| black_box(s.render_frame(*v).expect("render").data().len()))
        });
    }
    group.finish();
}

fn export(c: &mut Criterion) {
    let mut s = scene(4000, 3000, 16.0, Options::default());
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    group.bench_function("12 MP full render", |b| b.iter(|| black_box(s.render_full().expect("render"))));
    group.finish();
}

fn pattern(c: &mut Criterion) {
    let mut seed = 0;
    c.bench_function("pattern generation (one seed)", |b| {
        b.iter(|| {
            seed += 1;
            black_box(Pattern::generate(seed))
        })
    });
}

/// The design's weight map for a 12 MP photo (3464 × 3464), as after a zero-tap
/// analysis: hairline coverage over a scalp area (the analysis's coarse cells), pupils
/// placed. Every design edit (a handle drag's move included) rebuilds it.
fn design_weight_map(c: &mut Criterion) {
    let side = 3464;
    let photo = Bitmap::filled(side, side, [214, 170, 140, 255]).expect("size");
    let mut design = Design::new(side, side, 20.0);
    design.set_pupils([1190.0, 2400.0], [2270.0, 2390.0]).expect("pupils");
    design.set_foreshortening(0.6).expect("foreshortening");
    design.set_coverage(Coverage::Hairline);
    // A head-shaped area on a 256-cell grid, as the analysis gives.
    let cells = 256;
    let area: Vec<u8> = (0..cells * cells)
        .map(|i| {
            let (x, y) = ((i % cells) as f32 / cells as f32 - 0.5, (i / cells) as f32 / cells as f32 - 0.55);
            if x * x / 0.16 + y * y / 0.25 < 1.0 {
                255
            } else {
                0
            }
        })
        .collect();
    design.set_scalp_area(Mask::from_cells(side, side, cells as u32, cells as u32, area).expect("area")).expect("area");
    let mut group = c.benchmark_group("design");
    group.sample_size(10);
    group.bench_function("weight map, 12 MP, hairline over a scalp area", |b| {
        b.iter(|| black_box(design.weight_map(&photo).expect("map")))
    });
    group.finish();
}

criterion_group!(benches, standard, scaling, export, pattern, design_weight_map);
criterion_main!(benches);
