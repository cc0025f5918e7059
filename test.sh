#!/usr/bin/env bash
# The test command README.md names. Installs what the tests need on a fresh machine, then runs every test project.
set -euo pipefail
cd "$(dirname "$0")"

# Real components the tests start, all from Debian's packages: the Authlib peer (run by /usr/bin/python3), headless
# Chromium and its chromedriver for the browser tests, redis-server for the web-farm tests.
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
    echo "test.sh: the tests need these Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi
# The programs the tests run by path: a package that installed without them must stop the run here, not in a test.
for program in /usr/bin/python3 /usr/bin/chromium /usr/bin/chromedriver /usr/bin/redis-server; do
  [ -x "$program" ] || { echo "test.sh: $program is missing after installing ${debian_packages[*]}" >&2; exit 1; }
done

tests_status=0
dotnet test OAuthGen.sln -c Release -m:1 --logger "console;verbosity=minimal" "$@" || tests_status=$?
# Failing browser tests leave a screenshot and the page source there (emptied at the start of each browser test run).
browser_artifacts="${OAUTHGEN_BROWSER_ARTIFACTS:-artifacts/browser}"
if [ -n "$(ls -A "$browser_artifacts" 2>/dev/null)" ]; then echo "test.sh: pages of failing browser tests: $browser_artifacts/"; fi
[ "$tests_status" -eq 0 ] || exit "$tests_status"

# The package as a NuGet user gets it: runtime + generator in one nupkg, consumed from outside the repository.
tests/package-smoke.sh
tests/testing-kit.sh
