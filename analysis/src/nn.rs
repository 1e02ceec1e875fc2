//! A small neural-network interpreter for the few MediaPipe models Hairline ships.
//!
//! It reads the `.hlnn` format written by `scripts/models/convert.py` (a flat rewrite of
//! TensorFlow Lite models) and runs the fifteen operators those models use, in f32,
//! NHWC layout, batch 1. Tensors are dense row-major `Vec<f32>`. Shapes are the static
//! ones stored in the model; every operator checks the sizes it relies on, so a bad
//! file gives an error, never a panic.

use crate::error::{Error, Result};

/// Hairline's operator codes (the order of `convert.py`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Conv2d,
    DepthwiseConv2d,
    Add,
    Mul,
    Relu,
    Prelu,
    HardSwish,
    Logistic,
    Pad,
    MaxPool2d,
    AveragePool2d,
    Reshape,
    Concatenation,
    ResizeBilinear,
    TransposeConvBias,
}

impl Op {
    fn from_code(code: u8) -> Result<Op> {
        use Op::*;
        const ALL: [Op; 15] = [
            Conv2d,
            DepthwiseConv2d,
            Add,
            Mul,
            Relu,
            Prelu,
            HardSwish,
            Logistic,
            Pad,
            MaxPool2d,
            AveragePool2d,
            Reshape,
            Concatenation,
            ResizeBilinear,
            TransposeConvBias,
        ];
        ALL.get(code as usize).copied().ok_or_else(|| bad(format!("unknown operator {code}")))
    }
}

fn bad(message: String) -> Error {
    Error::Model(message)
}

#[derive(Debug, Clone)]
struct Node {
    op: Op,
    inputs: Vec<Option<usize>>,
    outputs: Vec<usize>,
    params: Vec<i32>,
    /// Convolution weights rearranged once at load, `[k_h][k_w][c_in][c_out]`: the
    /// inner loop then adds one input value times a contiguous row of weights to a
    /// contiguous row of outputs, which compilers vectorise.
    weights: Option<Vec<f32>>,
}

/// A loaded model: tensor shapes, constant data, and the operators in run order.
#[derive(Debug, Clone)]
pub struct Model {
    shapes: Vec<Vec<usize>>,
    constants: Vec<Option<Vec<f32>>>,
    /// Integer constants (paddings, sizes), kept exact.
    integers: Vec<Option<Vec<i32>>>,
    nodes: Vec<Node>,
    inputs: Vec<usize>,
    outputs: Vec<usize>,
    /// For each tensor, the last operator that reads it (activations are freed after
    /// it: the segmenter's would otherwise hold 30 MB).
    last_use: Vec<usize>,
}

/// Reads little-endian values from the model bytes, with bounds checks.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.at.checked_add(n).filter(|&end| end <= self.bytes.len());
        let end = end.ok_or_else(|| bad("the model file ends early".into()))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }
    fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn i32(&mut self) -> Result<i32> {
        Ok(self.u32()? as i32)
    }
    /// A count that cannot exceed what the rest of the file could hold.
    fn count(&mut self, item_bytes: usize) -> Result<usize> {
        let n = self.u32()? as usize;
        if n.saturating_mul(item_bytes) > self.bytes.len() - self.at {
            return Err(bad(format!("a count of {n} is larger than the file")));
        }
        Ok(n)
    }
}

fn f16_to_f32(bits: u16) -> f32 {
    let sign = if bits & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exponent = ((bits >> 10) & 0x1f) as i32;
    let mantissa = (bits & 0x3ff) as f32;
    match exponent {
        0 => sign * mantissa * 2f32.powi(-24),
        31 if mantissa == 0.0 => sign * f32::INFINITY,
        31 => f32::NAN,
        _ => sign * (1.0 + mantissa / 1024.0) * 2f32.powi(exponent - 15),
    }
}

/// At most this many elements in one tensor (the largest real one has ~0.8 M).
const MAX_ELEMENTS: usize = 1 << 24;

impl Model {
    /// Parses a `.hlnn` file.
    pub fn parse(bytes: &[u8]) -> Result<Model> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(4)? != b"HLNN" || r.u32()? != 1 {
            return Err(bad("not a Hairline model file (version 1)".into()));
        }
        let tensor_count = r.count(6)?;
        let (mut shapes, mut constants, mut integers) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..tensor_count {
            let rank = r.u8()? as usize;
            let mut dims = Vec::with_capacity(rank);
            for _ in 0..rank {
                let d = r.i32()?;
                dims.push(usize::try_from(d).map_err(|_| bad(format!("negative dimension {d}")))?);
            }
            let elements = dims.iter().try_fold(1usize, |a, &d| a.checked_mul(d)).filter(|&n| n <= MAX_ELEMENTS);
            let elements = elements.ok_or_else(|| bad(format!("tensor shape {dims:?} is too large")))?;
            let storage = r.u8()?;
            let len = r.u32()? as usize;
            let data = r.take(len)?;
            let width = match storage {
                0 => 0,
                1 => 2,
                2 | 3 => 4,
                _ => return Err(bad(format!("unknown tensor storage {storage}"))),
            };
            if storage != 0 && len != elements * width {
                return Err(bad(format!("tensor {dims:?} has {len} bytes of data, expected {}", elements * width)));
            }
            let words = |n: usize| data.chunks_exact(n);
            constants.push(match storage {
                1 => Some(words(2).map(|b| f16_to_f32(u16::from_le_bytes([b[0], b[1]]))).collect()),
                2 => Some(words(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect()),
                _ => None,
            });
            integers.push(match storage {
                3 => Some(words(4).map(|b| i32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect()),
                _ => None,
            });
            shapes.push(dims);
        }
        let tensor = |id: i32| -> Result<usize> {
            usize::try_from(id)
                .ok()
                .filter(|&i| i < tensor_count)
                .ok_or_else(|| bad(format!("tensor {id} does not exist")))
        };
        let node_count = r.count(4)?;
        let mut nodes = Vec::with_capacity(node_count);
        for _ in 0..node_count {
            let op = Op::from_code(r.u8()?)?;
            let mut inputs = Vec::new();
            for _ in 0..r.u8()? {
                let id = r.i32()?;
                inputs.push(if id < 0 { None } else { Some(tensor(id)?) });
            }
            let mut outputs = Vec::new();
            for _ in 0..r.u8()? {
                outputs.push(tensor(r.i32()?)?);
            }
            let mut params = Vec::new();
            for _ in 0..r.u8()? {
                params.push(r.i32()?);
            }
            if outputs.is_empty() {
                return Err(bad(format!("a {op:?} operator without output")));
            }
            nodes.push(Node { op, inputs, outputs, params, weights: None });
        }
        let mut ends = [Vec::new(), Vec::new()];
        for end in &mut ends {
            for _ in 0..r.count(4)? {
                end.push(tensor(r.i32()?)?);
            }
        }
        let [inputs, outputs] = ends;
        if inputs.len() != 1 || outputs.is_empty() {
            return Err(bad("a model needs one input and at least one output".into()));
        }
        for node in &mut nodes {
            if matches!(node.op, Op::Conv2d | Op::TransposeConvBias) {
                let id = node.inputs.get(1).copied().flatten();
                if let (Some(w), Some(id)) = (id.and_then(|id| constants[id].as_deref()), id) {
                    node.weights = Some(output_major(w, &shapes[id])?);
                }
            }
        }
        let mut last_use = vec![0; tensor_count];
        for (k, node) in nodes.iter().enumerate() {
            node.inputs.iter().flatten().for_each(|&id| last_use[id] = k);
        }
        outputs.iter().for_each(|&id| last_use[id] = usize::MAX);
        Ok(Model { shapes, constants, integers, nodes, inputs, outputs, last_use })
    }

    /// The input's shape, `[1, height, width, channels]`.
    pub fn input_shape(&self) -> &[usize] {
        &self.shapes[self.inputs[0]]
    }

    /// Runs the model on `input` (NHWC, the input's shape) and returns its outputs in the
    /// model's order.
    pub fn run(&self, input: &[f32]) -> Result<Vec<Vec<f32>>> {
        // Activations only: constants are read from the model.
        let mut values: Vec<Option<Vec<f32>>> = vec![None; self.shapes.len()];
        let input_id = self.inputs[0];
        if input.len() != elements(&self.shapes[input_id]) {
            return Err(bad(format!(
                "the input has {} values, the model takes {:?}",
                input.len(),
                self.shapes[input_id]
            )));
        }
        values[input_id] = Some(input.to_vec());
        for (k, node) in self.nodes.iter().enumerate() {
            let out = self.eval(node, &values)?;
            let id = *node.outputs.first().ok_or_else(|| bad("an operator without output".into()))?;
            if out.len() != elements(&self.shapes[id]) {
                return Err(bad(format!("{:?} made {} values for shape {:?}", node.op, out.len(), self.shapes[id])));
            }
            values[id] = Some(out);
            for &used in node.inputs.iter().flatten() {
                if self.last_use[used] == k {
                    values[used] = None;
                }
            }
        }
        self.outputs
            .iter()
            .map(|&id| values[id].take().ok_or_else(|| bad(format!("output {id} was never computed"))))
            .collect()
    }

    fn eval(&self, node: &Node, values: &[Option<Vec<f32>>]) -> Result<Vec<f32>> {
        let input = |i: usize| -> Result<(&[f32], &[usize])> {
            let id =
                node.inputs.get(i).copied().flatten().ok_or_else(|| bad(format!("{:?} lacks input {i}", node.op)))?;
            let data = values[id]
                .as_deref()
                .or(self.constants[id].as_deref())
                .ok_or_else(|| bad(format!("{:?} reads tensor {id} before it is made", node.op)))?;
            Ok((data, &self.shapes[id]))
        };
        let param = |i: usize| -> Result<i32> {
            node.params.get(i).copied().ok_or_else(|| bad(format!("{:?} lacks parameter {i}", node.op)))
        };
        let out_shape = &self.shapes[node.outputs[0]];
        let act = |i: usize| -> Result<Activation> { Activation::from_code(param(i)?) };
        Ok(match node.op {
            Op::Conv2d | Op::DepthwiseConv2d => {
                let (x, xs) = input(0)?;
                let (w, ws) = input(1)?;
                let bias = node
                    .inputs
                    .get(2)
                    .copied()
                    .flatten()
                    .and_then(|id| values[id].as_deref().or(self.constants[id].as_deref()));
                let geometry = Window::new(xs, ws, out_shape, param(0)?, [param(1)?, param(2)?])?;
                if node.op == Op::Conv2d {
                    let dilation = [param(4)?, param(5)?];
                    let w = node.weights.as_deref().ok_or_else(|| bad("Conv2D weights must be constant".into()))?;
                    conv2d(x, w, bias, &geometry, dilation, act(3)?)?
                } else {
                    let dilation = [param(5)?, param(6)?];
                    depthwise(x, w, bias, &geometry, dilation, act(4)?)?
                }
            }
            Op::MaxPool2d | Op::AveragePool2d => {
                let (x, xs) = input(0)?;
                let filter = [1, usize_param(param(4)?)?, usize_param(param(3)?)?, 1];
                let geometry = Window::new(xs, &filter, out_shape, param(0)?, [param(1)?, param(2)?])?;
                pool(x, &geometry, node.op == Op::MaxPool2d, act(5)?)
            }
            Op::Add | Op::Mul => {
                let (a, a_shape) = input(0)?;
                let (b, b_shape) = input(1)?;
                let mul = node.op == Op::Mul;
                let mut out = broadcast(a, a_shape, b, b_shape, out_shape, |p, q| if mul { p * q } else { p + q })?;
                act(0)?.apply(&mut out);
                out
            }
            Op::Relu => input(0)?.0.iter().map(|&v| v.max(0.0)).collect(),
            Op::HardSwish => input(0)?.0.iter().map(|&v| v * (v + 3.0).clamp(0.0, 6.0) / 6.0).collect(),
            Op::Logistic => input(0)?.0.iter().map(|&v| 1.0 / (1.0 + (-v).exp())).collect(),
            Op::Prelu => {
                let (x, xs) = input(0)?;
                let (alpha, alpha_shape) = input(1)?;
                broadcast(x, xs, alpha, alpha_shape, out_shape, |v, a| if v >= 0.0 { v } else { v * a })?
            }
            Op::Reshape => input(0)?.0.to_vec(),
            Op::Pad => {
                let (x, xs) = input(0)?;
                let id = node.inputs.get(1).copied().flatten();
                let pads =
                    id.and_then(|id| self.integers[id].as_deref()).ok_or_else(|| bad("Pad without paddings".into()))?;
                pad(x, xs, pads, out_shape)?
            }
            Op::Concatenation => {
                let parts = (0..node.inputs.len()).map(input).collect::<Result<Vec<_>>>()?;
                concatenate(&parts, param(0)?, out_shape)?
            }
            Op::ResizeBilinear => {
                let (x, xs) = input(0)?;
                resize_bilinear(x, xs, out_shape, param(0)? != 0, param(1)? != 0)?
            }
            Op::TransposeConvBias => {
                let (x, xs) = input(0)?;
                let (_, ws) = input(1)?;
                let (bias, _) = input(2)?;
                let w = node.weights.as_deref().ok_or_else(|| bad("TransposeConv weights must be constant".into()))?;
                transpose_conv(x, xs, w, ws, bias, out_shape, param(0)?, [param(1)?, param(2)?])?
            }
        })
    }
}

/// TensorFlow Lite's `[c_out][k_h][k_w][c_in]` weights as `[k_h][k_w][c_in][c_out]`.
fn output_major(w: &[f32], shape: &[usize]) -> Result<Vec<f32>> {
    let [co, kh, kw, ci] = *shape else { return Err(bad(format!("weights {shape:?} are not 4-D"))) };
    if w.len() != co * kh * kw * ci {
        return Err(bad("weights do not match their shape".into()));
    }
    let mut out = vec![0.0; w.len()];
    for o in 0..co {
        for k in 0..kh * kw {
            for i in 0..ci {
                out[(k * ci + i) * co + o] = w[(o * kh * kw + k) * ci + i];
            }
        }
    }
    Ok(out)
}

/// `row += value × weights`, elementwise.
fn add_scaled(row: &mut [f32], value: f32, weights: &[f32]) {
    for (r, w) in row.iter_mut().zip(weights) {
        *r += value * w;
    }
}

fn elements(shape: &[usize]) -> usize {
    shape.iter().product()
}

fn usize_param(v: i32) -> Result<usize> {
    usize::try_from(v).ok().filter(|&v| v > 0).ok_or_else(|| bad(format!("parameter {v} must be positive")))
}

#[derive(Debug, Clone, Copy)]
enum Activation {
    None,
    Relu,
    ReluN1To1,
    Relu6,
    Tanh,
}

impl Activation {
    fn from_code(code: i32) -> Result<Activation> {
        Ok(match code {
            0 => Activation::None,
            1 => Activation::Relu,
            2 => Activation::ReluN1To1,
            3 => Activation::Relu6,
            4 => Activation::Tanh,
            _ => return Err(bad(format!("unsupported fused activation {code}"))),
        })
    }
    fn apply(self, values: &mut [f32]) {
        match self {
            Activation::None => {}
            Activation::Relu => values.iter_mut().for_each(|v| *v = v.max(0.0)),
            Activation::ReluN1To1 => values.iter_mut().for_each(|v| *v = v.clamp(-1.0, 1.0)),
            Activation::Relu6 => values.iter_mut().for_each(|v| *v = v.clamp(0.0, 6.0)),
            Activation::Tanh => values.iter_mut().for_each(|v| *v = v.tanh()),
        }
    }
}

/// A sliding window's geometry: input and output sizes, kernel, stride and padding.
struct Window {
    in_h: usize,
    in_w: usize,
    in_c: usize,
    out_h: usize,
    out_w: usize,
    out_c: usize,
    k_h: usize,
    k_w: usize,
    stride: [usize; 2],
    /// Padding before the first row and column (SAME splits the total, extra at the end).
    pad: [isize; 2],
}

impl Window {
    /// `input` is NHWC, `kernel` `[_, k_h, k_w, _]`, `padding` 0 SAME or 1 VALID,
    /// `stride` `[w, h]` as TensorFlow Lite gives it.
    fn new(input: &[usize], kernel: &[usize], output: &[usize], padding: i32, stride: [i32; 2]) -> Result<Window> {
        let [1, in_h, in_w, in_c] = *input else { return Err(bad(format!("window input {input:?} is not NHWC"))) };
        let [_, k_h, k_w, _] = *kernel else { return Err(bad(format!("kernel {kernel:?} is not 4-D"))) };
        let [1, out_h, out_w, out_c] = *output else {
            return Err(bad(format!("window output {output:?} is not NHWC")));
        };
        let stride = [usize_param(stride[1])?, usize_param(stride[0])?];
        let pad_for = |size: usize, out: usize, k: usize, s: usize| -> isize {
            if padding == 0 {
                (((out.saturating_sub(1)) * s + k).saturating_sub(size) / 2) as isize
            } else {
                0
            }
        };
        let pad = [pad_for(in_h, out_h, k_h, stride[0]), pad_for(in_w, out_w, k_w, stride[1])];
        Ok(Window { in_h, in_w, in_c, out_h, out_w, out_c, k_h, k_w, stride, pad })
    }

    /// The input row (or column) a kernel tap reads, if inside the input.
    fn source(&self, out: usize, k: usize, axis: usize, dilation: usize) -> Option<usize> {
        let pos = (out * self.stride[axis]) as isize - self.pad[axis] + (k * dilation) as isize;
        let size = if axis == 0 { self.in_h } else { self.in_w };
        usize::try_from(pos).ok().filter(|&p| p < size)
    }
}

/// `w`: output-major weights (`output_major`).
fn conv2d(
    x: &[f32],
    w: &[f32],
    bias: Option<&[f32]>,
    g: &Window,
    dilation: [i32; 2],
    act: Activation,
) -> Result<Vec<f32>> {
    let (ci, co) = (g.in_c, g.out_c);
    let dil = [usize_param(dilation[1])?, usize_param(dilation[0])?];
    if w.len() != co * g.k_h * g.k_w * ci || x.len() != g.in_h * g.in_w * ci || bias.is_some_and(|b| b.len() != co) {
        return Err(bad("Conv2D sizes do not match".into()));
    }
    let mut out = vec![0.0f32; g.out_h * g.out_w * co];
    for oy in 0..g.out_h {
        for ox in 0..g.out_w {
            let cell = &mut out[(oy * g.out_w + ox) * co..][..co];
            if let Some(b) = bias {
                cell.copy_from_slice(b);
            }
            for ky in 0..g.k_h {
                let Some(iy) = g.source(oy, ky, 0, dil[0]) else { continue };
                for kx in 0..g.k_w {
                    let Some(ix) = g.source(ox, kx, 1, dil[1]) else { continue };
                    let pixel = &x[(iy * g.in_w + ix) * ci..][..ci];
                    let taps = &w[(ky * g.k_w + kx) * ci * co..][..ci * co];
                    for (&value, row) in pixel.iter().zip(taps.chunks_exact(co)) {
                        // After a ReLU many inputs are zero: nothing to add.
                        if value != 0.0 {
                            add_scaled(cell, value, row);
                        }
                    }
                }
            }
        }
    }
    act.apply(&mut out);
    Ok(out)
}

fn depthwise(
    x: &[f32],
    w: &[f32],
    bias: Option<&[f32]>,
    g: &Window,
    dilation: [i32; 2],
    act: Activation,
) -> Result<Vec<f32>> {
    let (ci, co) = (g.in_c, g.out_c);
    let dil = [usize_param(dilation[1])?, usize_param(dilation[0])?];
    if ci == 0 || co % ci != 0 || w.len() != g.k_h * g.k_w * co || bias.is_some_and(|b| b.len() != co) {
        return Err(bad("DepthwiseConv2D sizes do not match".into()));
    }
    let mult = co / ci;
    let mut out = vec![0.0f32; g.out_h * g.out_w * co];
    let mut spread = vec![0.0f32; co]; // the input pixel, each channel repeated `mult` times
    for oy in 0..g.out_h {
        for ox in 0..g.out_w {
            let cell = &mut out[(oy * g.out_w + ox) * co..][..co];
            if let Some(b) = bias {
                cell.copy_from_slice(b);
            }
            for ky in 0..g.k_h {
                let Some(iy) = g.source(oy, ky, 0, dil[0]) else { continue };
                for kx in 0..g.k_w {
                    let Some(ix) = g.source(ox, kx, 1, dil[1]) else { continue };
                    let pixel = &x[(iy * g.in_w + ix) * ci..][..ci];
                    let taps = &w[(ky * g.k_w + kx) * co..][..co];
                    let pixel = if mult == 1 {
                        pixel
                    } else {
                        spread.iter_mut().enumerate().for_each(|(c, s)| *s = pixel[c / mult]);
                        &spread
                    };
                    for ((value, &p), &t) in cell.iter_mut().zip(pixel).zip(taps) {
                        *value += p * t;
                    }
                }
            }
        }
    }
    act.apply(&mut out);
    Ok(out)
}

fn pool(x: &[f32], g: &Window, max: bool, act: Activation) -> Vec<f32> {
    let c = g.in_c;
    let mut out = Vec::with_capacity(g.out_h * g.out_w * c);
    for oy in 0..g.out_h {
        for ox in 0..g.out_w {
            for ch in 0..c {
                let (mut acc, mut n) = (if max { f32::NEG_INFINITY } else { 0.0 }, 0);
                for ky in 0..g.k_h {
                    let Some(iy) = g.source(oy, ky, 0, 1) else { continue };
                    for kx in 0..g.k_w {
                        let Some(ix) = g.source(ox, kx, 1, 1) else { continue };
                        let v = x[(iy * g.in_w + ix) * c + ch];
                        acc = if max { acc.max(v) } else { acc + v };
                        n += 1;
                    }
                }
                // TensorFlow Lite averages over the taps inside the input only.
                out.push(if max { acc } else { acc / n.max(1) as f32 });
            }
        }
    }
    act.apply(&mut out);
    out
}

/// Element-wise `f(a, b)` with NumPy broadcasting (shapes aligned at the right).
fn broadcast(
    a: &[f32],
    a_shape: &[usize],
    b: &[f32],
    b_shape: &[usize],
    out_shape: &[usize],
    f: impl Fn(f32, f32) -> f32,
) -> Result<Vec<f32>> {
    if a_shape == b_shape && a.len() == b.len() {
        return Ok(a.iter().zip(b).map(|(&p, &q)| f(p, q)).collect());
    }
    // b repeats along a's leading dimensions (a per-channel scale or slope): cycle it.
    let trailing = |long: &[usize], short: &[usize]| {
        let short: Vec<usize> = short.iter().copied().skip_while(|&d| d == 1).collect();
        long == out_shape && long.len() >= short.len() && long[long.len() - short.len()..] == short[..]
    };
    if !b.is_empty() && trailing(a_shape, b_shape) {
        return Ok(a.iter().zip(b.iter().cycle()).map(|(&p, &q)| f(p, q)).collect());
    }
    if !a.is_empty() && trailing(b_shape, a_shape) {
        return Ok(b.iter().zip(a.iter().cycle()).map(|(&q, &p)| f(p, q)).collect());
    }
    let rank = out_shape.len();
    let strides = |shape: &[usize]| -> Result<Vec<usize>> {
        if shape.len() > rank {
            return Err(bad(format!("cannot broadcast {shape:?} to {out_shape:?}")));
        }
        let padded: Vec<usize> = std::iter::repeat_n(1, rank - shape.len()).chain(shape.iter().copied()).collect();
        let mut strides = vec![0; rank];
        let mut step = 1;
        for d in (0..rank).rev() {
            if padded[d] == out_shape[d] {
                strides[d] = step;
            } else if padded[d] != 1 {
                return Err(bad(format!("cannot broadcast {shape:?} to {out_shape:?}")));
            }
            step *= padded[d];
        }
        Ok(strides)
    };
    let (sa, sb) = (strides(a_shape)?, strides(b_shape)?);
    let total = elements(out_shape);
    let mut out = Vec::with_capacity(total);
    let mut index = vec![0usize; rank];
    for _ in 0..total {
        let ia: usize = index.iter().zip(&sa).map(|(i, s)| i * s).sum();
        let ib: usize = index.iter().zip(&sb).map(|(i, s)| i * s).sum();
        out.push(f(
            *a.get(ia).ok_or_else(|| bad("broadcast out of range".into()))?,
            *b.get(ib).ok_or_else(|| bad("broadcast out of range".into()))?,
        ));
        for d in (0..rank).rev() {
            index[d] += 1;
            if index[d] < out_shape[d] {
                break;
            }
            index[d] = 0;
        }
    }
    Ok(out)
}

fn pad(x: &[f32], xs: &[usize], pads: &[i32], out_shape: &[usize]) -> Result<Vec<f32>> {
    let [1, h, w, c] = *xs else { return Err(bad(format!("Pad input {xs:?} is not NHWC"))) };
    let [1, oh, ow, oc] = *out_shape else { return Err(bad(format!("Pad output {out_shape:?} is not NHWC"))) };
    let before = |i: usize| pads.get(2 * i).copied().and_then(|p| usize::try_from(p).ok());
    let (Some(top), Some(left), Some(front)) = (before(1), before(2), before(3)) else {
        return Err(bad("Pad needs non-negative paddings for four dimensions".into()));
    };
    if top + h > oh || left + w > ow || front + c > oc {
        return Err(bad("Pad output is too small".into()));
    }
    let mut out = vec![0.0; oh * ow * oc];
    for y in 0..h {
        for xx in 0..w {
            let from = &x[(y * w + xx) * c..][..c];
            out[((y + top) * ow + xx + left) * oc + front..][..c].copy_from_slice(from);
        }
    }
    Ok(out)
}

fn concatenate(parts: &[(&[f32], &[usize])], axis: i32, out_shape: &[usize]) -> Result<Vec<f32>> {
    let rank = out_shape.len() as i32;
    let axis = if axis < 0 { axis + rank } else { axis };
    let axis = usize::try_from(axis)
        .ok()
        .filter(|&a| a < out_shape.len())
        .ok_or_else(|| bad(format!("bad concatenation axis {axis}")))?;
    let outer: usize = out_shape[..axis].iter().product();
    let mut out = Vec::with_capacity(elements(out_shape));
    for o in 0..outer {
        for (data, shape) in parts {
            let chunk: usize = shape.get(axis..).map_or(0, |s| s.iter().product());
            let from =
                data.get(o * chunk..(o + 1) * chunk).ok_or_else(|| bad("concatenation sizes do not match".into()))?;
            out.extend_from_slice(from);
        }
    }
    Ok(out)
}

fn resize_bilinear(
    x: &[f32],
    xs: &[usize],
    out_shape: &[usize],
    align_corners: bool,
    half_pixel: bool,
) -> Result<Vec<f32>> {
    let [1, h, w, c] = *xs else { return Err(bad(format!("ResizeBilinear input {xs:?} is not NHWC"))) };
    let [1, oh, ow, oc] = *out_shape else {
        return Err(bad(format!("ResizeBilinear output {out_shape:?} is not NHWC")));
    };
    if oc != c || h == 0 || w == 0 {
        return Err(bad("ResizeBilinear channels do not match".into()));
    }
    let scale = |from: usize, to: usize| {
        if align_corners && to > 1 {
            (from - 1) as f32 / (to - 1) as f32
        } else {
            from as f32 / to as f32
        }
    };
    let (sy, sx) = (scale(h, oh), scale(w, ow));
    let source = |o: usize, s: f32, size: usize| -> (usize, usize, f32) {
        let p = if half_pixel { ((o as f32 + 0.5) * s - 0.5).max(0.0) } else { o as f32 * s };
        let p0 = (p.floor() as usize).min(size - 1);
        let p1 = (p0 + 1).min(size - 1);
        (p0, p1, p - p0 as f32)
    };
    let mut out = Vec::with_capacity(oh * ow * c);
    for oy in 0..oh {
        let (y0, y1, fy) = source(oy, sy, h);
        for ox in 0..ow {
            let (x0, x1, fx) = source(ox, sx, w);
            for ch in 0..c {
                let at = |y: usize, xx: usize| x[(y * w + xx) * c + ch];
                let top = at(y0, x0) + (at(y0, x1) - at(y0, x0)) * fx;
                let bottom = at(y1, x0) + (at(y1, x1) - at(y1, x0)) * fx;
                out.push(top + (bottom - top) * fy);
            }
        }
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn transpose_conv(
    x: &[f32],
    xs: &[usize],
    w: &[f32],
    ws: &[usize],
    bias: &[f32],
    out_shape: &[usize],
    padding: i32,
    stride: [i32; 2],
) -> Result<Vec<f32>> {
    let [1, h, wd, ci] = *xs else { return Err(bad(format!("TransposeConv input {xs:?} is not NHWC"))) };
    let [co, kh, kw, wci] = *ws else { return Err(bad(format!("TransposeConv weights {ws:?} are not 4-D"))) };
    let [1, oh, ow, oco] = *out_shape else {
        return Err(bad(format!("TransposeConv output {out_shape:?} is not NHWC")));
    };
    if wci != ci || oco != co || bias.len() != co {
        return Err(bad("TransposeConv sizes do not match".into()));
    }
    let (sh, sw) = (usize_param(stride[1])?, usize_param(stride[0])?);
    // As for a forward convolution from the output back to the input.
    let pad_for = |input: usize, output: usize, k: usize, s: usize| -> isize {
        if padding == 0 {
            (((input - 1) * s + k).saturating_sub(output) / 2) as isize
        } else {
            0
        }
    };
    let (ph, pw) = (pad_for(h, oh, kh, sh), pad_for(wd, ow, kw, sw));
    let mut out: Vec<f32> = (0..oh * ow).flat_map(|_| bias.iter().copied()).collect();
    for iy in 0..h {
        for ix in 0..wd {
            let pixel = &x[(iy * wd + ix) * ci..][..ci];
            for ky in 0..kh {
                let Ok(oy) = usize::try_from((iy * sh + ky) as isize - ph) else { continue };
                if oy >= oh {
                    continue;
                }
                for kx in 0..kw {
                    let Ok(ox) = usize::try_from((ix * sw + kx) as isize - pw) else { continue };
                    if ox >= ow {
                        continue;
                    }
                    let cell = &mut out[(oy * ow + ox) * co..][..co];
                    let taps = &w[(ky * kw + kx) * ci * co..][..ci * co];
                    for (&value, row) in pixel.iter().zip(taps.chunks_exact(co)) {
                        add_scaled(cell, value, row);
                    }
                }
            }
        }
    }
    Ok(out)
}
