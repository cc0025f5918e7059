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
# The props that make PublishAot/IsAotCompatible visible to the analyzer (OAG029), for direct and transitive consumers.
for props in build/OAuthGen.props buildTransitive/OAuthGen.props; do
  /usr/bin/python3 -c 'import sys, zipfile; sys.exit(sys.argv[2] not in zipfile.ZipFile(sys.argv[1]).namelist())' \
    "$work/feed/OAuthGen.$version.nupkg" "$props" || { echo "package smoke: the package lacks $props" >&2; exit 1; }
done
cp "$root/tests/PackageSmoke/PackageSmoke.csproj" "$root/tests/PackageSmoke/Program.cs" "$work/"
dotnet run --project "$work/PackageSmoke.csproj" -c Release --nologo -v q \
  -p:OAuthGenVersion="$version" -p:RestoreAdditionalProjectSources="$work/feed"

# The analyzer ships in the generator's DLL: misuse is an OAG error in a plain `dotnet build` of a package consumer.
cat > "$work/Broken.cs" <<'CS'
[OAuthGen.RemoteApp("broken", AccessTokenUrl = "https://example.com/token", AppKey = "Broken")]
public interface IBroken { [OAuthGen.Get("x")] System.Threading.Tasks.Task A(); }
CS
if output=$(dotnet build "$work/PackageSmoke.csproj" -c Release --nologo -v q \
  -p:OAuthGenVersion="$version" -p:RestoreAdditionalProjectSources="$work/feed" 2>&1); then
  echo "package smoke: a non-partial [RemoteApp] interface built without OAG001" >&2
  exit 1
fi
grep -q "error OAG001" <<<"$output" || { echo "$output" >&2; echo "package smoke: no OAG001 from the packaged analyzer" >&2; exit 1; }
echo "package smoke: the packaged analyzer reports OAG001"
