#!/usr/bin/env bash
# Installs what factgate needs on Debian 12 (run as root): the packages in
# config/debian-packages.txt, plus Node.js and npm for the HTTP tests (tests/js) when no `node` and
# `npm` are on the PATH yet (a machine may already have a newer Node.js from elsewhere, whose
# package conflicts with Debian's npm, so they are only installed when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
xargs apt-get install -y -qq < config/debian-packages.txt >/dev/null
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt-get install -y -qq nodejs npm >/dev/null
fi
