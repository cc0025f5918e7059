#!/usr/bin/env bash
# The test command README.md names. Installs what the tests need on a fresh machine, then runs every test project.
set -euo pipefail
cd "$(dirname "$0")"

# The interop tests drive a live Authlib server from Debian's packages (run by /usr/bin/python3).
debian_packages=(python3-authlib python3-flask python3-oauthlib python3-requests-oauthlib chromium chromium-driver redis-server)
missing=()
for package in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "test.sh: installing ${missing[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "test.sh: the interop tests need these Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi

dotnet test OAuthGen.sln -c Release -m:1 --logger "console;verbosity=minimal" "$@"

# The package as a NuGet user gets it: runtime + generator in one nupkg, consumed from outside the repository.
tests/package-smoke.sh
tests/testing-kit.sh
