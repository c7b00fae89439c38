#!/usr/bin/env bash
# The service: every process of the bench under supervisor (scripts/common.sh start_services).
#   scripts/serve.sh start     MariaDB, Redis, web (gunicorn), workers, scheduler, realtime, nginx
#   scripts/serve.sh stop      stop them all (supervisord itself keeps running)
#   scripts/serve.sh restart   restart the application's processes, reload nginx
#   scripts/serve.sh status    every process and its state, then the site's answer
# Logs: $BENCH_DIR/logs/ (web.log, web.error.log, worker.log, schedule.log, node-socketio.log,
# mariadb.log, nginx-access.log, nginx-error.log, redis-*.log).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
is_root || die "run as root (or with sudo): the processes are run by supervisor"

case "${1:-start}" in
  start|restart) start_services; restart_app ;;
  stop) supervisorctl -c "$SUPERVISOR_CONF" stop all ;;
  status)
    supervisorctl -c "$SUPERVISOR_CONF" status || true
    curl -s -o /dev/null -w "$WEB_URL: HTTP %{http_code}\n" "$WEB_URL/login" || true ;;
  *) die "usage: $0 start|stop|restart|status" ;;
esac
