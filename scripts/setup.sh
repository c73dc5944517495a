#!/usr/bin/env bash
# Install spacecoop into .venv. With --test, also what the tests need: the test and notebook
# extras (pytest, hypothesis, Playwright, nbmake, the oxigraph server, owlready2 with HermiT,
# pyrudof, pyld), Debian's chromium and a Japanese font for its screenshots, and a Java runtime
# for HermiT.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
if [ "${1:-}" = "--test" ]; then
    .venv/bin/python -m pip install --quiet -e ".[test,notebooks]"
    if ! dpkg -s chromium fonts-ipafont-gothic default-jre-headless >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ]; then
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-ipafont-gothic default-jre-headless >/dev/null
        else
            echo "setup: install Debian's chromium, fonts-ipafont-gothic and default-jre-headless (sudo apt-get install chromium fonts-ipafont-gothic default-jre-headless) for the browser and HermiT tests" >&2
        fi
    fi
else
    .venv/bin/python -m pip install --quiet -e .
fi
