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
WEB_PORT=${WEB_PORT:-8000}             # nginx: the only door to the application
LISTEN_ADDRESS=${LISTEN_ADDRESS:-127.0.0.1}   # nginx's address; a real deployment sets the server's own
APP_PORT=${APP_PORT:-8001}             # gunicorn behind nginx, always on 127.0.0.1
TIME_ZONE=${TIME_ZONE:-Asia/Shanghai}  # the site's time zone, and so the database's
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
  if ! is_root; then BENCH_USER=$(id -un)
  elif [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ]; then BENCH_USER=$SUDO_USER
  else BENCH_USER=frappe; fi
fi
BENCH_HOME=$(getent passwd "$BENCH_USER" 2>/dev/null | cut -d: -f6 || true)  # no such user yet on a new machine
BENCH_HOME=${BENCH_HOME:-/home/$BENCH_USER}
BENCH_DIR=${BENCH_DIR:-$BENCH_HOME/frappe-bench}

MYSQL_DIR="$BENCH_DIR/config/mariadb"
MYSQL_SOCK="$MYSQL_DIR/mysqld.sock"

# --- services: every process under supervisor ---------------------------------------------
# Frappe's own `bench setup supervisor` configuration (web, workers, scheduler, realtime, Redis)
# plus MariaDB and nginx, all run by Debian's supervisor, which restarts whatever stops.
# Nothing listens beyond 127.0.0.1 except nginx on $LISTEN_ADDRESS:$WEB_PORT; the realtime
# server listens on a Unix socket that nginx proxies at /socket.io.

SUPERVISOR_CONF=/etc/supervisor/supervisord.conf

# --- the test stack's clock ---------------------------------------------------------------------
# scripts/test.sh runs every process of the stack (MariaDB, the web and realtime servers, the workers,
# the scheduler, nginx), the tests and the browser on one clock: Debian's libfaketime, preloaded, reading
# its offset from $CLOCK_FILE once when each process starts. Redis keeps the real clock (see
# write_frappe_supervisor_conf). The offset is "+0" unless TEST_CLOCK="2027-01-01 09:00" (the site's local
# time, $TIME_ZONE) starts the whole run at that moment; a test that needs another day writes the file
# and restarts the web and worker processes (tests/clock.py), and puts the file back after.
CLOCK_FILE="$BENCH_DIR/config/test-clock"

# "+N": seconds from now to TEST_CLOCK (or "+0"); printed, not written.
clock_offset() {
  [ -n "${TEST_CLOCK:-}" ] || { echo "+0"; return 0; }
  python3 -c "import datetime, time, zoneinfo, sys
t = datetime.datetime.fromisoformat(sys.argv[1]).replace(tzinfo=zoneinfo.ZoneInfo(sys.argv[2]))
print('%+d' % round(t.timestamp() - time.time()))" "$TEST_CLOCK" "$TIME_ZONE" \
    || die "TEST_CLOCK='$TEST_CLOCK' is not a date and time (YYYY-MM-DD HH:MM)"
}

# The environment that puts a process on the test clock.
clock_env() {
  local lib
  lib=$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -1)
  [ -n "$lib" ] || die "the test clock needs Debian's libfaketime (apt-get install faketime; scripts/setup.sh installs it)"
  echo "LD_PRELOAD=$lib FAKETIME_TIMESTAMP_FILE=$CLOCK_FILE FAKETIME_CACHE_DURATION=1000000000"
}
BENCH_NAME=$(basename "$BENCH_DIR")     # bench names its supervisor programs after its folder
WEB_URL="http://$([ "$LISTEN_ADDRESS" = 0.0.0.0 ] && echo 127.0.0.1 || echo "$LISTEN_ADDRESS"):$WEB_PORT"
SOCKETIO_SOCK="$BENCH_DIR/config/socketio.sock"
NGINX_CONF="$BENCH_DIR/config/sanfenlei-nginx.conf"

# True when the server answers and the root password is the one we set.
mariadb_running() { as_bench "mariadb --socket='$MYSQL_SOCK' -uroot -p'$DB_ROOT_PASSWORD' -e 'select 1'" >/dev/null 2>&1; }
mariadb_alive() { as_bench "mariadb-admin --socket='$MYSQL_SOCK' ping" >/dev/null 2>&1; }

# "+08:00" for Asia/Shanghai: MariaDB's clock in the site's time zone.  A fixed offset: right for
# China, which keeps no summer time (a zone with summer time needs MariaDB's time zone tables).
tz_offset() { python3 -c "import datetime, zoneinfo; o = datetime.datetime.now(zoneinfo.ZoneInfo('$TIME_ZONE')).strftime('%z'); print(o[:3] + ':' + o[3:])"; }

write_mariadb_conf() {
  mkdir -p "$MYSQL_DIR"
  local new_conf=""
  if [ ! -f "$MYSQL_DIR/my.cnf" ]; then
    new_conf=1
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
  local tz; tz=$(tz_offset)
  if ! grep -q "^default-time-zone='$tz'" "$MYSQL_DIR/my.cnf"; then
    sed -i '/^default-time-zone=/d' "$MYSQL_DIR/my.cnf"
    sed -i "/^\[mysqld\]/a default-time-zone='$tz'" "$MYSQL_DIR/my.cnf"
    [ -n "$new_conf" ] || MARIADB_CONF_CHANGED=1  # a running server reads it again
  fi
  chown -R "$BENCH_USER" "$MYSQL_DIR" 2>/dev/null || true
  if [ ! -d "$MYSQL_DIR/data/mysql" ]; then
    say "初始化 MariaDB 数据目录 (initialising MariaDB data in $MYSQL_DIR/data)"
    as_bench "mariadb-install-db --defaults-file='$MYSQL_DIR/my.cnf' --auth-root-authentication-method=normal >'$MYSQL_DIR/install.log' 2>&1" \
      || die "mariadb-install-db failed, see $MYSQL_DIR/install.log"
  fi
}

# Debian's own MariaDB and nginx services would take the ports ours use: stopped and disabled.
quiet_debian_services() {
  local svc
  for svc in mariadb nginx; do
    if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$svc" 2>/dev/null; then
      say "停用 Debian 自带的 $svc 服务 (stopping and disabling Debian's own $svc service: ours runs under supervisor)"
      systemctl stop "$svc" && systemctl disable --quiet "$svc" || true
    elif [ -x "/etc/init.d/$svc" ] && "/etc/init.d/$svc" status >/dev/null 2>&1; then
      say "停止 Debian 自带的 $svc 服务 (stopping Debian's own $svc service: ours runs under supervisor)"
      "/etc/init.d/$svc" stop >/dev/null 2>&1 || true
    fi
  done
}

write_services_conf() {
  cat > "$BENCH_DIR/config/sanfenlei-services.conf" <<CONF
; MariaDB and nginx for the bench (scripts/common.sh); Frappe's processes are in supervisor.conf.
[program:sanfenlei-mariadb]
command=/usr/sbin/mariadbd --defaults-file=$MYSQL_DIR/my.cnf
user=$BENCH_USER
priority=1
autostart=true
autorestart=true
stopwaitsecs=120
stdout_logfile=$BENCH_DIR/logs/mariadb.log
redirect_stderr=true

[program:sanfenlei-nginx]
command=/usr/sbin/nginx -c $NGINX_CONF -g 'daemon off;'
priority=5
autostart=true
autorestart=true
stdout_logfile=$BENCH_DIR/logs/nginx.log
redirect_stderr=true
CONF
}

# Frappe's supervisor configuration, with two changes: the app's WSGI entry (a request body that is
# not JSON answered 400 in Chinese, see sanfenlei_app/wsgi.py) and the realtime server on a Unix socket.
write_frappe_supervisor_conf() {
  bench_cmd "setup supervisor --yes --user $BENCH_USER" >/dev/null || die "bench setup supervisor failed"
  local conf="$BENCH_DIR/config/supervisor.conf"
  sed -i 's#frappe\.app:application#sanfenlei_app.wsgi:production#' "$conf"
  sed -i 's#^command=\(.*\) -b 127\.0\.0\.1:[0-9]* #command=\1 -b 127.0.0.1:'"$APP_PORT"' #' "$conf"
  python3 - "$conf" "$SOCKETIO_SOCK" "${CLOCK_ENV:-}" <<'PY'
import re, sys
path, sock = sys.argv[1], sys.argv[2]
text = open(path).read()
text = re.sub(r"(\[program:[^\]]*node-socketio\]\n)(?:environment=.*\n)?", r"\1environment=FRAPPE_SOCKETIO_UDS=" + sock + "\n", text)
# node does not remove its socket when it stops: a stale one would stop the restart
text = re.sub(r"(\[program:[^\]]*node-socketio\]\n(?:environment=.*\n))command=(?!/bin/sh)(.*)\n",
	lambda m: f"{m.group(1)}command=/bin/sh -c 'rm -f {sock}; exec {m.group(2)}'\n", text)
# a stop or restart ends a program's children too
text = re.sub(r"(\[program:[^\]]*\]\n)(?![^\[]*stopasgroup)", r"\1stopasgroup=true\n", text)
text = re.sub(r"(\[program:[^\]]*\]\n)(?![^\[]*killasgroup)", r"\1killasgroup=true\n", text)
# on the test clock Redis keeps the real one: its allocator (jemalloc) reads the clock before
# libfaketime is ready; Frappe gives Redis only relative expiries, so nothing depends on Redis's clock
if len(sys.argv) > 3 and sys.argv[3]:
	text = re.sub(r"(\[program:[^\]]*redis[^\]]*\]\n)", r"\1environment=LD_PRELOAD=\"\"\n", text)
open(path, "w").write(text)
PY
  grep -q "redis-cache" "$conf" || die "bench setup supervisor wrote no Redis programs ($conf)"
}

# nginx in front, as Frappe's `bench setup nginx` lays it out (assets and public files from disk,
# private files by X-Accel-Redirect, /socket.io to the realtime server, the rest to gunicorn), on
# $LISTEN_ADDRESS:$WEB_PORT (and 127.0.0.1:$WEB_PORT, where the realtime server checks sessions).
# The site is the host name of the request, or the bench's default site; the sites are listed again
# whenever one is created.  Local additions (TLS, a certificate) go in $BENCH_DIR/config/nginx.d/*.conf,
# included in the server and never overwritten.
write_nginx_conf() {
  local default_site sites_map="" d
  default_site=$(python3 -c "import json; print(json.load(open('$BENCH_DIR/sites/common_site_config.json')).get('default_site') or '$SITE')")
  for d in "$BENCH_DIR"/sites/*/site_config.json; do
    [ -f "$d" ] || continue
    d=$(basename "$(dirname "$d")")
    sites_map="$sites_map    $d $d;"$'\n'
  done
  local extra_listen=""
  case "$LISTEN_ADDRESS" in 127.0.0.1|0.0.0.0) ;; *) extra_listen="    listen 127.0.0.1:$WEB_PORT default_server;"$'\n' ;; esac
  mkdir -p "$BENCH_DIR/config/nginx-temp" "$BENCH_DIR/config/nginx.d" "$BENCH_DIR/logs"
  chown "$BENCH_USER" "$BENCH_DIR/config/nginx-temp"
  cat > "$NGINX_CONF" <<NGINX
# nginx for the bench (scripts/common.sh write_nginx_conf); run by supervisor (sanfenlei-services.conf).
user $BENCH_USER;
worker_processes 2;
pid $BENCH_DIR/config/pids/nginx.pid;
error_log $BENCH_DIR/logs/nginx-error.log warn;
events { worker_connections 1024; }

http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log $BENCH_DIR/logs/nginx-access.log;
  client_body_temp_path $BENCH_DIR/config/nginx-temp/body;
  proxy_temp_path $BENCH_DIR/config/nginx-temp/proxy;
  fastcgi_temp_path $BENCH_DIR/config/nginx-temp/fastcgi;
  uwsgi_temp_path $BENCH_DIR/config/nginx-temp/uwsgi;
  scgi_temp_path $BENCH_DIR/config/nginx-temp/scgi;
  sendfile on;
  keepalive_timeout 65;
  server_tokens off;
  client_max_body_size 50m;
  gzip on;
  gzip_types text/css application/javascript application/json image/svg+xml text/plain;

  upstream frappe-server { server 127.0.0.1:$APP_PORT fail_timeout=0; }
  upstream socketio-server { server unix:$SOCKETIO_SOCK fail_timeout=0; }

  # the site is the host name the request was made to (never a header the client could choose)
  map \$host \$frappe_site {
    default $default_site;
$sites_map  }

  server {
    listen $LISTEN_ADDRESS:$WEB_PORT default_server;
$extra_listen    server_name _;
    root $BENCH_DIR/sites;
    include $BENCH_DIR/config/nginx.d/*.conf;

    proxy_buffer_size 128k;
    proxy_buffers 4 256k;
    proxy_busy_buffers_size 256k;
    add_header X-Frame-Options "SAMEORIGIN";
    add_header X-Content-Type-Options nosniff;
    add_header Referrer-Policy "same-origin, strict-origin-when-cross-origin";

    location /assets {
      try_files \$uri =404;
      add_header Cache-Control "max-age=31536000";
    }

    location ~ ^/protected/(.*) {
      internal;
      try_files /\$frappe_site/\$1 =404;
    }

    location /socket.io {
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection "upgrade";
      proxy_set_header X-Frappe-Site-Name \$frappe_site;
      proxy_set_header Origin \$scheme://\$http_host;
      proxy_set_header Host \$host;
      proxy_pass http://socketio-server;
    }

    location / {
      rewrite ^(.+)/\$ \$1 permanent;
      rewrite ^(.+)/index\.html\$ \$1 permanent;
      rewrite ^(.+)\.html\$ \$1 permanent;
      location ~* ^/files/.*\.(htm|html|svg|xml) {
        add_header Content-disposition "attachment";
        try_files /\$frappe_site/public/\$uri @webserver;
      }
      try_files /\$frappe_site/public/\$uri @webserver;
    }

    location @webserver {
      proxy_http_version 1.1;
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Frappe-Site-Name \$frappe_site;
      proxy_set_header Host \$host;
      proxy_set_header X-Use-X-Accel-Redirect True;
      proxy_read_timeout 120;
      proxy_redirect off;
      proxy_pass http://frappe-server;
    }
  }
}
NGINX
  /usr/sbin/nginx -t -c "$NGINX_CONF" >/dev/null 2>&1 || { /usr/sbin/nginx -t -c "$NGINX_CONF"; die "nginx configuration invalid"; }
  # the realtime server checks a browser's session by calling the site back at the browser's own
  # address: each site's name resolves to this machine
  for d in "$BENCH_DIR"/sites/*/site_config.json; do
    [ -f "$d" ] || continue
    d=$(basename "$(dirname "$d")")
    awk -v d="$d" '$1 == "127.0.0.1" { for (i = 2; i <= NF; i++) if ($i == d) found = 1 } END { exit !found }' /etc/hosts \
      || echo "127.0.0.1 $d" >> /etc/hosts
  done
}

# bench restarts the app's processes itself after get-app, update or migrate (bench's
# restart_supervisor_on_update, set by `bench setup supervisor`). It tries `supervisorctl status` as the
# bench user first and falls back to `sudo supervisorctl` only when that is refused. A minimal Debian has
# no sudo: the bench user is given supervisor's socket instead, as bench's own check_supervisord_config
# does ([unix_http_server] chown=USER:USER, chmod=0760). No sudo is installed or needed.
# Returns 0 when supervisord.conf changed (supervisord must then restart to re-create its socket).
allow_bench_restarts() {
  python3 "$REPO_DIR/scripts/supervisor_socket.py" "$SUPERVISOR_CONF" "$BENCH_USER"
}

supervisord_running() { supervisorctl -c "$SUPERVISOR_CONF" status >/dev/null 2>&1 || [ $? = 3 ]; }

# Write every configuration, start supervisor (or have it re-read), wait for MariaDB and Redis.
start_services() {
  is_root || die "the services are run by supervisor: run this as root (or with sudo)"
  mkdir -p "$BENCH_DIR/logs" "$BENCH_DIR/config/pids"; chown "$BENCH_USER" "$BENCH_DIR/logs" "$BENCH_DIR/config/pids"
  quiet_debian_services
  write_mariadb_conf
  write_services_conf
  write_frappe_supervisor_conf
  write_nginx_conf
  local socket_changed=""
  allow_bench_restarts && socket_changed=1
  ln -sf "$BENCH_DIR/config/supervisor.conf" /etc/supervisor/conf.d/frappe-bench.conf
  ln -sf "$BENCH_DIR/config/sanfenlei-services.conf" /etc/supervisor/conf.d/sanfenlei-services.conf
  local clock_mark="$BENCH_DIR/config/pids/supervisord.clock" clock="real"
  [ -z "${CLOCK_ENV:-}" ] || clock="$CLOCK_ENV $(cat "$CLOCK_FILE")"
  if supervisord_running && { [ -n "$socket_changed" ] || [ "$(cat "$clock_mark" 2>/dev/null || echo real)" != "$clock" ]; }; then
    say "重启 supervisor (restarting supervisord: its socket's owner or its clock changes; clock: $clock)"
    supervisorctl -c "$SUPERVISOR_CONF" shutdown >/dev/null 2>&1 || true
    # gone once its process has exited (its socket goes first)
    for _ in $(seq 1 120); do pgrep --ns $$ --nslist pid -f "bin/supervisord" >/dev/null || break; sleep 1; done
  fi
  if supervisord_running; then
    supervisorctl -c "$SUPERVISOR_CONF" update >/dev/null
  else
    # processes of the bench started by hand (an older set-up, or a crash of supervisord) would hold
    # the ports and the database files: they are stopped first
    if pkill --ns $$ --nslist pid,mnt -u "$BENCH_USER" -f "mariadbd --defaults-file=$MYSQL_DIR|redis-server 127.0.0.1|$BENCH_DIR/env/bin/gunicorn|frappe.utils.bench_helper frappe (worker|schedule)|$BENCH_DIR/apps/frappe/socketio.js"; then
      say "停止未受 supervisor 管理的旧进程 (stopping the bench's processes started outside supervisor)"
      for _ in $(seq 1 30); do mariadb_alive || break; sleep 1; done
    fi
    say "启动 supervisor (starting supervisord: MariaDB, Redis, web, workers, scheduler, realtime, nginx)"
    # with the environment a boot gives it, not the caller's: a test run's CI=true would make
    # Frappe's workers act as inside a unit test (e-mail marked sent, never sent)
    # (and on the test clock when TEST_CLOCK is set: every program inherits it)
    env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root ${CLOCK_ENV:-} \
      setsid supervisord -c "$SUPERVISOR_CONF" </dev/null >/dev/null 2>&1
    for _ in $(seq 1 30); do supervisord_running && break; sleep 0.5; done
    supervisord_running || die "supervisord did not start; see /var/log/supervisor/supervisord.log"
    echo "$clock" > "$clock_mark"
  fi
  supervisorctl -c "$SUPERVISOR_CONF" start sanfenlei-mariadb >/dev/null 2>&1 || true
  if [ -n "${MARIADB_CONF_CHANGED:-}" ]; then
    supervisorctl -c "$SUPERVISOR_CONF" restart sanfenlei-mariadb >/dev/null || die "MariaDB did not restart; see $MYSQL_DIR/mysqld.err"
  fi
  for _ in $(seq 1 90); do mariadb_alive && break; sleep 1; done
  mariadb_alive || die "MariaDB did not start; see $MYSQL_DIR/mysqld.err"
  if ! mariadb_running; then
    # A fresh data directory: root has no password yet.
    as_bench "mariadb --socket='$MYSQL_SOCK' -uroot <<SQL
ALTER USER 'root'@'localhost' IDENTIFIED BY '$DB_ROOT_PASSWORD';
CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '$DB_ROOT_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
FLUSH PRIVILEGES;
SQL" || true
  fi
  mariadb_running || die "MariaDB did not accept the root password; see $MYSQL_DIR/mysqld.err"
  local conf port
  for conf in redis_cache redis_queue; do
    port=$(awk '$1=="port"{print $2}' "$BENCH_DIR/config/$conf.conf")
    for _ in $(seq 1 40); do redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1 && break; sleep 0.5; done
    redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1 || die "Redis ($conf) did not start; see $BENCH_DIR/logs"
  done
}
start_mariadb() { start_services; }

# Restart the application's processes (web, workers, scheduler, realtime) and reload nginx.
restart_app() {
  write_nginx_conf
  supervisorctl -c "$SUPERVISOR_CONF" restart "$BENCH_NAME-web:*" "$BENCH_NAME-workers:*" >/dev/null
  supervisorctl -c "$SUPERVISOR_CONF" signal HUP sanfenlei-nginx >/dev/null 2>&1 || supervisorctl -c "$SUPERVISOR_CONF" restart sanfenlei-nginx >/dev/null
  local code
  for _ in $(seq 1 90); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$WEB_URL/login" || true)
    [ "$code" = 200 ] && { say "网站已启动 $WEB_URL (HTTP $code)"; return 0; }
    sleep 1
  done
  die "the site did not answer on $LISTEN_ADDRESS:$WEB_PORT; see $BENCH_DIR/logs/web.error.log and nginx-error.log"
}

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
  # (re)installed as bench get-app does (pip install -e, built by pyproject.toml's flit_core) when
  # the package is missing or its pyproject.toml changed since the last install
  local stamp="$BENCH_DIR/logs/sanfenlei_app-pyproject.sha256" want
  want=$(sha256sum "$dest/pyproject.toml" | cut -d' ' -f1)
  if ! as_bench "cd / && '$BENCH_DIR/env/bin/python' -c 'import sanfenlei_app'" >/dev/null 2>&1 \
      || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "安装应用到 bench (pip install -e apps/sanfenlei_app)"
    as_bench "cd '$BENCH_DIR' && ./env/bin/pip install -q -e apps/sanfenlei_app >'$BENCH_DIR/logs/pip-sanfenlei_app.log' 2>&1" \
      || { tail -20 "$BENCH_DIR/logs/pip-sanfenlei_app.log"; die "pip install of the app failed (log: $BENCH_DIR/logs/pip-sanfenlei_app.log)"; }
    echo "$want" > "$stamp"; chown "$BENCH_USER" "$stamp"
  fi
  local apps="$BENCH_DIR/sites/apps.txt"
  if ! grep -qx sanfenlei_app "$apps"; then
    [ -z "$(tail -c1 "$apps")" ] || echo >> "$apps"
    echo sanfenlei_app >> "$apps"
  fi
}

# A bench is whole once frappe is listed in sites/apps.txt and its assets are built (a `bench init`
# that failed half-way leaves apps/frappe behind without them).
bench_whole() { grep -qx frappe "$BENCH_DIR/sites/apps.txt" 2>/dev/null && [ -d "$BENCH_DIR/sites/assets/frappe" ] && [ -x "$BENCH_DIR/env/bin/python" ]; }

bench_cmd() { as_bench "cd '$BENCH_DIR' && bench $*"; }
# in_site SITE module.function ['{"json": "kwargs"}']: a function of scripts/site/ (benchmarks, the load run,
# the fault and backup checks, the README's pictures: outside the shipped package) run inside SITE; its result is the last line
in_site() {
  local site=$1 fn=$2 kwargs=${3:-"{}"}
  as_bench "cd '$BENCH_DIR/sites' && ../env/bin/python ../apps/sanfenlei_app/scripts/site/in_site.py --site '$site' '$fn' '$kwargs'"
}
