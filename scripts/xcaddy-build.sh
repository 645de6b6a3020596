#!/usr/bin/env bash
# Builds Caddy with this checkout's modules through xcaddy, the way the
# README's Building section says, and checks that the result holds them.
# Installs xcaddy with `go install` when it is not on PATH. The module is
# not published: "@v0.0.0=./" gives xcaddy a version to require, which the
# replacement then points at this checkout, so nothing asks the module
# proxy for it.
set -euo pipefail
cd "$(dirname "$0")/.."

export PATH="$PATH:$(go env GOPATH)/bin"
if ! command -v xcaddy >/dev/null 2>&1; then
  go install github.com/caddyserver/xcaddy/cmd/xcaddy@latest
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
xcaddy build --with github.com/piifilter/caddy-pii-filter@v0.0.0=./ --output "$tmp/caddy"

modules=$("$tmp/caddy" list-modules)
for m in http.handlers.pii_filter http.matchers.pii caddy.logging.encoders.filter.pii pii admin.api.pii; do
  if ! grep -qx "$m" <<<"$modules"; then
    echo "xcaddy-build: the xcaddy build lacks the module $m"
    exit 1
  fi
done
"$tmp/caddy" pii-scan --help >/dev/null
"$tmp/caddy" pii-keygen --help >/dev/null
"$tmp/caddy" pii-protect --help >/dev/null
echo "xcaddy-build: xcaddy builds Caddy with every module of this checkout"
