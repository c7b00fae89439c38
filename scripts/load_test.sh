#!/usr/bin/env bash
# Load run (loopback only, bounded): N secretaries (default 50), each logged in, save and move
# their own sheet for SECONDS (default 60) against gunicorn on 127.0.0.1; then the database is
# checked: every acknowledged save is there, no sheet moved to a step it should not have.
#
#   bash scripts/load_test.sh [SITE] [N] [SECONDS]      (default site: bench-s8.localhost, else the demo site)
set -euo pipefail
source "$(dirname "$0")/common.sh"
TARGET="${1:-bench-s8.localhost}"
[ -d "$BENCH_DIR/sites/$TARGET" ] || TARGET="$SITE"
N="${2:-50}"; SECONDS_RUN="${3:-60}"
TMP="$(mktemp -d)"; chmod 777 "$TMP"
start_services
sync_app
bench_cmd "--site '$TARGET' set-config -p throttle_user_limit 1000000" >/dev/null
bash "$REPO_DIR/scripts/serve.sh" restart >/dev/null
say "preparing $N secretaries with their own sheets on $TARGET"
in_site "$TARGET" loadtest.prepare "{\"n\": $N}" | tail -n 1 > "$TMP/pairs.json"
cp "$REPO_DIR/scripts/load_test.py" "$TMP/"
say "running for $SECONDS_RUN s"
as_bench "'$BENCH_DIR/env/bin/python' '$TMP/load_test.py' '$TARGET' '$TMP/pairs.json' $SECONDS_RUN http://127.0.0.1:$WEB_PORT"
say "checking the database"
in_site "$TARGET" loadtest.check "{\"path\": \"$TMP/pairs.json.acks.json\"}" | tail -n 1
rm -rf "$TMP"
