#!/usr/bin/env bash
# Start / stop the web server (gunicorn on 127.0.0.1:$WEB_PORT), a background worker and
# the realtime (socket.io) server for the bench.  Usage: scripts/serve.sh start|stop|restart|status
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
WORKERS=${WEB_WORKERS:-3}

# Processes are found again by their command line, which names this bench's paths.
WEB_CMD="$BENCH_DIR/env/bin/gunicorn -b 127.0.0.1:$WEB_PORT"
WORKER_CMD="$BENCH_DIR/env/bin/python -m frappe.utils.bench_helper frappe worker"
SOCKETIO_CMD="node $BENCH_DIR/apps/frappe/socketio.js"

launch() { # log-name command...
  local name=$1; shift
  as_bench "cd '$BENCH_DIR/sites' && setsid nohup $* </dev/null >>'$BENCH_DIR/logs/$name.log' 2>&1 &"
}

stop() {
  pkill -u "$BENCH_USER" -f "$WEB_CMD" || true
  pkill -u "$BENCH_USER" -f "$WORKER_CMD" || true
  pkill -u "$BENCH_USER" -f "$SOCKETIO_CMD" || true
  for _ in $(seq 1 20); do
    curl -s -o /dev/null "http://127.0.0.1:$WEB_PORT/login" || break
    sleep 0.5
  done
}

start() {
  start_services
  mkdir -p "$BENCH_DIR/logs"
  launch web "$WEB_CMD" -w "$WORKERS" -t 120 sanfenlei_app.wsgi:application
  launch worker "$WORKER_CMD"
  launch socketio "$SOCKETIO_CMD"
  for _ in $(seq 1 60); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$WEB_PORT/login" || true)
    [ "$code" = 200 ] && { say "网站已启动 http://127.0.0.1:$WEB_PORT (HTTP $code)"; return 0; }
    sleep 1
  done
  die "web server did not answer on 127.0.0.1:$WEB_PORT; see $BENCH_DIR/logs/web.log"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  restart) stop; sleep 1; start ;;
  status) curl -s -o /dev/null -w 'HTTP %{http_code}\n' "http://127.0.0.1:$WEB_PORT/login" ;;
  *) die "usage: $0 start|stop|restart|status" ;;
esac
