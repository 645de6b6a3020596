#!/usr/bin/env bash
# Load test: plain reverse_proxy against pii_filter + reverse_proxy, in one run,
# on loopback only. Prints requests/s for each and the ratio.
#
#   scripts/loadtest.sh [duration-seconds]   (default 10)
#   PII_CACHE=off scripts/loadtest.sh        (every request scanned: no verdict cache)
#
# Needs wrk (Debian package; installed here if missing and we are root).
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null; fi
fi
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }

work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/caddy" ./cmd/caddy
mkdir -p "$work/www"
go run ./scripts/genbody -size 16384 > "$work/www/pii16k.json"
go run ./scripts/genbody -size 16384 -clean > "$work/www/clean16k.json"
go run ./scripts/genbody -size 262144 > "$work/www/pii256k.json"

cat > "$work/Caddyfile" <<CADDY
{
	admin off
	auto_https off
	log {
		output discard
	}
}
http://127.0.0.1:9100 {
	root * $work/www
	file_server
}
http://127.0.0.1:9101 {
	reverse_proxy 127.0.0.1:9100
}
http://127.0.0.1:9102 {
	pii_filter {
		dossier 0
		$( [ "${PII_CACHE:-on}" = off ] && echo "cache off" )
	}
	reverse_proxy 127.0.0.1:9100
}
CADDY
"$work/caddy" run --config "$work/Caddyfile" >"$work/caddy.log" 2>&1 &
for _ in $(seq 50); do curl -sf -o /dev/null http://127.0.0.1:9102/clean16k.json && break; sleep 0.2; done

rps() { wrk -t2 -c32 -d"${duration}s" "$1" | awk '/Requests\/sec/ {print $2}'; }
printf '%-14s %14s %14s %8s\n' body plain_rps pii_filter_rps ratio
for body in clean16k.json pii16k.json pii256k.json; do
	plain=$(rps "http://127.0.0.1:9101/$body")
	filtered=$(rps "http://127.0.0.1:9102/$body")
	printf '%-14s %14s %14s %8.2f\n' "$body" "$plain" "$filtered" "$(awk -v a="$filtered" -v b="$plain" 'BEGIN {print a / b}')"
done
