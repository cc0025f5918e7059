#!/usr/bin/env bash
# Packs every package the repository ships (each project under src/ that is packable) and checks what a NuGet user
# gets: the shared metadata in each nupkg (license, readme, project and repository URL with the commit, tags, version,
# symbols with SourceLink), then, from outside the repository (so none of the repo's build settings or project
# references help it), that the OAuthGen package carries the runtime and a working generator and analyzer, and that
# each `dotnet new` template of the templates package builds against it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
python=/usr/bin/python3
work=$(mktemp -d)
suffix="smoke.$(date +%s).$$"
packages_cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
packed_ids=()
cleanup() {
  rm -rf "$work"
  for id in "${packed_ids[@]}"; do rm -rf "$packages_cache/${id,,}/$version"; done
}
trap cleanup EXIT

property() { # project, property: the evaluated MSBuild property
  dotnet msbuild "$1" -nologo -getProperty:"$2"
}

# The version and repository come from Directory.Build.props, the one place they are written.
version="$(property "$root/src/Runtime/OAuthGen.Runtime.csproj" VersionPrefix)-$suffix"
repository=$(property "$root/src/Runtime/OAuthGen.Runtime.csproj" RepositoryUrl)
commit=$(git -C "$root" rev-parse HEAD)
[ "$repository" = "https://github.com/oauthgen/oauthgen" ] || { echo "package smoke: repository URL is '$repository'" >&2; exit 1; }

# Every project of the solution under src/ (template content under src/Templates is not one of them).
mapfile -t projects < <(dotnet sln "$root/OAuthGen.sln" list | tr '\\' '/' | grep '^src/.*\.csproj$' | sort | sed "s|^|$root/|")
[ ${#projects[@]} -gt 0 ] || { echo "package smoke: no projects under src/ in OAuthGen.sln" >&2; exit 1; }
for project in "${projects[@]}"; do
  [ "$(property "$project" IsPackable)" = "true" ] || continue
  id=$(property "$project" PackageId)
  template=()
  kind="symbols with SourceLink"
  if [[ "$(property "$project" PackageType)" == *Template* ]]; then template=(--template); kind="template package type"; fi
  packed_ids+=("$id")
  # ContinuousIntegrationBuild: deterministic source paths, as a release build on a CI server.
  dotnet pack "$project" -c Release -m:1 --nologo -v q -o "$work/feed" \
    -p:VersionSuffix="$suffix" -p:ContinuousIntegrationBuild=true
  "$python" "$root/tests/PackageSmoke/check_package.py" "$work/feed/$id.$version.nupkg" \
    --id "$id" --version "$version" --repository "$repository" --commit "$commit" "${template[@]}"
  echo "package smoke: $id $version carries license, readme, URLs, commit, tags, $kind"
done
[ -f "$work/feed/OAuthGen.$version.nupkg" ] || { echo "package smoke: the OAuthGen package was not packed" >&2; exit 1; }

# The props that make PublishAot/IsAotCompatible visible to the analyzer (OAG029), for direct and transitive consumers.
for props in build/OAuthGen.props buildTransitive/OAuthGen.props; do
  "$python" -c 'import sys, zipfile; sys.exit(sys.argv[2] not in zipfile.ZipFile(sys.argv[1]).namelist())' \
    "$work/feed/OAuthGen.$version.nupkg" "$props" || { echo "package smoke: the package lacks $props" >&2; exit 1; }
done
mkdir "$work/consumer"
cp "$root/tests/PackageSmoke/PackageSmoke.csproj" "$root/tests/PackageSmoke/Program.cs" "$work/consumer/"
dotnet run --project "$work/consumer/PackageSmoke.csproj" -c Release --nologo -v q \
  -p:OAuthGenVersion="$version" -p:RestoreAdditionalProjectSources="$work/feed"

# The analyzer ships in the generator's DLL: misuse is an OAG error in a plain `dotnet build` of a package consumer.
cat > "$work/consumer/Broken.cs" <<'CS'
[OAuthGen.RemoteApp("broken", AccessTokenUrl = "https://example.com/token", AppKey = "Broken")]
public interface IBroken { [OAuthGen.Get("x")] System.Threading.Tasks.Task A(); }
CS
if output=$(dotnet build "$work/consumer/PackageSmoke.csproj" -c Release --nologo -v q \
  -p:OAuthGenVersion="$version" -p:RestoreAdditionalProjectSources="$work/feed" 2>&1); then
  echo "package smoke: a non-partial [RemoteApp] interface built without OAG001" >&2
  exit 1
fi
grep -q "error OAG001" <<<"$output" || { echo "$output" >&2; echo "package smoke: no OAG001 from the packaged analyzer" >&2; exit 1; }
echo "package smoke: the packaged analyzer reports OAG001"

# The templates, as a user gets them: installed from the feed into a private template hive and CLI home (the machine's
# own template list is never touched), instantiated, and built against the OAuthGen package of the same version.
templates_package="$work/feed/OAuthGen.Templates.$version.nupkg"
[ -f "$templates_package" ] || { echo "package smoke: the OAuthGen.Templates package was not packed" >&2; exit 1; }
hive="$work/template-hive"
dotnet_new() { DOTNET_CLI_HOME="$work/cli-home" DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 dotnet new "$@" --debug:custom-hive "$hive"; }
dotnet_new install "$templates_package" >/dev/null
for template in oauthgen-console oauthgen-web; do
  name="Smoke${template#oauthgen-}"
  dotnet_new "$template" -n "$name" -o "$work/templates/$name" >/dev/null
  grep -q "Include=\"OAuthGen\" Version=\"$version\"" "$work/templates/$name/$name.csproj" \
    || { echo "package smoke: $template does not reference OAuthGen $version" >&2; exit 1; }
  dotnet build "$work/templates/$name/$name.csproj" -c Release --nologo -v q -p:RestoreAdditionalProjectSources="$work/feed" \
    -p:TreatWarningsAsErrors=true -p:WarningsNotAsErrors=NU1603
  echo "package smoke: dotnet new $template builds against OAuthGen $version"
done
