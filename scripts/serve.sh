#!/usr/bin/env bash
# Start / stop the web server (gunicorn on 127.0.0.1:$WEB_PORT), a background worker and
# the realtime (socket.io) server for the bench.  Usage: scripts/serve.sh start|stop|restart|status
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
PIDS="$BENCH_DIR/config/pids"
WORKERS=${WEB_WORKERS:-3}

stop() {
  for p in web worker socketio; do
    if [ -f "$PIDS/$p.pid" ]; then
      kill "$(cat "$PIDS/$p.pid")" 2>/dev/null || true
      rm -f "$PIDS/$p.pid"
    fi
  done
}

start() {
  start_services
  mkdir -p "$PIDS"; chown "$BENCH_USER" "$PIDS"
  as_bench "cd '$BENCH_DIR/sites' && nohup ../env/bin/gunicorn -b 127.0.0.1:$WEB_PORT -w $WORKERS -t 120 \
    --pid '$PIDS/web.pid' sanfenlei_app.wsgi:application >>'$BENCH_DIR/logs/web.log' 2>&1 &"
  as_bench "cd '$BENCH_DIR' && nohup bench worker >>'$BENCH_DIR/logs/worker.log' 2>&1 & echo \$! > '$PIDS/worker.pid'"
  as_bench "cd '$BENCH_DIR' && nohup node apps/frappe/socketio.js >>'$BENCH_DIR/logs/socketio.log' 2>&1 & echo \$! > '$PIDS/socketio.pid'"
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
