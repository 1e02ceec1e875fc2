#!/usr/bin/env python3
"""Converts MediaPipe's TensorFlow Lite models into Hairline's plain model format (.hlnn).

Why: the analysis wasm runs these models with its own small interpreter
(analysis/src/nn.rs), which reads a flat, explicit format instead of FlatBuffers. The
conversion folds away DEQUANTIZE (fp16 weights stay fp16 in the file and are widened on
load) and keeps each operator's options as a few integers.

Provenance: the models come from the `mediapipe` wheel on PyPI, version 0.10.14
(Apache-2.0; the licence is copied beside the converted files). Run
`scripts/models/fetch.sh` to download the wheel and regenerate www/models/.

Format (little-endian):
  b"HLNN", u32 version (1)
  u32 tensor count; per tensor: u8 rank, i32 dims[rank], u8 storage
      (0 activation, 1 f16 constant, 2 f32 constant, 3 i32 constant), u32 byte count, bytes
  u32 op count; per op: u8 code, u8 n_in, i32 inputs[n_in] (-1: absent),
      u8 n_out, i32 outputs[n_out], u8 n_params, i32 params[n_params]
  u32 n, i32 graph inputs[n]; u32 n, i32 graph outputs[n]
"""
import struct
import sys

import tflite

# Hairline's op codes (analysis/src/nn.rs `Op`).
CONV_2D, DEPTHWISE_CONV_2D, ADD, MUL, RELU, PRELU, HARD_SWISH, LOGISTIC, PAD, MAX_POOL_2D, \
    AVERAGE_POOL_2D, RESHAPE, CONCATENATION, RESIZE_BILINEAR, TRANSPOSE_CONV_BIAS = range(15)

B = tflite.BuiltinOperator
SIMPLE = {B.RELU: RELU, B.PRELU: PRELU, B.HARD_SWISH: HARD_SWISH, B.LOGISTIC: LOGISTIC,
          B.PAD: PAD, B.RESHAPE: RESHAPE}
PADDING = {tflite.Padding.SAME: 0, tflite.Padding.VALID: 1}


def options(op, cls):
    table = op.BuiltinOptions()
    opts = cls()
    opts.Init(table.Bytes, table.Pos)
    return opts


def convert(path_in, path_out):
    buf = open(path_in, 'rb').read()
    model = tflite.Model.GetRootAsModel(buf, 0)
    graph = model.Subgraphs(0)
    alias = {}  # DEQUANTIZE output -> its fp16 input
    ops = []
    for i in range(graph.OperatorsLength()):
        op = graph.Operators(i)
        code_entry = model.OperatorCodes(op.OpcodeIndex())
        code = max(code_entry.BuiltinCode(), code_entry.DeprecatedBuiltinCode())
        ins = [int(x) for x in op.InputsAsNumpy()]
        outs = [int(x) for x in op.OutputsAsNumpy()]
        if code == B.DEQUANTIZE:
            alias[outs[0]] = ins[0]
            continue
        if code == B.CONV_2D:
            o = options(op, tflite.Conv2DOptions)
            ops.append((CONV_2D, ins, outs, [PADDING[o.Padding()], o.StrideW(), o.StrideH(),
                        o.FusedActivationFunction(), o.DilationWFactor(), o.DilationHFactor()]))
        elif code == B.DEPTHWISE_CONV_2D:
            o = options(op, tflite.DepthwiseConv2DOptions)
            ops.append((DEPTHWISE_CONV_2D, ins, outs, [PADDING[o.Padding()], o.StrideW(), o.StrideH(),
                        o.DepthMultiplier(), o.FusedActivationFunction(), o.DilationWFactor(),
                        o.DilationHFactor()]))
        elif code in (B.MAX_POOL_2D, B.AVERAGE_POOL_2D):
            o = options(op, tflite.Pool2DOptions)
            ops.append((MAX_POOL_2D if code == B.MAX_POOL_2D else AVERAGE_POOL_2D, ins, outs,
                        [PADDING[o.Padding()], o.StrideW(), o.StrideH(), o.FilterWidth(),
                         o.FilterHeight(), o.FusedActivationFunction()]))
        elif code in (B.ADD, B.MUL):
            cls = tflite.AddOptions if code == B.ADD else tflite.MulOptions
            act = options(op, cls).FusedActivationFunction() if op.BuiltinOptionsType() else 0
            ops.append((ADD if code == B.ADD else MUL, ins, outs, [act]))
        elif code == B.CONCATENATION:
            o = options(op, tflite.ConcatenationOptions)
            ops.append((CONCATENATION, ins, outs, [o.Axis(), o.FusedActivationFunction()]))
        elif code == B.RESIZE_BILINEAR:
            o = options(op, tflite.ResizeBilinearOptions)
            ops.append((RESIZE_BILINEAR, ins, outs, [int(o.AlignCorners()), int(o.HalfPixelCenters())]))
        elif code == B.CUSTOM and code_entry.CustomCode() == b'Convolution2DTransposeBias':
            # MediaPipe's custom op: options are TfLiteTransposeConvParams (padding, stride w, h).
            padding, stride_w, stride_h = struct.unpack('<3i', op.CustomOptionsAsNumpy().tobytes()[:12])
            # TfLitePadding: 1 SAME, 2 VALID.
            ops.append((TRANSPOSE_CONV_BIAS, ins, outs, [0 if padding == 1 else 1, stride_w, stride_h]))
        elif code in SIMPLE:
            ops.append((SIMPLE[code], ins, outs, []))
        else:
            sys.exit(f'{path_in}: operator {code} is not supported by the interpreter')

    used = set()
    for _, ins, outs, _ in ops:
        used.update(alias.get(t, t) for t in ins + outs if t >= 0)
    inputs = [int(x) for x in graph.InputsAsNumpy()]
    outputs = [alias.get(int(x), int(x)) for x in graph.OutputsAsNumpy()]
    used.update(inputs + outputs)
    order = sorted(used)
    index = {t: i for i, t in enumerate(order)}
    T = tflite.TensorType
    out = bytearray(b'HLNN' + struct.pack('<I', 1))
    out += struct.pack('<I', len(order))
    for t in order:
        tensor = graph.Tensors(t)
        dims = [int(d) for d in tensor.ShapeAsNumpy()] if tensor.ShapeLength() else []
        data = model.Buffers(tensor.Buffer()).DataAsNumpy() if tensor.Buffer() else 0
        data = data.tobytes() if not isinstance(data, int) else b''
        storage = 0
        if data:
            storage = {T.FLOAT16: 1, T.FLOAT32: 2, T.INT32: 3}.get(tensor.Type())
            if storage is None:
                sys.exit(f'{path_in}: constant tensor type {tensor.Type()} is not supported')
        out += struct.pack('<B', len(dims)) + struct.pack(f'<{len(dims)}i', *dims)
        out += struct.pack('<BI', storage, len(data)) + data
    out += struct.pack('<I', len(ops))
    for code, ins, outs, params in ops:
        ins = [index[alias.get(t, t)] if t >= 0 else -1 for t in ins]
        outs = [index[t] for t in outs]
        out += struct.pack('<BB', code, len(ins)) + struct.pack(f'<{len(ins)}i', *ins)
        out += struct.pack('<B', len(outs)) + struct.pack(f'<{len(outs)}i', *outs)
        out += struct.pack('<B', len(params)) + struct.pack(f'<{len(params)}i', *params)
    for ids in (inputs, outputs):
        out += struct.pack('<I', len(ids)) + struct.pack(f'<{len(ids)}i', *[index[t] for t in ids])
    open(path_out, 'wb').write(out)
    print(f'{path_out}: {len(order)} tensors, {len(ops)} ops, {len(out)} bytes')


if __name__ == '__main__':
    convert(sys.argv[1], sys.argv[2])
