#!/usr/bin/env bash
# Proves the README's set-up on a new machine: builds a minimal Debian 12 root with Debian's own
# debootstrap, runs `bash scripts/setup.sh` inside it as root (no sudo, nothing installed by hand) in
# namespaces of its own (PID, mount, UTS and network: its own loopback, so its ports never clash with a
# bench running here; the way out to the package registries through slirp4netns, a user-mode network
# stack from Debian), then checks what a user checks: the login page answers, the demo users log in,
# the plain tests pass.  Not part of CI: it takes about 15-25 minutes.
#
#   bash scripts/check_new_machine.sh            (as root)
#
# What the new root gets from this machine, read at run time and written nowhere in the project:
# - the Debian sources of this machine's apt configuration (for debootstrap and the root's apt);
# - the certificate authorities this machine adds (/usr/local/share/ca-certificates) and the variables
#   naming its certificate bundle to each client (SSL_CERT_FILE, PIP_CERT, ...), for pip, uv and npm;
# - Frappe through FRAPPE_PATH as usual (a local checkout, mounted read-only at the same path), and the
#   redirects the bench user's git (url.<local>.insteadOf) and yarn (yarn-offline-mirror) configuration
#   here make for the two pieces Frappe's install fetches from GitHub: the same redirects, as the root's
#   system configuration (/etc/gitconfig, /etc/skel/.yarnrc), with what they point at mounted or copied in.
#
# Environment: CHECK_ROOT (default /var/tmp/sanfenlei-new-machine; made anew each run), KEEP_ROOT=1 (keep it
# afterwards), FRAPPE_PATH, BENCH_USER_HERE (frappe: whose git and yarn configuration is read), LOG_DIR.
# Prints each phase's time and a last line PASS or FAIL with the reason.
set -uo pipefail
REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=${CHECK_ROOT:-/var/tmp/sanfenlei-new-machine}
WEB_PORT=8000  # the README's, inside the root's own network namespace
HERE_USER=${BENCH_USER_HERE:-frappe}
LOG_DIR=${LOG_DIR:-/var/tmp/sanfenlei-new-machine-logs}
START=$(date +%s)
phase_start=$START
phases=()

say() { printf '\033[1;34m[new-machine]\033[0m %s\n' "$*"; }
fail() { report; echo "FAIL: $*"; exit 1; }
phase_done() { # name
  local now; now=$(date +%s)
  phases+=("$(printf '%-44s %5d s' "$1" $((now - phase_start)))")
  phase_start=$now
}
report() {
  echo
  say "phases (total $(( $(date +%s) - START )) s):"
  local p
  for p in "${phases[@]}"; do echo "  $p"; done
}

[ "$(id -u)" = 0 ] || { echo "FAIL: run as root (debootstrap, chroot and namespaces need it)"; exit 1; }
mkdir -p "$LOG_DIR"

# --- 0. this machine's Debian mirror, CAs and redirects ------------------------------------------
mirror=$(python3 - <<'PY'
import glob, re
uris = []
for path in sorted(glob.glob("/etc/apt/sources.list.d/*.sources")):
	for stanza in open(path).read().split("\n\n"):
		fields = dict(re.findall(r"^(\w[\w-]*):\s*(.*)$", stanza, re.M))
		if "bookworm" in fields.get("Suites", "").split() and fields.get("Types", "deb").startswith("deb"):
			uris += fields.get("URIs", "").split()
for path in ["/etc/apt/sources.list"] + sorted(glob.glob("/etc/apt/sources.list.d/*.list")):
	try:
		for line in open(path):
			m = re.match(r"\s*deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+bookworm\s", line)
			if m:
				uris.append(m.group(1))
	except OSError:
		pass
print(uris[0] if uris else "")
PY
)
[ -n "$mirror" ] || fail "no Debian bookworm mirror found in this machine's apt configuration"
say "Debian mirror (from this machine's apt configuration): $mirror"

git_redirects=$(runuser -u "$HERE_USER" -- git config --global --get-regexp '^url\..*\.insteadof$' 2>/dev/null || true)
yarn_mirror=""
for rc in "$(getent passwd "$HERE_USER" | cut -d: -f6)/.yarnrc" /etc/yarnrc; do
  [ -f "$rc" ] && yarn_mirror=$(sed -n 's/^yarn-offline-mirror *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$rc" | head -1)
  [ -n "$yarn_mirror" ] && break
done
FRAPPE_PATH=${FRAPPE_PATH:-}
[ -z "$FRAPPE_PATH" ] || [ -d "$FRAPPE_PATH/.git" ] || fail "FRAPPE_PATH=$FRAPPE_PATH is not a git checkout"

# --- 1. a minimal Debian 12 root ---------------------------------------------------------------------
for tool in debootstrap slirp4netns; do  # this machine's tools for the check (not the project's)
  command -v "$tool" >/dev/null || { say "apt-get install $tool"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null \
    || fail "$tool could not be installed"; }
done
cleanup_mounts() {
  local m
  for m in $(awk -v r="$ROOT" '$2 == r || index($2, r "/") == 1 { print $2 }' /proc/mounts | sort -r); do umount -l "$m" 2>/dev/null; done
}
cleanup_mounts
rm -rf "$ROOT"
say "debootstrap --variant=minbase bookworm $ROOT"
debootstrap --variant=minbase bookworm "$ROOT" "$mirror" > "$LOG_DIR/debootstrap.log" 2>&1 \
  || { tail -5 "$LOG_DIR/debootstrap.log"; fail "debootstrap failed (log: $LOG_DIR/debootstrap.log)"; }
phase_done "debootstrap (minimal Debian 12)"

# the root's apt reads the same Debian sources as this machine's
rm -f "$ROOT/etc/apt/sources.list"
for f in /etc/apt/sources.list.d/*.sources /etc/apt/sources.list; do
  [ -f "$f" ] && grep -q "bookworm" "$f" && grep -q -E "debian" "$f" && cp "$f" "$ROOT/etc/apt/sources.list.d/" 2>/dev/null
done
[ -f /etc/apt/sources.list ] && grep -q "^deb .*bookworm" /etc/apt/sources.list && cp /etc/apt/sources.list "$ROOT/etc/apt/sources.list"
ls "$ROOT"/etc/apt/sources.list.d/*.sources >/dev/null 2>&1 || [ -f "$ROOT/etc/apt/sources.list" ] \
  || echo "deb $mirror bookworm main" > "$ROOT/etc/apt/sources.list"
# keyrings that the copied sources name
grep -ho 'Signed-By: *\S*' "$ROOT"/etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | while read -r k; do
  [ -f "$k" ] && [ ! -f "$ROOT$k" ] && mkdir -p "$(dirname "$ROOT$k")" && cp "$k" "$ROOT$k"
done
echo "nameserver 10.0.2.3" > "$ROOT/etc/resolv.conf"  # slirp4netns's DNS, which asks this machine's
printf '127.0.0.1 localhost\n::1 localhost\n127.0.1.1 new-machine\n' > "$ROOT/etc/hosts"
echo new-machine > "$ROOT/etc/hostname"
if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
  mkdir -p "$ROOT/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$ROOT/usr/local/share/ca-certificates/"
fi
# what a minimal Debian lacks, checked: the README's claim is that the set-up needs none of it
for tool in sudo visudo python3 curl git node; do
  chroot "$ROOT" sh -c "command -v $tool" >/dev/null 2>&1 && say "note: the new root already has $tool"
done

# --- 2. the redirects: the same as this machine's, as the root's system configuration ---------------
binds=()
: > "$ROOT/etc/gitconfig"
if [ -n "$git_redirects" ]; then
  while read -r key value; do
    local_path=${key#url.}; local_path=${local_path%.insteadof}
    printf '[url "%s"]\n\tinsteadOf = %s\n' "$local_path" "$value" >> "$ROOT/etc/gitconfig"
    [ -d "$local_path" ] && binds+=("$local_path")
  done <<< "$git_redirects"
  printf '[safe]\n\tdirectory = *\n' >> "$ROOT/etc/gitconfig"
fi
if [ -n "$yarn_mirror" ] && [ -d "$yarn_mirror" ]; then
  mkdir -p "$ROOT$yarn_mirror"
  cp -a "$yarn_mirror"/. "$ROOT$yarn_mirror"/
  chmod 1777 "$ROOT$yarn_mirror"
  # yarn's fetcher reads the offline mirror from the user's own ~/.yarnrc (not /etc/yarnrc): the user
  # the set-up creates gets it from /etc/skel, as every new account does
  echo "yarn-offline-mirror \"$yarn_mirror\"" > "$ROOT/etc/skel/.yarnrc"
fi
[ -n "$FRAPPE_PATH" ] && binds+=("$FRAPPE_PATH")
say "carried in: ${#binds[@]} read-only folder(s) (FRAPPE_PATH and git redirects), yarn mirror: ${yarn_mirror:-none}"

# this machine's environment names its certificate bundle for each client (SSL_CERT_FILE, PIP_CERT,
# NODE_EXTRA_CA_CERTS, ...): a root user's shell there has the same
ca_env=$(env | grep -E '^[A-Z_]*(SSL_CERT|CA_BUNDLE|CA_CERTS|_CERT|CAINFO)[A-Z_]*=/' | grep -v '^PIP_FIND_LINKS' | tr '\n' ' ')

# the checkout, as a user would have it: a clone with this working tree (git and all)
mkdir -p "$ROOT/root/sanfenlei_app"
rsync -a --exclude test-artifacts --exclude node_modules --exclude __pycache__ \
  "$REPO_DIR/" "$ROOT/root/sanfenlei_app/" 2>/dev/null || cp -a "$REPO_DIR/." "$ROOT/root/sanfenlei_app/"
phase_done "root prepared (sources, CAs, redirects)"

# --- 3. the README's set-up command inside, in namespaces of its own --------------------------------
inner=$(cat <<INNER
set -u
ip link set lo up
for _ in \$(seq 1 100); do ip -4 addr show tap0 2>/dev/null | grep -q inet && break; sleep 0.2; done
ip -4 addr show tap0 2>/dev/null | grep -q inet || { echo "no network in the namespace"; exit 11; }
mount -t proc proc "$ROOT/proc"
mount -t sysfs sys "$ROOT/sys"
mount --rbind /dev "$ROOT/dev"
mount -t tmpfs -o size=2g tmpfs "$ROOT/dev/shm"
mount -t tmpfs tmpfs "$ROOT/run"
for b in ${binds[*]:-}; do mkdir -p "$ROOT\$b"; mount --bind -o ro "\$b" "$ROOT\$b"; done
hostname new-machine
exec chroot "$ROOT" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  LANG=C.UTF-8 TERM=dumb FRAPPE_PATH="$FRAPPE_PATH" $ca_env /bin/bash -c '
    set -u
    cd /root/sanfenlei_app
    t0=\$(date +%s)
    bash scripts/setup.sh > /root/setup.log 2>&1; rc=\$?
    echo "setup_rc=\$rc setup_s=\$(( \$(date +%s) - t0 ))" > /root/phase-setup
    [ \$rc = 0 ] || exit 10
    # what a user checks: the login page, the demo users logging in (through nginx)
    code=\$(curl -s -o /dev/null -w "%{http_code}" http://127.0.0.1:$WEB_PORT/login)
    echo "login_page=\$code" > /root/phase-checks
    for u in district street secretary member leader; do
      c=\$(curl -s -o /dev/null -w "%{http_code}" -X POST -d "usr=\$u@sanfenlei.local" --data-urlencode "pwd=Demo@2012" \
        http://127.0.0.1:$WEB_PORT/api/method/login)
      echo "login_\$u=\$c" >> /root/phase-checks
    done
    t1=\$(date +%s)
    ONLY=plain bash scripts/test.sh > /root/plain.log 2>&1; rc=\$?
    echo "plain_rc=\$rc plain_s=\$(( \$(date +%s) - t1 ))" > /root/phase-plain
    exit 0'
INNER
)
say "running scripts/setup.sh inside the new root (own PID, mount, UTS and network namespaces)"
unshare --pid --fork --mount --uts --net --propagation private bash -c "$inner" &
upid=$!
child=""
for _ in $(seq 1 50); do child=$(pgrep -P "$upid" | head -1); [ -n "$child" ] && break; sleep 0.1; done
[ -n "$child" ] || fail "the namespace's first process did not start"
slirp4netns --configure --mtu=65520 --disable-host-loopback "$child" tap0 > "$LOG_DIR/slirp4netns.log" 2>&1 &
slirp=$!
wait "$upid"
rc=$?
kill "$slirp" 2>/dev/null
cleanup_mounts
cp "$ROOT/root/setup.log" "$LOG_DIR/setup.log" 2>/dev/null
cp "$ROOT/root/plain.log" "$LOG_DIR/plain.log" 2>/dev/null
setup_line=$(cat "$ROOT/root/phase-setup" 2>/dev/null)
setup_s=$(sed -n 's/.*setup_s=\([0-9]*\).*/\1/p' <<< "$setup_line")
phases+=("$(printf '%-44s %5s s' "scripts/setup.sh inside (README's command 1)" "${setup_s:-?}")")
if [ "$rc" = 10 ] || ! grep -q "setup_rc=0" <<< "$setup_line"; then
  tail -25 "$LOG_DIR/setup.log" 2>/dev/null
  fail "scripts/setup.sh failed inside the new root (log: $LOG_DIR/setup.log)"
fi
[ "$rc" = 0 ] || fail "the run inside the new root ended with $rc"
checks=$(cat "$ROOT/root/phase-checks" 2>/dev/null)
plain_line=$(cat "$ROOT/root/phase-plain" 2>/dev/null)
plain_s=$(sed -n 's/.*plain_s=\([0-9]*\).*/\1/p' <<< "$plain_line")
phases+=("$(printf '%-44s %5s s' "plain tests inside (ONLY=plain scripts/test.sh)" "${plain_s:-?}")")
echo "$checks" | sed 's/^/  /'
grep -q "^login_page=200$" <<< "$checks" || fail "the login page did not answer 200 ($checks)"
bad=$(grep "^login_" <<< "$checks" | grep -v "^login_page" | grep -v "=200$")
[ -z "$bad" ] || fail "a demo user could not log in: $bad"
grep -E "passed|failed" "$LOG_DIR/plain.log" | tail -2 | sed 's/^/  /'
grep -q "plain_rc=0" <<< "$plain_line" || fail "the plain tests failed inside the new root (log: $LOG_DIR/plain.log)"
[ -n "${KEEP_ROOT:-}" ] || rm -rf "$ROOT"
report
echo "PASS: a minimal Debian 12 was set up by the README's command alone; the login page answers, 5 demo users log in, the plain tests pass"
