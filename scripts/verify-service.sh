#!/usr/bin/env bash
# Checks deploy/caddy-pii-filter.service with `systemd-analyze verify`,
# against a caddy built from this checkout: a temporary copy of the unit
# runs that binary instead of /usr/local/bin/caddy. Any warning fails.
# Where systemd-analyze is not installed, says so and succeeds.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v systemd-analyze >/dev/null 2>&1; then
  echo "verify-service: systemd-analyze not found; the unit file was not checked"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/caddy" ./cmd/caddy
sed "s|/usr/local/bin/caddy|$tmp/caddy|g" deploy/caddy-pii-filter.service >"$tmp/caddy-pii-filter.service"
if ! out=$(systemd-analyze verify "$tmp/caddy-pii-filter.service" 2>&1) || [ -n "$out" ]; then
  echo "verify-service: deploy/caddy-pii-filter.service:"
  echo "$out"
  exit 1
fi
echo "verify-service: deploy/caddy-pii-filter.service is valid"
