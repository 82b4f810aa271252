#!/usr/bin/env bash
# Installs what the tests need and runs them all; used by .ci/run and by developers.
# Needs only the .NET 10 SDK: packages come by restore, the tests start their own servers on 127.0.0.1,
# and the reference data is read from ../shared/data (or $ENSURESEC_SHARED_DATA).
set -euo pipefail
cd "$(dirname "$0")"
shopt -s nullglob
for deps in tests/deps/*.sh; do bash "$deps"; done
shopt -u nullglob
dotnet build Ensuresec.sln -c Release --nologo -v q
dotnet test Ensuresec.sln -c Release --no-build --nologo -v q "$@"
# Benchmarks are measured by hand (docs/BENCHMARKS.md); here only a smoke run proves the command works end to end.
dotnet src/Ensuresec.Cli/bin/Release/net10.0/ensuresec.dll bench pipeline --lines 20000 --runs 1
