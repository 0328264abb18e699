#!/usr/bin/env bash
# Installs what the end-to-end layer needs, once, into a cache folder outside the repo:
# Debian's Chromium (driven by playwright-core) and code-server 4.100.3 from npm (the
# last release that runs on Node 20; VS Code 1.100.3). Idempotent and quiet when done.
# `--no-browser` (npm start, which opens the workbench in the user's own browser) skips Chromium.
# Prints the code-server package folder as its last line.
set -euo pipefail
browser=1
[ "${1:-}" = --no-browser ] && browser=0
CACHE="${SLIPWAY_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/slipway-e2e}"
CS_VERSION=4.100.3
CSDIR="$CACHE/code-server-$CS_VERSION"
mkdir -p "$CACHE/tmp"

need_apt=()
[ "$browser" = 0 ] || [ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v rg >/dev/null || need_apt+=(ripgrep)
# code-server's kerberos module builds against libkrb5 headers.
[ -f /usr/include/krb5.h ] || [ -f /usr/include/krb5/krb5.h ] || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "e2e setup: please install ${need_apt[*]} (apt-get install ${need_apt[*]}); they are not installed and this is not root" >&2
    exit 2
  fi
  echo "e2e setup: apt-get install ${need_apt[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ ! -x "$CSDIR/node_modules/.bin/code-server" ] || [ ! -f "$CSDIR/.complete" ]; then
  echo "e2e setup: installing code-server@$CS_VERSION into $CSDIR (first run only: about 300 MB, a minute or two)" >&2
  rm -rf "$CSDIR"; mkdir -p "$CSDIR"
  # @vscode/ripgrep's postinstall downloads from GitHub; seed its cache with Debian's rg instead.
  RGC="$CACHE/tmp/vscode-ripgrep-cache-1.15.11"; mkdir -p "$RGC" "$CACHE/rgpkg"
  cp "$(command -v rg)" "$CACHE/rgpkg/rg"
  tar czf "$RGC/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$CACHE/rgpkg" rg
  (cd "$CSDIR" && npm init -y >/dev/null && \
    TMPDIR="$CACHE/tmp" npm_config_yes=true npm install --no-audit --no-fund --unsafe-perm "code-server@$CS_VERSION" >"$CSDIR/install.log" 2>&1) || {
      echo "e2e setup: code-server install failed; see $CSDIR/install.log" >&2; tail -20 "$CSDIR/install.log" >&2; exit 1; }
  touch "$CSDIR/.complete"
fi
echo "$CSDIR/node_modules/code-server"
