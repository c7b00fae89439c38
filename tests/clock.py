"""The test stack's clock: a test that needs a certain day sets it for every process it talks to.

scripts/test.sh runs the whole stack (MariaDB, gunicorn, the workers, the scheduler, the realtime server)
and the tests under Debian's libfaketime, each process reading its offset from the real clock once, when
it starts, from SANFENLEI_CLOCK_FILE ("+0", or TEST_CLOCK's offset for a run on another day). A test that
needs a day of the campaign year uses ``stack_on(moment)``: the file gets that moment's offset and the web
and worker processes restart to read it; the test process follows through freezegun (ticking); on exit the
file and the processes go back. MariaDB keeps the run's clock: the app puts no SQL date function to use.
"""

import contextlib
import datetime
import os
import subprocess
import time

import requests

CLOCK_FILE = os.environ.get("SANFENLEI_CLOCK_FILE")
APP_PROGRAMS = os.environ.get("SANFENLEI_APP_PROGRAMS", "").split()
SUPERVISOR_CONF = "/etc/supervisor/supervisord.conf"
BASE_URL = os.environ.get("SANFENLEI_WEB", "http://127.0.0.1:8000")


def _read_offset():
	try:
		with open(CLOCK_FILE) as f:
			return int(f.read().strip() or 0)
	except (TypeError, OSError, ValueError):
		return 0


# what the run started with, read before any test moves it: this process runs that far from the real clock
RUN_OFFSET = _read_offset()


def site_now():
	"""The stack's now as a naive datetime in the site's time zone (what frappe.utils.now_datetime gives)."""
	import frappe.utils

	return frappe.utils.now_datetime()


def day_in_tracking_phase():
	"""A moment in 推动晋位升级 (April to November, the notice's tracking phase): 15 June, 10:00 site time, of
	the latest year in which that moment is not after the run's now, so a test moves the clock back (sessions
	made before it stay valid). Returns a naive datetime in the site's time zone."""
	now = site_now()
	moment = datetime.datetime(now.year, 6, 15, 10, 0)
	return moment if moment <= now else moment.replace(year=now.year - 1)


def _supervisorctl(*args):
	return subprocess.run(["supervisorctl", "-c", SUPERVISOR_CONF, *args], capture_output=True, text=True, timeout=180)


def _restart_app_processes():
	"""Restarts the web and worker programs and waits until each runs and the site answers; a program
	that did not come up at once (supervisor's spawn error, e.g. a socket not yet released) is started
	again. Raises RuntimeError when they do not come up within two minutes."""
	_supervisorctl("restart", *APP_PROGRAMS)
	deadline = time.monotonic() + 120
	while time.monotonic() < deadline:
		status = _supervisorctl("status", *APP_PROGRAMS).stdout.splitlines()
		down = [line.split()[0] for line in status if line.split() and line.split()[1] != "RUNNING"]
		if not down:
			break
		if any(line.split()[1] in ("FATAL", "EXITED", "BACKOFF", "STOPPED") for line in status if line.split()):
			_supervisorctl("start", *down)
		time.sleep(1)
	else:
		raise RuntimeError(f"programs not running two minutes after moving the clock: {down}")
	while time.monotonic() < deadline:
		try:
			if requests.get(f"{BASE_URL}/api/method/ping", timeout=5).status_code == 200:
				return
		except requests.RequestException:
			pass
		time.sleep(0.5)
	raise RuntimeError("the web server did not answer within 120 s of moving the clock")


def _write_offset(offset):
	with open(CLOCK_FILE, "w") as f:
		f.write(f"{offset:+d}\n")


@contextlib.contextmanager
def stack_on(moment):
	"""Runs the body with the web server, the workers, the scheduler and this process at ``moment`` (a naive
	datetime in the site's time zone), the clock ticking on from there. Raises RuntimeError when the stack
	is not on a test clock (scripts/test.sh sets it up) or the web server does not come back."""
	import frappe.utils
	import pytz
	from freezegun import freeze_time

	if not CLOCK_FILE or not APP_PROGRAMS:
		raise RuntimeError("no test clock: run the tests with scripts/test.sh")
	zone = pytz.timezone(frappe.utils.get_system_timezone())
	target = zone.localize(moment)
	real_now = time.time() - RUN_OFFSET
	_write_offset(round(target.timestamp() - real_now))
	try:
		_restart_app_processes()
		with freeze_time(target.astimezone(pytz.utc), tick=True):
			yield moment
	finally:
		_write_offset(RUN_OFFSET)
		_restart_app_processes()
