#!/usr/bin/env bash
# Installs the real, unmodified JavaScript libraries that the integrity tests scan for false positives.
# They go into a folder outside the repository (never committed); the tests find it through
# ENSURESEC_NPM_LIBS or the default below, and skip the library tests with a clear message when it is absent.
set -euo pipefail
dest="${ENSURESEC_NPM_LIBS:-${TMPDIR:-/tmp}/ensuresec-integrity-npm}"
packages=(jquery@3.7.1 lodash@4.17.21 braintree-web@3.113.0 @adyen/adyen-web@6.6.0 @segment/analytics-next@1.70.0 @analytics/google-tag-manager@0.6.0)
stamp="$dest/.installed-$(printf '%s\n' "${packages[@]}" | sha256sum | cut -c1-16)"
if [[ -f "$stamp" ]]; then exit 0; fi
if ! command -v npm >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]]; then
    apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "integrity.sh: npm is missing; the library false-positive tests will be skipped" >&2
    exit 0
  fi
fi
mkdir -p "$dest"
[[ -f "$dest/package.json" ]] || echo '{"name":"ensuresec-integrity-test-libs","private":true}' > "$dest/package.json"
# --ignore-scripts: the tests only read these files; nothing from the registry runs here.
npm install --prefix "$dest" --ignore-scripts --no-audit --no-fund --loglevel=error "${packages[@]}"
touch "$stamp"
