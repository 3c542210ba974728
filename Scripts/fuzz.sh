#!/usr/bin/env bash
# Fuzzes each Wire and SIP codec with libFuzzer: compiles Sources/Wire and Sources/SIP once each into an
# instrumented static library (swiftc -sanitize=fuzzer,address -parse-as-library), links one entry file
# per codec from Tests/Fuzz against them, and runs each fuzzer for N seconds.
#   Scripts/fuzz.sh [SECONDS] [CODEC...]     default 20 s each; codecs: HTTPRequest HTTPResponse WebSocket SSE JSON
#                                            SIPMessage SDP
# Binaries, corpora and crash reproducers go to .build/fuzz/. Exit status 1 if any fuzzer found a crash.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-20}"
shift || true
codecs=("$@")
if [ ${#codecs[@]} -eq 0 ]; then codecs=(HTTPRequest HTTPResponse WebSocket SSE JSON SIPMessage SDP); fi

out=.build/fuzz
mkdir -p "$out"
mapfile -t wire_sources < <(find Sources/Wire -name '*.swift' | sort)
mapfile -t sip_sources < <(find Sources/SIP -name '*.swift' | sort)
failed=()

# -O keeps Swift's overflow and bounds checks; ASan adds memory checks; gold's export warnings are noise.
flags=(-O -sanitize=fuzzer,address -parse-as-library)
quiet() { grep -v "Cannot export local symbol" >&2 || true; }
echo "fuzz: building the instrumented Wire library"
start=$(date +%s)
swiftc "${flags[@]}" -module-name Wire -emit-module -emit-module-path "$out/Wire.swiftmodule" \
  -emit-library -static -o "$out/libWire.a" "${wire_sources[@]}" 2> >(quiet)
echo "fuzz: built in $(( $(date +%s) - start )) s"
# SIP has no dependencies either; its library is built only when a SIP codec is fuzzed.
sip_libs=()
if printf '%s\n' "${codecs[@]}" | grep -qE '^(SIPMessage|SDP)$'; then
  echo "fuzz: building the instrumented SIP library"
  start=$(date +%s)
  swiftc "${flags[@]}" -module-name SIP -emit-module -emit-module-path "$out/SIP.swiftmodule" \
    -emit-library -static -o "$out/libSIP.a" "${sip_sources[@]}" 2> >(quiet)
  echo "fuzz: built in $(( $(date +%s) - start )) s"
  sip_libs=(-lSIP)
fi

for codec in "${codecs[@]}"; do
  entry="Tests/Fuzz/$codec.swift"
  [ -f "$entry" ] || { echo "fuzz: no entry file $entry" >&2; exit 2; }
  binary="$out/$codec"
  libs=(-lWire)
  case "$codec" in SIPMessage|SDP) libs=("${sip_libs[@]}") ;; esac
  swiftc "${flags[@]}" -I "$out" -L "$out" "${libs[@]}" "$entry" -o "$binary" 2> >(quiet)
  echo "fuzz: running $codec for ${seconds} s"
  corpus="$out/corpus-$codec"
  mkdir -p "$corpus"
  seeds=()
  [ -d "Tests/Fuzz/Seeds/$codec" ] && seeds=("Tests/Fuzz/Seeds/$codec")
  if ! "$binary" -max_total_time="$seconds" -max_len=4096 -print_final_stats=1 \
       -artifact_prefix="$out/$codec-" "$corpus" "${seeds[@]}" > "$out/$codec.log" 2>&1; then
    failed+=("$codec")
    echo "fuzz: $codec FOUND A CRASH (see $out/$codec.log and $out/$codec-crash-*)" >&2
    grep -E "ERROR|Fatal error|precondition|SUMMARY" "$out/$codec.log" | head -5 >&2 || true
  else
    echo "fuzz: $codec ok: $(grep -E '^stat::number_of_executed_units' "$out/$codec.log" | awk '{print $2}') runs," \
         "coverage $(grep -oE 'cov: [0-9]+' "$out/$codec.log" | tail -1)"
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: crashes in ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: all ${#codecs[@]} codecs ran ${seconds} s without a crash"
