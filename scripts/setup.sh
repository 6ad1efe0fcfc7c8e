#!/usr/bin/env sh
# One-time setup of a Debian/Ubuntu machine for hvspec: the system packages that `hvspec build`
# (Chromium for the PDF) and `npm test` (C compilers, the aarch64 cross compiler, Xen's public
# headers, poppler, Go for the example plugin, pkg-config for the C package) need, then the npm dependencies. Used by the README's quick start and by CI.
set -eu
cd "$(dirname "$0")/.."

packages="gcc g++ clang gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu linux-libc-dev-arm64-cross libc6-dev-arm64-cross qemu-user libxen-dev chromium poppler-utils golang-go pkgconf make"
missing=""
if command -v dpkg >/dev/null 2>&1; then
  for p in $packages; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
fi
if [ -n "$missing" ]; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "setup: installing$missing" >&2
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "setup: not a Debian system; install these yourself:$missing" >&2
  fi
fi
if ! command -v rustc >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/rustc" ]; then
  echo "setup: rustc (1.77 or newer) is not installed; the Rust tests need it (rustup.rs)" >&2
fi
npm ci --no-audit --no-fund
# The compiled CLI that bin/hvspec.js runs (dist/). Not an npm `prepare` script: the package
# would then carry an install script that npm asks every adopter to approve.
npm run build --silent
