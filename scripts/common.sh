# Shared settings and helpers for scripts/setup.sh, scripts/test.sh and .ci/run.
# Sourced, not run.  Everything here can be overridden from the environment.

REPO_DIR=${REPO_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
FRAPPE_BRANCH=${FRAPPE_BRANCH:-version-15}
FRAPPE_PATH=${FRAPPE_PATH:-}           # optional local frappe checkout for `bench init --frappe-path`
SITE=${SITE:-sanfenlei.localhost}
TEST_SITE=${TEST_SITE:-test-sanfenlei.localhost}
DB_PORT=${DB_PORT:-3306}
DB_ROOT_PASSWORD=${DB_ROOT_PASSWORD:-sanfenlei-root}
ADMIN_PASSWORD=${ADMIN_PASSWORD:-admin}
WEB_PORT=${WEB_PORT:-8000}
PYTHON_BIN=${PYTHON_BIN:-python3.11}

say() { printf '\033[1;34m[sanfenlei]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[sanfenlei] 错误 / error:\033[0m %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }

# Run a command as the bench user, in a login-like environment.
as_bench() {
  if [ "$(id -un)" = "$BENCH_USER" ]; then
    PATH="$BENCH_HOME/.bench-cli/bin:/usr/sbin:/sbin:$PATH" bash -c "$*"
  elif is_root; then
    runuser -u "$BENCH_USER" -- env HOME="$(getent passwd "$BENCH_USER" | cut -d: -f6)" \
      PATH="$BENCH_HOME/.bench-cli/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
      BENCH_DIR="$BENCH_DIR" CI="${CI:-}" LANG=C.UTF-8 bash -c "$*"
  else
    sudo -u "$BENCH_USER" -H env PATH="$BENCH_HOME/.bench-cli/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
      BENCH_DIR="$BENCH_DIR" CI="${CI:-}" LANG=C.UTF-8 bash -c "$*"
  fi
}

# Started as root, the bench belongs to user `frappe`; started by an ordinary user with
# sudo, to that user.  The bench lives in that user's home unless BENCH_DIR says otherwise.
if [ -z "${BENCH_USER:-}" ]; then
  if is_root; then BENCH_USER=frappe; else BENCH_USER=$(id -un); fi
fi
BENCH_HOME=$(getent passwd "$BENCH_USER" 2>/dev/null | cut -d: -f6)
BENCH_HOME=${BENCH_HOME:-/home/$BENCH_USER}
BENCH_DIR=${BENCH_DIR:-$BENCH_HOME/frappe-bench}

MYSQL_DIR="$BENCH_DIR/config/mariadb"
MYSQL_SOCK="$MYSQL_DIR/mysqld.sock"

# --- services (MariaDB and Redis started directly, bound to 127.0.0.1) ----------------

# True when the server answers and the root password is the one we set.
mariadb_running() { as_bench "mariadb --socket='$MYSQL_SOCK' -uroot -p'$DB_ROOT_PASSWORD' -e 'select 1'" >/dev/null 2>&1; }
mariadb_alive() { as_bench "mariadb-admin --socket='$MYSQL_SOCK' ping" >/dev/null 2>&1; }

start_mariadb() {
  mkdir -p "$MYSQL_DIR"
  if [ ! -f "$MYSQL_DIR/my.cnf" ]; then
    cat > "$MYSQL_DIR/my.cnf" <<CNF
[mysqld]
datadir=$MYSQL_DIR/data
socket=$MYSQL_SOCK
pid-file=$MYSQL_DIR/mysqld.pid
log-error=$MYSQL_DIR/mysqld.err
bind-address=127.0.0.1
port=$DB_PORT
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
skip-character-set-client-handshake
innodb_buffer_pool_size=1G
innodb_file_per_table=1
innodb_flush_log_at_trx_commit=2
max_allowed_packet=256M
skip-log-bin

[client]
socket=$MYSQL_SOCK
default-character-set=utf8mb4

[mysql]
default-character-set=utf8mb4
CNF
  fi
  chown -R "$BENCH_USER" "$MYSQL_DIR" 2>/dev/null || true
  if [ ! -d "$MYSQL_DIR/data/mysql" ]; then
    say "初始化 MariaDB 数据目录 (initialising MariaDB data in $MYSQL_DIR/data)"
    as_bench "mariadb-install-db --defaults-file='$MYSQL_DIR/my.cnf' --auth-root-authentication-method=normal >'$MYSQL_DIR/install.log' 2>&1" \
      || die "mariadb-install-db failed, see $MYSQL_DIR/install.log"
  fi
  if ! mariadb_alive; then
    say "启动 MariaDB (starting mariadbd on 127.0.0.1:$DB_PORT)"
    as_bench "setsid nohup mariadbd --defaults-file='$MYSQL_DIR/my.cnf' </dev/null >>'$MYSQL_DIR/mysqld.out' 2>&1 &"
    for _ in $(seq 1 60); do
      mariadb_alive && break
      sleep 1
    done
  fi
  if ! mariadb_running; then
    # A fresh data directory: root has no password yet.
    as_bench "mariadb --socket='$MYSQL_SOCK' -uroot <<SQL
ALTER USER 'root'@'localhost' IDENTIFIED BY '$DB_ROOT_PASSWORD';
CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '$DB_ROOT_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
FLUSH PRIVILEGES;
SQL" || true
  fi
  mariadb_running || die "MariaDB did not start; see $MYSQL_DIR/mysqld.err"
}

start_redis() {
  local conf port
  for conf in redis_cache redis_queue; do
    [ -f "$BENCH_DIR/config/$conf.conf" ] || continue
    port=$(awk '$1=="port"{print $2}' "$BENCH_DIR/config/$conf.conf")
    if ! redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1; then
      say "启动 Redis (starting $conf on 127.0.0.1:$port)"
      as_bench "cd '$BENCH_DIR/config' && redis-server '$BENCH_DIR/config/$conf.conf' --bind 127.0.0.1 --daemonize yes </dev/null >/dev/null 2>&1 --pidfile '$BENCH_DIR/config/pids/$conf.pid' --logfile '$BENCH_DIR/logs/$conf.log'"
    fi
    for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1 && break; sleep 0.5; done
    redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1 || die "Redis ($conf) did not start"
  done
}

start_services() { start_mariadb; start_redis; }

# --- the app's code inside the bench ----------------------------------------------------

# The bench user may not be able to read the checkout (CI's clone is root's), so the
# working tree is copied into apps/sanfenlei_app, which is what bench itself would hold.
sync_app() {
  local dest="$BENCH_DIR/apps/sanfenlei_app"
  mkdir -p "$dest"
  rsync -a --delete --exclude .git --exclude '__pycache__' --exclude '*.pyc' \
    --exclude node_modules --exclude '.pytest_cache' --exclude 'test-artifacts' \
    "$REPO_DIR/" "$dest/"
  chown -R "$BENCH_USER" "$dest"
  if [ ! -d "$dest/.git" ]; then
    # bench expects each app to be a git repository (bench update, version display).
    as_bench "cd '$dest' && git init -q && git add -A && git -c user.name=bench -c user.email=bench@localhost commit -qm 'sanfenlei_app working tree' " || true
  fi
  if ! as_bench "cd / && '$BENCH_DIR/env/bin/python' -c 'import sanfenlei_app'" >/dev/null 2>&1; then
    say "安装应用到 bench (pip install -e apps/sanfenlei_app)"
    as_bench "cd '$BENCH_DIR' && ./env/bin/pip install -q -e apps/sanfenlei_app" || die "pip install of the app failed"
  fi
  local apps="$BENCH_DIR/sites/apps.txt"
  if ! grep -qx sanfenlei_app "$apps"; then
    [ -z "$(tail -c1 "$apps")" ] || echo >> "$apps"
    echo sanfenlei_app >> "$apps"
  fi
}

bench_cmd() { as_bench "cd '$BENCH_DIR' && bench $*"; }
