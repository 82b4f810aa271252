#!/usr/bin/env bash
# What tests/Ensuresec.Physical.Tests needs: dnstwist (Debian package), whose permutations the lookalike-domain
# detector must all flag.
set -euo pipefail
if command -v dnstwist >/dev/null 2>&1; then exit 0; fi
if command -v apt-get >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]]; then
  apt-get install -y -qq dnstwist >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq dnstwist >/dev/null; }
else
  echo "physical.sh: dnstwist is missing and cannot be installed here; the dnstwist test will fail" >&2
fi
