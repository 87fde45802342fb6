#!/usr/bin/env bash
# Generates .cache/models/tiny.gguf (seconds). Installs the PyPI `gguf` writer + numpy into .cache/py once.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if ! PYTHONPATH=.cache/py "$PY" -c 'import gguf, numpy' 2>/dev/null; then
  "$PY" -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --upgrade --target .cache/py gguf==0.19.0 numpy
fi
PYTHONPATH=.cache/py "$PY" scripts/make-tiny-model.py "$@"
