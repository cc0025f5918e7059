#!/usr/bin/env bash
# Packs the one OAuthGen package and builds and runs a consumer of it, outside the repository (so none of the repo's
# build settings or project references help it): proves the package carries the runtime and a working generator.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
version="0.0.0-smoke.$(date +%s).$$"
cleanup() { rm -rf "$work" "${NUGET_PACKAGES:-$HOME/.nuget/packages}/oauthgen/$version"; }
trap cleanup EXIT

dotnet pack "$root/src/Runtime" -c Release -m:1 --nologo -v q -o "$work/feed" -p:Version="$version"
cp "$root/tests/PackageSmoke/PackageSmoke.csproj" "$root/tests/PackageSmoke/Program.cs" "$work/"
dotnet run --project "$work/PackageSmoke.csproj" -c Release --nologo -v q \
  -p:OAuthGenVersion="$version" -p:RestoreAdditionalProjectSources="$work/feed"
