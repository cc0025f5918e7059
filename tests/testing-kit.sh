#!/usr/bin/env bash
# Packs OAuthGen and OAuthGen.Testing and runs a user's test projects outside the repository (tests/testing-kit: a small
# site with "sign in with Photos" and a generated client, tested once each under xunit, NUnit and MSTest) against them,
# so none of the repo's build settings or project references help them: proves the packed test kit is enough to test
# one's own sign-in flow and API calls from each of the three frameworks. Prints one line per framework.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
version="0.0.0-kit.$(date +%s).$$"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
cleanup() { rm -rf "$work" "$packages/oauthgen/$version" "$packages/oauthgen.testing/$version"; }
trap cleanup EXIT

dotnet pack "$root/src/Runtime" -c Release -m:1 --nologo -v q -o "$work/feed" -p:Version="$version"
dotnet pack "$root/src/Testing" -c Release -m:1 --nologo -v q -o "$work/feed" -p:Version="$version"
# The whole folder (shared site sources and Directory.Build.props beside one project folder per framework), without
# any build output a local build may have left in it.
mkdir "$work/kit"
tar -C "$root/tests/testing-kit" --exclude=bin --exclude=obj -cf - . | tar -C "$work/kit" -xf -

failed=0
summary=()
for framework in xunit nunit mstest; do
  project=$(echo "$work/kit/$framework"/*.csproj)
  log="$work/$framework.log"
  if dotnet test "$project" -c Release -m:1 --nologo -v q \
      -p:OAuthGenVersion="$version" -p:RestoreAdditionalProjectSources="$work/feed" >"$log" 2>&1; then
    outcome="passed"
  else
    outcome="FAILED"
    failed=1
    cat "$log" >&2
  fi
  # The test runner's own count line ("Passed!  - Failed: 0, Passed: 4, ..."), so a run of no tests shows.
  counts=$(grep -Eo '(Passed|Failed)! +- .*' "$log" | tail -n 1 || true)
  summary+=("testing kit, $framework: $outcome ${counts:-(no test summary)}")
done
printf '%s\n' "${summary[@]}"
[ "$failed" = 0 ] || { echo "testing kit: a framework's project failed against the packed OAuthGen.Testing (log above)" >&2; exit 1; }
echo "testing kit: projects outside the repository tested their sign-in flow against the packed OAuthGen.Testing under xunit, NUnit and MSTest"
