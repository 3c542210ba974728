#!/usr/bin/env bash
# Installs, idempotently, every system package Switchboard's build, tests and embedded defaults need
# on a fresh Debian (bookworm) machine. Safe to run again: it installs only what is missing.
set -euo pipefail

# C libraries the package links (design card), pkg-config to find them.
build_packages=(pkg-config libssl-dev libcurl4-openssl-dev libopus-dev libspeexdsp-dev libpocketsphinx-dev)
# Runtime tools for the embedded defaults and the real peers the tests talk to. pocketsphinx-en-us
# holds the offline STT's US English acoustic model (/usr/share/pocketsphinx/model/en-us/en-us) and
# dictionary (/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict).
runtime_packages=(espeak-ng sox curl openssl python3-websockets python3-prometheus-client wrk nghttp2-server
                  pocketsphinx-en-us baresip-core kamailio kamailio-tls-modules)

missing=()
for p in "${build_packages[@]}" "${runtime_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "bootstrap: all system packages present"
else
  echo "bootstrap: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "bootstrap: installed ${#missing[@]} packages"
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "bootstrap: swift is not on PATH; install Swift 6.x (https://www.swift.org/install/linux/) and retry" >&2
  exit 1
fi
echo "bootstrap: $(swift --version 2>/dev/null | head -1)"
