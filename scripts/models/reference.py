#!/usr/bin/env python3
"""Writes tests/data/nn_reference.json: what TensorFlow Lite's own interpreter (the
`ai-edge-litert` wheel) outputs for each vendored model on a fixed synthetic input, so
that analysis/tests/nn.rs can check Hairline's interpreter against it.

The input is v(y, x, c) = 0.5 + 0.5 sin(0.37 x + 0.23 (c + 1) y + c), mapped to the
model's input range (given per model below); every `stride`-th output value is kept.
Usage: reference.py <dir with the .tflite files> <output json>
"""
import json
import math
import sys

import numpy as np
from ai_edge_litert.interpreter import Interpreter

MODELS = [  # name, tflite path under the dir, input range, output stride
    ('face_detection_short_range', 'face_detection/face_detection_short_range.tflite', (-1.0, 1.0), 13),
    ('selfie_segmentation', 'selfie_segmentation/selfie_segmentation.tflite', (0.0, 1.0), 97),
    ('face_landmark', 'face_landmark/face_landmark.tflite', (0.0, 1.0), 7),
]


def synthetic(shape, lo, hi):
    _, h, w, ch = shape
    y, x, c = np.meshgrid(np.arange(h), np.arange(w), np.arange(ch), indexing='ij')
    v = 0.5 + 0.5 * np.sin(0.37 * x + 0.23 * (c + 1) * y + c)
    return (lo + (hi - lo) * v).astype(np.float32)[None]


def main(root, out_path):
    result = {}
    for name, rel, (lo, hi), stride in MODELS:
        interp = Interpreter(model_path=f'{root}/{rel}')
        interp.allocate_tensors()
        inp = interp.get_input_details()[0]
        interp.set_tensor(inp['index'], synthetic(inp['shape'], lo, hi))
        interp.invoke()
        outputs = []
        for detail in interp.get_output_details():
            flat = interp.get_tensor(detail['index']).reshape(-1)
            outputs.append({'len': int(flat.size), 'stride': stride,
                            'values': [round(float(v), 6) for v in flat[::stride]]})
        result[name] = {'input_range': [lo, hi], 'outputs': outputs}
    json.dump(result, open(out_path, 'w'), indent=None)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
