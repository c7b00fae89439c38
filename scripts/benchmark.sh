#!/usr/bin/env bash
# Benchmarks (not tests): sites with 2,000 and 20,000 organisations (the demo at --scale 8 and
# --scale 80, Initial and Year End sheets), then scripts/site/benchmark.py's run on each, which
# prints a table comparing every report, number card, export, save and bulk creation with a
# baseline measured in the same run.  Tables are also written to test-artifacts/benchmarks/.
#
#   bash scripts/benchmark.sh                  # 2,000 and 20,000
#   SCALES="400" bash scripts/benchmark.sh     # about 100,000 organisations (takes long)
#   KEEP_BENCH_SITES=1 ...                     # reuse sites made by an earlier run
#   BUILD_ONLY=1 ...                           # build the sites, measure nothing
set -euo pipefail
source "$(dirname "$0")/common.sh"
SCALES="${SCALES:-8 80}"
OUT="$REPO_DIR/test-artifacts/benchmarks"
mkdir -p "$OUT"; chmod 777 "$OUT" 2>/dev/null || true
start_services
sync_app
for scale in $SCALES; do
  site="bench-s$scale.localhost"
  if [ -z "${KEEP_BENCH_SITES:-}" ] || [ ! -d "$BENCH_DIR/sites/$site" ]; then
    [ -d "$BENCH_DIR/sites/$site" ] && bench_cmd "drop-site '$site' --force --no-backup --db-root-username root --db-root-password '$DB_ROOT_PASSWORD'" >/dev/null 2>&1
    say "site $site (scale $scale)"
    bench_cmd "new-site '$site' --db-root-username root --db-root-password '$DB_ROOT_PASSWORD' --admin-password '$ADMIN_PASSWORD' --install-app sanfenlei_app" >/dev/null 2>&1
    bench_cmd "--site '$site' sanfenlei-configure-site" >/dev/null
    t0=$(date +%s)
    bench_cmd "--site '$site' sanfenlei-demo --scale $scale --year-end"
    say "demo data at scale $scale in $(( $(date +%s) - t0 )) s"
  fi
  [ -n "${BUILD_ONLY:-}" ] && continue
  in_site "$site" benchmark.run | tee "$OUT/$site.log"
  tail -n 1 "$OUT/$site.log" | python3 -c "import json,sys; print(json.loads(sys.stdin.read()))" > "$OUT/$site.md"
  say "table: $OUT/$site.md"
done
