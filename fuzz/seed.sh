#!/usr/bin/env bash
# Seeds the fuzz corpora from the examples and test fixtures.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/evidence corpus/criteria
cp ../examples/*.yaml ../tests/fixtures/good/* ../tests/fixtures/bad/*.yaml ../tests/fixtures/bad/*.json \
   ../tests/fixtures/plans/*.yaml ../tests/fixtures/baseline/*.yaml corpus/evidence/
cp ../criteria/*.toml ../examples/criteria/*.toml ../tests/fixtures/criteria/*.toml corpus/criteria/
# The deep-nesting fixture is large; keep the corpus small.
rm -f corpus/evidence/deep-nesting.yaml
