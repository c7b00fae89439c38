#!/usr/bin/env bash
# 三分类三升级 (sanfenlei_app): one-command set-up on Debian 12.
#
#   bash scripts/setup.sh          (as root; or `sudo bash scripts/setup.sh`)
#
# Installs what is missing, builds a Frappe v15 bench as a non-root user (user `frappe`,
# bench at /home/frappe/frappe-bench unless BENCH_DIR says otherwise), runs every process
# under supervisor (MariaDB, Redis, gunicorn, workers, scheduler, realtime, nginx; see
# scripts/common.sh), installs this checkout, creates the site sanfenlei.localhost (language
# zh, Asia/Shanghai, hardened System Settings, scheduler on), loads the demo district and
# serves it through nginx on 127.0.0.1:8000.  Safe to run again: a second run reuses what exists.
#
# Environment: BENCH_DIR, FRAPPE_PATH (local frappe checkout passed to
# `bench init --frappe-path`), FRAPPE_BRANCH, SITE, ADMIN_PASSWORD, DB_ROOT_PASSWORD,
# WEB_PORT, LISTEN_ADDRESS (nginx's address, default 127.0.0.1), APP_PORT, DB_PORT, REDIS_CACHE_PORT,
# REDIS_QUEUE_PORT, TIME_ZONE,
# SMTP_SERVER / SMTP_PORT / SMTP_LOGIN / SMTP_PASSWORD / MAIL_FROM (outgoing e-mail),
# NO_DEMO=1 (skip demo data), NO_SERVE=1 (do not start the application's processes).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
START=$(date +%s)

SUDO=""
is_root || SUDO="sudo"

# 1. System packages -------------------------------------------------------------------
PKGS=(git curl rsync mariadb-server mariadb-client redis-server python3.11 python3.11-venv
      python3.11-dev python3-pip build-essential pkg-config libffi-dev libssl-dev libmariadb-dev
      wkhtmltopdf xfonts-75dpi xfonts-base fonts-noto-cjk fonts-wqy-zenhei fonts-arphic-uming cron chromium
      poppler-utils supervisor nginx faketime procps)
missing=()
for p in "${PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
node_major=$( (node --version 2>/dev/null || echo v0) | sed 's/^v\([0-9]*\).*/\1/')
[ "$node_major" -ge 18 ] || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  say "安装系统软件包 (apt-get install ${missing[*]})"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
is_root || exec sudo -E env "PATH=$PATH" BENCH_USER="$BENCH_USER" BENCH_DIR="$BENCH_DIR" bash "$0" "$@"  # the services need root from here on
command -v yarn >/dev/null 2>&1 || { say "安装 yarn (npm install -g yarn)"; $SUDO npm install -g -s yarn; }

# 2. The bench user ----------------------------------------------------------------------
if ! id "$BENCH_USER" >/dev/null 2>&1; then
  say "创建用户 $BENCH_USER (bench refuses to run as root)"
  $SUDO useradd -m -s /bin/bash "$BENCH_USER"
  BENCH_HOME=$(getent passwd "$BENCH_USER" | cut -d: -f6)
fi
$SUDO chmod o+x "$BENCH_HOME"
parent=$(dirname "$BENCH_DIR")
if [ ! -d "$parent" ]; then $SUDO mkdir -p "$parent" && $SUDO chown "$BENCH_USER" "$parent"; fi

# 3. bench CLI (frappe-bench from PyPI, in its own venv) ----------------------------------
if [ ! -x "$BENCH_HOME/.bench-cli/bin/bench" ]; then
  say "安装 frappe-bench (pip install frappe-bench)"
  as_bench "$PYTHON_BIN -m venv ~/.bench-cli && ~/.bench-cli/bin/pip install -q --upgrade pip && ~/.bench-cli/bin/pip install -q frappe-bench"
fi

# 4. bench init --------------------------------------------------------------------------
if ! bench_whole; then
  if [ -d "$BENCH_DIR" ]; then
    say "发现未完成的 bench，移到 $BENCH_DIR.broken-$START (incomplete bench moved aside)"
    mv "$BENCH_DIR" "$BENCH_DIR.broken-$START"
  fi
  init_args="--frappe-branch $FRAPPE_BRANCH --python $PYTHON_BIN"
  [ -n "$FRAPPE_PATH" ] && init_args="$init_args --frappe-path $FRAPPE_PATH"
  say "bench init $init_args $BENCH_DIR (takes several minutes)"
  as_bench "cd '$(dirname "$BENCH_DIR")' && bench init $init_args '$BENCH_DIR'" \
    || die "bench init failed. Frappe comes from the official repository; on a machine without access to it set FRAPPE_PATH to a local frappe checkout (branch $FRAPPE_BRANCH)."
fi
# Frappe v15 still imports pkg_resources.
as_bench "'$BENCH_DIR/env/bin/python' -c 'import setuptools, sys; sys.exit(int(setuptools.__version__.split(\".\")[0]) >= 81)'" \
  || as_bench "'$BENCH_DIR/env/bin/pip' install -q 'setuptools<81'"
# the test command's tools: pytest, Playwright (driving Debian's Chromium), freezegun (Frappe's own
# clock control in tests), aiosmtpd (the small SMTP server that catches the reminders' e-mail)
as_bench "'$BENCH_DIR/env/bin/python' -c 'import pytest, playwright, freezegun, aiosmtpd'" >/dev/null 2>&1 \
  || as_bench "'$BENCH_DIR/env/bin/pip' install -q 'pytest>=8' 'playwright>=1.40' 'freezegun~=1.2.2' 'aiosmtpd>=1.4'"

# 5. Services ----------------------------------------------------------------------------
# Redis's ports: bench init takes 13000 and 11000, or the next free after a sibling bench's
if [ -n "${REDIS_CACHE_PORT:-}" ] || [ -n "${REDIS_QUEUE_PORT:-}" ]; then
  [ -z "${REDIS_CACHE_PORT:-}" ] || { bench_cmd "set-config -g redis_cache redis://127.0.0.1:$REDIS_CACHE_PORT" >/dev/null
    bench_cmd "set-config -g redis_socketio redis://127.0.0.1:$REDIS_CACHE_PORT" >/dev/null; }
  [ -z "${REDIS_QUEUE_PORT:-}" ] || bench_cmd "set-config -g redis_queue redis://127.0.0.1:$REDIS_QUEUE_PORT" >/dev/null
  bench_cmd "setup redis" >/dev/null || die "bench setup redis failed"
fi
bench_cmd "set-config -g db_host 127.0.0.1" >/dev/null
bench_cmd "set-config -g db_port $DB_PORT" >/dev/null
bench_cmd "set-config -g -p webserver_port $APP_PORT" >/dev/null   # gunicorn, behind nginx
bench_cmd "set-config -g -p live_reload False" >/dev/null
start_services

# 6. The app -----------------------------------------------------------------------------
sync_app

# 7. The site ----------------------------------------------------------------------------
if [ ! -f "$BENCH_DIR/sites/$SITE/site_config.json" ]; then
  say "创建站点 $SITE"
  bench_cmd "new-site '$SITE' --db-root-username root --db-root-password '$DB_ROOT_PASSWORD' --admin-password '$ADMIN_PASSWORD' --install-app sanfenlei_app --set-default" \
    || { bench_cmd "drop-site '$SITE' --force --no-backup --db-root-username root --db-root-password '$DB_ROOT_PASSWORD'" >/dev/null 2>&1 || true
         die "bench new-site failed (the half-made site was dropped; see the messages above)"; }
else
  bench_cmd "--site '$SITE' list-apps" | grep -q sanfenlei_app || bench_cmd "--site '$SITE' install-app sanfenlei_app"
  say "更新站点 $SITE (bench migrate)"
  bench_cmd "--site '$SITE' migrate" >/dev/null || die "bench migrate failed"
  bench_cmd "use '$SITE'" >/dev/null
fi
mail_args=""
if [ -n "${SMTP_SERVER:-}" ]; then
  mail_args="--smtp-server '$SMTP_SERVER' --smtp-port '${SMTP_PORT:-25}'"
  [ -n "${SMTP_LOGIN:-}" ] && mail_args="$mail_args --smtp-login '$SMTP_LOGIN' --smtp-password '${SMTP_PASSWORD:-}'"
  [ -n "${MAIL_FROM:-}" ] && mail_args="$mail_args --mail-from '$MAIL_FROM'"
fi
bench_cmd "--site '$SITE' sanfenlei-configure-site --time-zone '$TIME_ZONE' $mail_args"
bench_cmd "--site '$SITE' enable-scheduler" >/dev/null
bench_cmd "--site '$SITE' set-maintenance-mode off" >/dev/null
# Links in e-mails and the PDF renderer (wkhtmltopdf fetches the print CSS) use this address.
bench_cmd "--site '$SITE' set-config host_name '$WEB_URL'" >/dev/null
# A district creates its secretaries' accounts by the hundred; Frappe's sign-up throttle
# (60 new users an hour) is meant for public sign-ups.
bench_cmd "--site '$SITE' set-config -p throttle_user_limit 100000" >/dev/null
[ -d "$BENCH_DIR/sites/assets/sanfenlei_app" ] || bench_cmd "build --app sanfenlei_app" >/dev/null

# 8. Demo data ---------------------------------------------------------------------------
if [ -z "${NO_DEMO:-}" ]; then
  bench_cmd "--site '$SITE' sanfenlei-demo --sheets"
fi

# 9. Web server --------------------------------------------------------------------------
if [ -z "${NO_SERVE:-}" ]; then
  restart_app
else  # the data services stay up; the application's processes wait for `scripts/serve.sh start`
  supervisorctl -c "$SUPERVISOR_CONF" stop "$BENCH_NAME-web:*" "$BENCH_NAME-workers:*" sanfenlei-nginx >/dev/null || true
fi

say "完成 (done in $(( $(date +%s) - START )) s)"
if [ -z "${NO_SERVE:-}" ]; then
  cat <<MSG

  三分类三升级 已启动:  $WEB_URL/login   (site $SITE; scripts/serve.sh status|stop|restart)
  Administrator / $ADMIN_PASSWORD ; demo users: see README.md (password Demo@2012)
MSG
fi
