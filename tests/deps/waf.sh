#!/usr/bin/env bash
# Ensuresec.Waf.Tests: a real nginx (Debian) for the auth_request decision-endpoint test.
set -euo pipefail
if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
fi
