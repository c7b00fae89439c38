#!/usr/bin/env bash
# Backup and restore, proven: `bench backup` of a site (default the demo site), `bench restore` into a
# fresh site, then every document of the app's DocTypes and every report of the current year is
# fingerprinted on both (scripts/site/checks.py: fingerprint) and compared.  Exit 1 on any difference.
#
#   bash scripts/check_backup_restore.sh [SOURCE_SITE]
set -euo pipefail
source "$(dirname "$0")/common.sh"
SRC="${1:-$SITE}"
DST="restore-check.localhost"
start_services
say "bench backup $SRC"
bench_cmd "--site '$SRC' backup" >/dev/null
SQL=$(ls -t "$BENCH_DIR/sites/$SRC/private/backups/"*-database.sql.gz | head -1)
say "restore $(basename "$SQL") into $DST"
[ -d "$BENCH_DIR/sites/$DST" ] && bench_cmd "drop-site '$DST' --force --no-backup --db-root-username root --db-root-password '$DB_ROOT_PASSWORD'" >/dev/null 2>&1
bench_cmd "new-site '$DST' --db-root-username root --db-root-password '$DB_ROOT_PASSWORD' --admin-password '$ADMIN_PASSWORD'" >/dev/null 2>&1
bench_cmd "--site '$DST' restore '$SQL' --db-root-username root --db-root-password '$DB_ROOT_PASSWORD' --force" >/dev/null 2>&1
fp() { in_site "$1" checks.fingerprint | tail -n 1; }
A=$(fp "$SRC"); B=$(fp "$DST")
python3 - "$A" "$B" "$SRC" "$DST" <<'PY'
import json, sys
a, b, src, dst = json.loads(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3], sys.argv[4]
print(f"| what | {src} (rows, sha1) | {dst} (rows, sha1) | same |\n|---|---|---|---|")
bad = 0
for k in sorted(set(a) | set(b)):
    same = a.get(k) == b.get(k)
    bad += not same
    print(f"| {k} | {a.get(k)} | {b.get(k)} | {'yes' if same else 'NO'} |")
print(f"\n{len(a)} fingerprints, {bad} different")
sys.exit(1 if bad else 0)
PY
