#!/usr/bin/env bash
# Regenerates www/models/ (and tests/data/nn_reference.json) from the mediapipe wheel
# on PyPI. Not part of the build: the converted models are committed with their
# licence. Needs Python 3 with pip; installs flatbuffers, tflite, numpy and
# ai-edge-litert into a throwaway virtual environment.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet flatbuffers tflite numpy ai-edge-litert
"$work/venv/bin/pip" download --quiet --no-deps --only-binary=:all: --python-version 3.11 \
  --platform manylinux_2_17_x86_64 "mediapipe==0.10.14" -d "$work"
unzip -q -o "$work"/mediapipe-0.10.14-*.whl 'mediapipe/modules/*' 'mediapipe-0.10.14.dist-info/LICENSE' -d "$work/wheel"
modules="$work/wheel/mediapipe/modules"
for model in face_detection/face_detection_short_range face_landmark/face_landmark selfie_segmentation/selfie_segmentation; do
  "$work/venv/bin/python" scripts/models/convert.py "$modules/$model.tflite" "www/models/$(basename "$model").hlnn"
done
cp "$work/wheel/mediapipe-0.10.14.dist-info/LICENSE" www/models/LICENSE
"$work/venv/bin/python" scripts/models/reference.py "$modules" tests/data/nn_reference.json
