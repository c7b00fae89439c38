#!/usr/bin/env bash
# Fault: MariaDB killed in the middle of a workflow transition (see scripts/fault_test.py).
#   bash scripts/fault_test.sh [SITE]       (default: bench-s8.localhost, else the demo site)
set -euo pipefail
source "$(dirname "$0")/common.sh"
is_root || die "run as root (it kills and restarts MariaDB)"
TARGET="${1:-bench-s8.localhost}"
[ -d "$BENCH_DIR/sites/$TARGET" ] || TARGET="$SITE"
start_services
sync_app
bash "$REPO_DIR/scripts/serve.sh" restart >/dev/null
PAIR=$(in_site "$TARGET" loadtest.prepare_fault | tail -n 1)
USER_=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['user'])" "$PAIR")
SHEET=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['sheet'])" "$PAIR")
say "sheet $SHEET of $USER_: Complete Mass Review, with MariaDB killed half-way"
DB_ROOT_PASSWORD="$DB_ROOT_PASSWORD" "$BENCH_DIR/env/bin/python" "$REPO_DIR/scripts/fault_test.py" "$BENCH_DIR/sites/$TARGET/site_config.json" "$SHEET" "$USER_" \
  Load@2012 "http://127.0.0.1:$WEB_PORT" "$MYSQL_DIR/mysqld.pid" "bash -c 'source $REPO_DIR/scripts/common.sh; start_mariadb'"
