#!/usr/bin/env bash
# 三分类三升级: every test, one command.
#
#   sudo bash scripts/test.sh
#
# 1. plain tests (rules; no site)
# 2. integration tests on a fresh disposable site ($TEST_SITE) in the same bench
# 3. browser tests (Playwright driving Debian's Chromium, headless) against that site
# 4. faults (MariaDB killed inside a transition) and backup/restore compared, on that site (root)
#
# With CI=true a missing bench, database or browser is a failure, never a skip.
# Options: ONLY=plain|integration|browser|faults runs one level; KEEP_TEST_SITE=1 reuses the
# test site instead of recreating it (faster while developing); PYTEST_K=expr selects tests by name;
# TEST_CLOCK="2027-01-01 09:00" runs every level, the server's processes and the browser included, on a
# clock that starts at that moment in the site's time zone (libfaketime; see common.sh clock_env).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
CI=${CI:-}
ONLY=${ONLY:-}
ARTIFACTS=${ARTIFACTS:-$REPO_DIR/test-artifacts}
TESTS=tests
results=()
status=0
START=$(date +%s)
CLOCK_ENV=""
[ -z "${TEST_CLOCK:-}" ] || say "测试时钟 (test clock): $TEST_CLOCK $TIME_ZONE"

level_result() { # name rc
  if [ "$2" = 0 ]; then results+=("$1: PASSED"); else results+=("$1: FAILED (exit $2)"); status=1; fi
}

need_bench() {
  if bench_whole; then return 0; fi
  say "没有 bench ($BENCH_DIR)：先运行 scripts/setup.sh 构建 (no bench: building it)"
  if NO_DEMO=1 NO_SERVE=1 bash "$REPO_DIR/scripts/setup.sh"; then return 0; fi
  echo "无法构建 bench：见上面 scripts/setup.sh 的错误信息。集成测试和浏览器测试需要一个真实站点。"
  echo "(no Frappe bench at $BENCH_DIR and it could not be built; see the set-up errors above)"
  return 1
}

# ---------------------------------------------------------------- 1. plain tests
if [ -z "$ONLY" ] || [ "$ONLY" = plain ]; then
  say "== 1/3 纯规则测试 (plain tests, no site) =="
  PY=""
  if [ -x "$BENCH_DIR/env/bin/python" ] && "$BENCH_DIR/env/bin/python" -c 'import pytest' 2>/dev/null; then
    PY="$BENCH_DIR/env/bin/python"
  else
    venv=${TMPDIR:-/tmp}/sanfenlei-plain-venv
    "$venv/bin/python" -c 'import pytest, openpyxl, jinja2' 2>/dev/null \
      || { { [ -x "$venv/bin/python" ] || python3 -m venv "$venv"; } && "$venv/bin/pip" install -q pytest openpyxl jinja2; }
    PY="$venv/bin/python"
  fi
  # on TEST_CLOCK's day too (the plain tests need no site; libfaketime with the offset itself)
  clock_lib=$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -1)
  plain_clock=""
  [ -z "${TEST_CLOCK:-}" ] || [ -z "$clock_lib" ] || plain_clock="LD_PRELOAD=$clock_lib FAKETIME=$(clock_offset)"
  (cd "$REPO_DIR" && env $plain_clock "$PY" -m pytest -p no:cacheprovider -q "$TESTS/unit")
  level_result "plain tests" $?
fi

# ---------------------------------------------------------------- 2 and 3 need a site
if [ -z "$ONLY" ] || [ "$ONLY" != plain ]; then
  if ! need_bench; then
    if [ "$CI" = true ]; then level_result "integration tests" 1; else results+=("integration tests: NOT RUN (no bench)"); fi
  else
    mkdir -p "$(dirname "$CLOCK_FILE")"; clock_offset > "$CLOCK_FILE"; chown "$BENCH_USER" "$CLOCK_FILE"
    CLOCK_ENV=$(clock_env) || exit 1
    start_services
    sync_app
    if [ -z "${KEEP_TEST_SITE:-}" ] || [ ! -f "$BENCH_DIR/sites/$TEST_SITE/site_config.json" ]; then
      say "创建一次性测试站点 $TEST_SITE (fresh disposable test site)"
      if [ -d "$BENCH_DIR/sites/$TEST_SITE" ]; then
        bench_cmd "drop-site '$TEST_SITE' --force --no-backup --db-root-username root --db-root-password '$DB_ROOT_PASSWORD'" >/dev/null 2>&1
      fi
      # the disposable site's Administrator gets a random password: nobody logs in as it
      bench_cmd "new-site '$TEST_SITE' --db-root-username root --db-root-password '$DB_ROOT_PASSWORD' --admin-password '$(python3 -c 'import secrets; print(secrets.token_hex(16))')' --install-app sanfenlei_app" 2>&1 \
        | tr '\r' '\n' | grep -v -E '^Updating DocTypes|^$' 
      [ "${PIPESTATUS[0]}" = 0 ] || { echo "bench new-site $TEST_SITE failed"; }
    else
      bench_cmd "--site '$TEST_SITE' migrate" >/dev/null 2>&1 || echo "bench migrate $TEST_SITE failed"
    fi
    mkdir -p "$ARTIFACTS"; chmod 777 "$ARTIFACTS"
    # A small local SMTP server (aiosmtpd) catches the e-mail the site sends; the tests count it.
    MAILBOX="$ARTIFACTS/mailbox"; SMTP_PORT=${TEST_SMTP_PORT:-2525}
    pkill -f "aiosmtpd -n -l 127.0.0.1:$SMTP_PORT" 2>/dev/null || true
    rm -rf "$MAILBOX"; mkdir -p "$MAILBOX"/cur "$MAILBOX"/new "$MAILBOX"/tmp; chown -R "$BENCH_USER" "$MAILBOX"
    as_bench "setsid nohup '$BENCH_DIR/env/bin/python' -m aiosmtpd -n -l 127.0.0.1:$SMTP_PORT -c aiosmtpd.handlers.Mailbox '$MAILBOX' </dev/null >'$ARTIFACTS/smtp.log' 2>&1 &"
    for _ in $(seq 1 20); do (exec 3<>/dev/tcp/127.0.0.1/$SMTP_PORT) 2>/dev/null && break; sleep 0.5; done
    bench_cmd "--site '$TEST_SITE' sanfenlei-configure-site --smtp-server 127.0.0.1 --smtp-port $SMTP_PORT" >/dev/null
    bench_cmd "--site '$TEST_SITE' set-config host_name '$WEB_URL'" >/dev/null
    bench_cmd "--site '$TEST_SITE' set-config -p throttle_user_limit 100000" >/dev/null
    # the real scheduler runs the test site's events, Frappe's "all" events (the mail queue) every minute
    bench_cmd "--site '$TEST_SITE' set-config -p scheduler_interval 60" >/dev/null
    bench_cmd "--site '$TEST_SITE' enable-scheduler" >/dev/null
    [ -d "$BENCH_DIR/sites/assets/sanfenlei_app" ] || bench_cmd "build --app sanfenlei_app" >/dev/null
    # Every process serves every site of the bench; they are restarted so that none keeps the
    # configuration of a dropped test site, and nginx learns the new site's name.
    ( restart_app ) || level_result "web server" 1
    bench_cmd "--site '$TEST_SITE' clear-cache" >/dev/null 2>&1
    run_pytest() { # dir
      as_bench "cd '$BENCH_DIR/sites' && SANFENLEI_TEST_SITE='$TEST_SITE' SANFENLEI_WEB='$WEB_URL' \
        SANFENLEI_CLOCK_FILE='$CLOCK_FILE' SANFENLEI_APP_PROGRAMS='$BENCH_NAME-web: $BENCH_NAME-workers:' \
        SANFENLEI_ARTIFACTS='$ARTIFACTS' SANFENLEI_MAILBOX='$MAILBOX' SANFENLEI_BENCH='$BENCH_DIR' \
        $CLOCK_ENV ../env/bin/python -m pytest -p no:cacheprovider -q -rP ${PYTEST_K:+-k '$PYTEST_K'} \
        ../apps/sanfenlei_app/$TESTS/$1"
    }
    if [ -z "$ONLY" ] || [ "$ONLY" = integration ]; then
      say "== 2/3 集成测试 (integration tests on $TEST_SITE) =="
      run_pytest integration
      level_result "integration tests" $?
    fi
    if [ -z "$ONLY" ] || [ "$ONLY" = browser ]; then
      if ls "$REPO_DIR/$TESTS"/browser/test_*.py >/dev/null 2>&1; then
        say "== 3/3 浏览器测试 (browser tests, headless Chromium) =="
        run_pytest browser
        level_result "browser tests" $?
      else
        results+=("browser tests: none yet")
      fi
    fi
    if [ -z "$ONLY" ] || [ "$ONLY" = faults ]; then
      say "== 4/4 故障与备份恢复 (MariaDB killed inside a transition; backup and restore compared) =="
      ( bash "$REPO_DIR/scripts/fault_test.sh" "$TEST_SITE" && bash "$REPO_DIR/scripts/check_backup_restore.sh" "$TEST_SITE" ) \
        > "$ARTIFACTS/faults.log" 2>&1
      rc=$?
      grep -E "RESULT|fingerprints" "$ARTIFACTS/faults.log" || tail -5 "$ARTIFACTS/faults.log"
      level_result "faults and backup/restore" $rc
    fi
  fi
fi

pkill -f "aiosmtpd -n -l 127.0.0.1:${SMTP_PORT:-2525}" 2>/dev/null || true
if [ -n "${TEST_CLOCK:-}" ] && [ -n "$CLOCK_ENV" ] && supervisord_running; then  # the services go back to today
  echo "+0" > "$CLOCK_FILE"
  start_services >/dev/null && ( restart_app >/dev/null ) || echo "the services did not come back to today's clock"
fi
echo
[ -z "${TEST_CLOCK:-}" ] || say "测试时钟 (test clock): $TEST_CLOCK $TIME_ZONE"
say "== 结果 (results, $(( $(date +%s) - START )) s) =="
for r in "${results[@]}"; do echo "  $r"; done
exit $status
