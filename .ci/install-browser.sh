#!/usr/bin/env bash
# Installs what the browser test (tests/test_browser_timelinejs.py) needs beyond pip:
# Debian's Chromium and, from package-lock.json, the TimelineJS npm package.
# Idempotent: run it as often as you like. Needs root (or sudo) for apt-get on a machine
# without /usr/bin/chromium; reaches only Debian's package mirror and the npm registry.
# The Python driver is the `playwright` package from the test extra (pip install -e '.[test]');
# playwright's own browser download (`playwright install`) is not used.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# shellcheck source=as-root.sh
source "$(dirname "${BASH_SOURCE[0]}")/as-root.sh"

apt_updated=0
apt_install() {
    if [ "$apt_updated" -eq 0 ]; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        apt_updated=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

if [ ! -x /usr/bin/chromium ]; then
    echo "install-browser: installing Debian chromium" >&2
    apt_install chromium
fi

if ! command -v npm >/dev/null 2>&1; then
    echo "install-browser: installing Debian nodejs and npm" >&2
    apt_install nodejs npm
fi

# Exactly what package-lock.json pins (TimelineJS 3.9.11); replaces node_modules each time.
cd "$repo_root"
npm ci --no-audit --no-fund

/usr/bin/chromium --version
