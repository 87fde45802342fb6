#!/usr/bin/env bash
# Generates the tiny test models (seconds): .cache/models/tiny.gguf (ChatML template, an "instruct" stand-in) and
# tiny-base.gguf (no template, a "base" stand-in). With arguments, passes them to the generator (one model).
# Installs the PyPI `gguf` writer + numpy into .cache/py once.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if ! PYTHONPATH=.cache/py "$PY" -c 'import gguf, numpy' 2>/dev/null; then
  "$PY" -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --upgrade --target .cache/py gguf==0.19.0 numpy
fi
if [ $# -gt 0 ]; then
  PYTHONPATH=.cache/py "$PY" scripts/make-tiny-model.py "$@"
else
  PYTHONPATH=.cache/py "$PY" scripts/make-tiny-model.py
  PYTHONPATH=.cache/py "$PY" scripts/make-tiny-model.py --base
fi
