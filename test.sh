#!/usr/bin/env bash
# Installs what the tests need and runs them all. Used by .ci/run and by developers.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build Ensuresec.sln -c Release --nologo -v q
dotnet test tests/Ensuresec.Tests/Ensuresec.Tests.csproj -c Release --no-build --nologo -v q "$@"
