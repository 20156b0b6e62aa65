#!/usr/bin/env bash
# Builds factgate with its tests and runs the whole suite with ctest.
# Usage: bash tests/run.sh   (BUILD_DIR=dir to build elsewhere, default build/; FG_WERROR=ON to
# make warnings errors, as CI does)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${BUILD_DIR:-build}"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFG_WERROR="${FG_WERROR:-OFF}" >/dev/null
cmake --build "$build"
ctest --test-dir "$build" --output-on-failure
