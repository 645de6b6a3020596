#!/usr/bin/env bash
# Load test: plain reverse_proxy against pii_filter + reverse_proxy, in one run,
# on loopback only, through a real Caddy built from ./cmd/caddy. Prints the
# requests/s of each and their ratio for each body.
#
# By default it runs the measurement of issue 8: pii_filter with `cache off`
# (every request scanned) and `dossier 0` (bodies full of personal data are
# redacted, not refused), on 16 KiB and 256 KiB of dense legacy-API JSON full of
# personal data (scripts/genbody: name, resident ID, mobile, e-mail, address and
# bank card in every record), and 16 KiB of the same JSON without it.
#
#   scripts/loadtest.sh [duration-seconds]   (default 5 per point)
#   PII_CACHE=on scripts/loadtest.sh         (verdict cache on: a repeated body is
#                                             answered without a scan)
#   SIZES="16384 262144 1048576" scripts/loadtest.sh
#                                            (sizes of the JSON bodies with personal data)
#   SHAPES="csv mobiles dots" scripts/loadtest.sh
#                                            (also bodies of these internal/synth shapes,
#                                             served as text/plain; genbody -list names them)
#   PORT=9100 WRK_THREADS=2 WRK_CONNS=32     (first of three loopback ports; wrk's load)
#
# Needs wrk (Debian package; installed here if missing and we are root) and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-5}
port=${PORT:-9100}
sizes=${SIZES:-16384 262144}
shapes=${SHAPES:-}
cache=${PII_CACHE:-off}
threads=${WRK_THREADS:-2}
conns=${WRK_CONNS:-32}
origin=127.0.0.1:$port plain=127.0.0.1:$((port + 1)) filtered=127.0.0.1:$((port + 2))

if ! command -v wrk >/dev/null; then
	if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null; fi
fi
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }

work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/caddy" ./cmd/caddy
go build -o "$work/genbody" ./scripts/genbody
mkdir -p "$work/www"
bodies=()
for size in $sizes; do
	"$work/genbody" -size "$size" >"$work/www/pii$((size / 1024))k.json"
	bodies+=("pii$((size / 1024))k.json")
done
"$work/genbody" -size 16384 -clean >"$work/www/clean16k.json"
bodies+=(clean16k.json)
for shape in $shapes; do
	for size in $sizes; do
		"$work/genbody" -shape "$shape" -size "$size" >"$work/www/$shape$((size / 1024))k.txt"
		bodies+=("$shape$((size / 1024))k.txt")
	done
done

cat >"$work/Caddyfile" <<CADDY
{
	admin off
	auto_https off
	log {
		output discard
	}
}
http://$origin {
	root * $work/www
	file_server
}
http://$plain {
	reverse_proxy $origin
}
http://$filtered {
	pii_filter {
		dossier 0
		$([ "$cache" = off ] && echo "cache off")
	}
	reverse_proxy $origin
}
CADDY
"$work/caddy" run --config "$work/Caddyfile" >"$work/caddy.log" 2>&1 &
for _ in $(seq 50); do curl -sf -o /dev/null "http://$filtered/clean16k.json" && break; sleep 0.2; done

# check BODY: the body must come back through pii_filter with status 200,
# redacted when it is JSON with personal data; a refusal or a dropped
# connection would otherwise be measured as a (fast) success.
check() {
	local code
	code=$(curl -s -o "$work/out" -w '%{http_code}' "http://$filtered/$1" || true)
	if [ "$code" != 200 ]; then
		echo "$1: pii_filter answered $code, not 200 (000: no response, the connection dropped)" >&2
		[ -s "$work/caddy.log" ] && tail -n 5 "$work/caddy.log" | cut -c1-300 >&2
		return 1
	fi
	if [ "${1#clean}" = "$1" ] && [ "${1%.json}" != "$1" ] && cmp -s "$work/out" "$work/www/$1"; then
		echo "$1: pii_filter sent it unchanged, nothing redacted" >&2
		return 1
	fi
}

# rps URL prints wrk's requests/s, or fails if any response was not 2xx/3xx.
rps() {
	local out
	out=$(wrk -t"$threads" -c"$conns" -d"${duration}s" "$1")
	if grep -q 'Non-2xx or 3xx' <<<"$out"; then
		echo "$1: $(grep 'Non-2xx' <<<"$out")" >&2
		return 1
	fi
	awk '/Requests\/sec/ {print $2}' <<<"$out"
}

echo "pii_filter: dossier 0, cache $cache; wrk -t$threads -c$conns, ${duration}s per point, $(nproc) CPUs"
printf '%-16s %10s %14s %14s %8s\n' body bytes plain_rps pii_filter_rps ratio
failed=0
for body in "${bodies[@]}"; do
	bytes=$(wc -c <"$work/www/$body")
	if ! check "$body" || ! p=$(rps "http://$plain/$body") || ! f=$(rps "http://$filtered/$body"); then
		printf '%-16s %10d %14s %14s %8s\n' "$body" "$bytes" - failed -
		failed=1
		continue
	fi
	printf '%-16s %10d %14s %14s %8.2f\n' "$body" "$bytes" "$p" "$f" \
		"$(awk -v a="$f" -v b="$p" 'BEGIN {print a / b}')"
done
exit "$failed"
