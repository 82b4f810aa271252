#!/usr/bin/env bash
# The workflow tests cross-check the model checker against SPIN: they need spin and a C compiler for pan.
set -euo pipefail
if command -v spin >/dev/null && command -v gcc >/dev/null; then exit 0; fi
export DEBIAN_FRONTEND=noninteractive
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq spin gcc >/dev/null
