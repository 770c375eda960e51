#!/bin/sh
# Installs the e2e tests' one dependency, playwright-core, from package-lock.json (run by Maven
# before the integration tests). Without npm it installs nothing and the console e2e test skips.
set -eu
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  echo "[atlas] npm not found: the console e2e test will be skipped"
  exit 0
fi
if [ -f node_modules/playwright-core/package.json ]; then
  exit 0
fi
if ! npm ci --no-audit --no-fund --loglevel=error; then
  # offline, or the registry refused: the build goes on and the console e2e test reports itself skipped
  echo "[atlas] WARNING: npm ci failed: the console e2e test will be skipped"
fi
