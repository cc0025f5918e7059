#!/usr/bin/env bash
# Packs OAuthGen and OAuthGen.Testing and runs a user's test project outside the repository (tests/testing-kit: a small
# site with "sign in with Photos" and a generated client) against them, so none of the repo's build settings or project
# references help it: proves the packed test kit is enough to test one's own sign-in flow and API calls.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
version="0.0.0-kit.$(date +%s).$$"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
cleanup() { rm -rf "$work" "$packages/oauthgen/$version" "$packages/oauthgen.testing/$version"; }
trap cleanup EXIT

dotnet pack "$root/src/Runtime" -c Release -m:1 --nologo -v q -o "$work/feed" -p:Version="$version"
dotnet pack "$root/src/Testing" -c Release -m:1 --nologo -v q -o "$work/feed" -p:Version="$version"
mkdir "$work/kit"
cp "$root"/tests/testing-kit/*.csproj "$root"/tests/testing-kit/*.cs "$work/kit/"
dotnet test "$work/kit/TestingKit.csproj" -c Release -m:1 --nologo -v q \
  -p:OAuthGenVersion="$version" -p:RestoreAdditionalProjectSources="$work/feed"
echo "testing kit: a project outside the repository tested its sign-in flow against the packed OAuthGen.Testing"
