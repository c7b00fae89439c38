#!/usr/bin/env bash
# Read replica, proven on one machine: a second MariaDB on 127.0.0.1:3307 replicates the site's database
# from the first; with `read_from_replica` on, Frappe runs the reports on the replica (`frappe.read_only`).
# The check: the reports through REST equal the primary's; with replication paused a change on the primary
# is not seen by the reports (they read the replica); resumed, they see it again.  Then the site's
# configuration is put back (read_from_replica off) and the replica stopped.
#
#   bash scripts/replica_check.sh [SITE]        (default: bench-s8.localhost, else the demo site; as root)
set -euo pipefail
source "$(dirname "$0")/common.sh"
is_root || die "run as root"
TARGET="${1:-bench-s8.localhost}"
[ -d "$BENCH_DIR/sites/$TARGET" ] || TARGET="$SITE"
REPL_DIR="$BENCH_DIR/config/mariadb-replica"
REPL_PORT=3307
DB=$(python3 -c "import json;print(json.load(open('$BENCH_DIR/sites/$TARGET/site_config.json'))['db_name'])")
DBPW=$(python3 -c "import json;print(json.load(open('$BENCH_DIR/sites/$TARGET/site_config.json'))['db_password'])")
ROOT=(mariadb -h127.0.0.1 -P"$DB_PORT" -uroot -p"$DB_ROOT_PASSWORD")
start_services
sync_app

# 1. the primary writes a binary log (the set-up runs it without one)
if [ "$("${ROOT[@]}" -N -e 'select @@log_bin')" != 1 ]; then
  say "primary: enabling the binary log (restart)"
  sed -i 's/^skip-log-bin$/log-bin=mysql-bin\nserver-id=1\nbinlog_format=ROW\nexpire_logs_days=2/' "$MYSQL_DIR/my.cnf"
  mariadb-admin -h127.0.0.1 -P"$DB_PORT" -uroot -p"$DB_ROOT_PASSWORD" shutdown
  sleep 2
  start_mariadb
fi
"${ROOT[@]}" -e "CREATE USER IF NOT EXISTS 'repl'@'127.0.0.1' IDENTIFIED BY 'repl-2012'; GRANT REPLICATION SLAVE ON *.* TO 'repl'@'127.0.0.1'; FLUSH PRIVILEGES;"

# 2. the replica: its own data directory, port 3307, read-only, this site's database only
if [ -f "$REPL_DIR/mysqld.pid" ]; then kill "$(cat "$REPL_DIR/mysqld.pid")" 2>/dev/null || true; sleep 3; fi
rm -rf "$REPL_DIR"; mkdir -p "$REPL_DIR"
cat > "$REPL_DIR/my.cnf" <<CNF
[mysqld]
datadir=$REPL_DIR/data
socket=$REPL_DIR/mysqld.sock
pid-file=$REPL_DIR/mysqld.pid
log-error=$REPL_DIR/mysqld.err
bind-address=127.0.0.1
port=$REPL_PORT
server-id=2
read_only=1
replicate-do-db=$DB
skip-log-bin
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
skip-character-set-client-handshake
innodb_buffer_pool_size=256M
CNF
chown -R "$BENCH_USER" "$REPL_DIR"
as_bench "mariadb-install-db --defaults-file='$REPL_DIR/my.cnf' >'$REPL_DIR/install.log' 2>&1"
as_bench "setsid nohup mariadbd --defaults-file='$REPL_DIR/my.cnf' </dev/null >>'$REPL_DIR/mysqld.out' 2>&1 &"
for _ in $(seq 1 60); do mariadb-admin --socket="$REPL_DIR/mysqld.sock" -uroot ping >/dev/null 2>&1 && break; sleep 1; done
R=(mariadb --socket="$REPL_DIR/mysqld.sock" -uroot)
say "replica: copying $DB (consistent dump with the binlog position) and starting replication"
"${R[@]}" -e "CREATE USER IF NOT EXISTS '$DB'@'%' IDENTIFIED BY '$DBPW'; CREATE USER IF NOT EXISTS '$DB'@'localhost' IDENTIFIED BY '$DBPW';
  GRANT ALL PRIVILEGES ON \`$DB\`.* TO '$DB'@'%'; GRANT ALL PRIVILEGES ON \`$DB\`.* TO '$DB'@'localhost'; FLUSH PRIVILEGES;"
mariadb-dump -h127.0.0.1 -P"$DB_PORT" -uroot -p"$DB_ROOT_PASSWORD" --single-transaction --master-data=1 --databases "$DB" | "${R[@]}"
"${R[@]}" -e "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$DB_PORT, MASTER_USER='repl', MASTER_PASSWORD='repl-2012'; START SLAVE;"
sleep 2
"${R[@]}" -e "SHOW SLAVE STATUS\G" | grep -E "Slave_IO_Running|Slave_SQL_Running:|Seconds_Behind" | sed 's/^ */  /'

# 3. the primary's numbers first, then the site reads its reports from the replica
SAVED="$(mktemp)"; chmod 666 "$SAVED"
bench_cmd "--site '$TARGET' set-config -p read_from_replica 0" >/dev/null
bash "$REPO_DIR/scripts/serve.sh" restart >/dev/null
REPL_SOCK="$REPL_DIR/mysqld.sock" DB_ROOT_PASSWORD="$DB_ROOT_PASSWORD" "$BENCH_DIR/env/bin/python" \
  "$REPO_DIR/scripts/replica_check.py" "$TARGET" "$DB" "http://127.0.0.1:$WEB_PORT" "$ADMIN_PASSWORD" primary "$SAVED"
bench_cmd "--site '$TARGET' set-config replica_host 127.0.0.1" >/dev/null
bench_cmd "--site '$TARGET' set-config -p replica_db_port $REPL_PORT" >/dev/null
bench_cmd "--site '$TARGET' set-config -p read_from_replica 1" >/dev/null
bash "$REPO_DIR/scripts/serve.sh" restart >/dev/null
rc=0
REPL_SOCK="$REPL_DIR/mysqld.sock" DB_ROOT_PASSWORD="$DB_ROOT_PASSWORD" "$BENCH_DIR/env/bin/python" \
  "$REPO_DIR/scripts/replica_check.py" "$TARGET" "$DB" "http://127.0.0.1:$WEB_PORT" "$ADMIN_PASSWORD" replica "$SAVED" || rc=$?

# 4. back as it was: reports on the primary, replica stopped
bench_cmd "--site '$TARGET' set-config -p read_from_replica 0" >/dev/null
bash "$REPO_DIR/scripts/serve.sh" restart >/dev/null
kill "$(cat "$REPL_DIR/mysqld.pid")" 2>/dev/null || true
exit $rc
