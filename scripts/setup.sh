#!/usr/bin/env bash
# Install spacecoop into .venv. With --test, also what the tests need: the test and notebook
# extras (pytest, hypothesis, Playwright, nbmake, the oxigraph server) and Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
if [ "${1:-}" = "--test" ]; then
    .venv/bin/python -m pip install --quiet -e ".[test,notebooks]"
    if [ ! -x /usr/bin/chromium ]; then
        if [ "$(id -u)" = 0 ]; then
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
        else
            echo "setup: /usr/bin/chromium is missing; install Debian's chromium package (sudo apt-get install chromium) for the browser tests" >&2
        fi
    fi
else
    .venv/bin/python -m pip install --quiet -e .
fi
