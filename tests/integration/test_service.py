"""The always-on service (issue 15): the real scheduler's events, the reminders as notification
and e-mail, the site's clock in the database and in the jobs, processes restarted by supervisor,
and nothing listening beyond the loopback address.

The test command runs these against the bench's processes as scripts/common.sh sets them up
(supervisor, nginx, the scheduler enabled for the test site) and a small local SMTP server
(aiosmtpd) that keeps what arrives in $SANFENLEI_MAILBOX.
"""

import getpass
import mailbox
import os
import socket
import time
from email.header import decode_header, make_header

import frappe
import psutil
import pytest
from frappe.utils import add_days, nowdate

from .conftest import make_user, uid
from .test_status_survey import year

BENCH = os.environ.get("SANFENLEI_BENCH", os.path.dirname(os.getcwd()))
MAILBOX = os.environ.get("SANFENLEI_MAILBOX")


def wait_for(check, seconds, every=2):
	deadline = time.monotonic() + seconds
	while time.monotonic() < deadline:
		frappe.db.rollback()
		found = check()
		if found:
			return found
		time.sleep(every)
	return check()


def mails_about(text):
	if not MAILBOX or not os.path.isdir(MAILBOX):
		return []
	out = []
	for message in mailbox.Maildir(MAILBOX):
		subject = str(make_header(decode_header(message.get("Subject", ""))))
		body = message.get_payload(decode=True) if not message.is_multipart() else b"".join(
			p.get_payload(decode=True) or b"" for p in message.walk() if not p.is_multipart())
		if text in subject or text in (body or b"").decode("utf-8", "replace"):
			out.append((message.get("To"), subject))
	return out


@pytest.fixture(scope="module")
def sheet_due_in_three_days():
	from .conftest import Tree

	frappe.set_user("Administrator")
	t = Tree()
	street = t.street(t.district(), "提醒街道")
	secretary = make_user(f"remind-{uid()}@test.local", ["Organization Secretary"])
	org = t.org("提醒社区", "Grassroots", street.name, domain="Community", secretary_user=secretary)
	year()
	sheet = frappe.get_doc({"doctype": "Assessment Sheet", "organization": org.name, "campaign_year": year(),
		"phase": "Initial"}).insert()
	sheet.db_set({"due_date": add_days(nowdate(), 3), "is_overdue": 0})
	frappe.db.commit()
	assert sheet.current_owner_email == secretary  # the secretary acts in 草稿
	return frappe._dict(sheet=sheet.name, secretary=secretary)


DAILY_ALERTS = "frappe.email.doctype.notification.notification.trigger_daily_alerts"


def test_reminder_from_the_real_schedulers_daily_event(sheet_due_in_three_days):
	"""The real scheduler runs its daily event (the job's last run is set back two days, so the
	running scheduler process finds it due at its next tick and a worker runs it): the secretary
	gets the system notification, and the e-mail reaches the SMTP server when the scheduler's
	own "all" event flushes the mail queue."""
	s = sheet_due_in_three_days
	assert frappe.db.get_single_value("System Settings", "enable_scheduler"), "the scheduler is off on the test site"
	job = frappe.db.get_value("Scheduled Job Type", {"method": DAILY_ALERTS}, ["name", "frequency", "last_execution"], as_dict=True)
	assert job and job.frequency.startswith("Daily"), job
	frappe.db.set_value("Scheduled Job Type", job.name, "last_execution", add_days(frappe.utils.now_datetime(), -2))
	frappe.db.commit()
	ran = wait_for(lambda: (frappe.db.get_value("Scheduled Job Type", job.name, "last_execution") or job.last_execution)
		> add_days(frappe.utils.now_datetime(), -1), 180)
	assert ran, "the scheduler did not run the daily event within 180 s"
	logged = wait_for(lambda: frappe.db.exists("Notification Log", {"for_user": s.secretary, "document_name": s.sheet}), 120)
	assert logged, "no system notification from the daily event within 120 s"
	subject = frappe.db.get_value("Notification Log", logged, "subject")
	assert "截止" in subject and frappe.utils.strip_html(subject)
	queued = frappe.db.get_value("Email Queue", {"reference_name": s.sheet}, ["name", "status"], as_dict=True)
	assert queued, "the reminder was not queued as e-mail"
	arrived = wait_for(lambda: mails_about(s.sheet), 240, every=5)
	print(f"\nreminder: notification {logged}, e-mail {queued.name} -> {arrived}")
	status = frappe.db.get_value("Email Queue", queued.name, ["status", "retry", "error"], as_dict=True)
	assert arrived and s.secretary in arrived[0][0], (
		f"no e-mail reached the SMTP server within 240 s (queue: {status.status}, retry {status.retry}, "
		f"{(status.error or '')[-300:]})")


def test_the_database_keeps_the_sites_clock():
	"""MariaDB's time zone is the site's (Asia/Shanghai, +08:00): its today is the site's today."""
	offset = frappe.db.sql("select timediff(now(), utc_timestamp())")[0][0]
	assert str(offset) in ("8:00:00", "08:00:00"), offset
	assert str(frappe.db.sql("select curdate()")[0][0]) == nowdate()
	assert frappe.db.get_single_value("System Settings", "time_zone") == "Asia/Shanghai"
	assert frappe.db.get_value("User", "Administrator", "time_zone") == "Asia/Shanghai"
	user = make_user(f"tz-{uid()}@test.local", ["Organization Secretary"])
	assert frappe.db.get_value("User", user, "time_zone") == "Asia/Shanghai"


def test_overdue_flag_agrees_at_one_in_the_morning_beijing_time():
	"""At 01:00 on 04-19 in Beijing (17:00 on 04-18 UTC) a sheet due on 04-18 is overdue, one due
	on 04-19 is not; the flag set on save and the daily job's flag agree."""
	from freezegun import freeze_time

	from sanfenlei_app.sanfenlei_app.doctype.assessment_sheet.assessment_sheet import mark_overdue_sheets

	from .conftest import Tree

	t = Tree()
	street = t.street(t.district(), "逾期街道")
	orgs = [t.org(f"逾期社区{i}", "Grassroots", street.name, domain="Community") for i in range(2)]
	year()
	names = []
	for org in orgs:
		names.append(frappe.get_doc({"doctype": "Assessment Sheet", "organization": org.name, "campaign_year": year(),
			"phase": "Initial"}).insert().name)
	with freeze_time("2012-04-18 17:00:00"):  # UTC
		assert frappe.utils.nowdate() == "2012-04-19"
		flags = {}
		for name, due in zip(names, ("2012-04-18", "2012-04-19")):
			frappe.db.set_value("Campaign Year", year(), "classification_list_due", due)
			doc = frappe.get_doc("Assessment Sheet", name)
			doc.save()  # the flag as a save sets it
			flags[name] = [doc.is_overdue]
		mark_overdue_sheets()  # the daily job's flag
		for name in names:
			flags[name].append(frappe.db.get_value("Assessment Sheet", name, "is_overdue"))
	frappe.db.rollback()
	assert [flags[n] for n in names] == [[1, 1], [0, 0]], flags


def bench_processes(pattern):
	me = getpass.getuser()  # the tests run as the bench's user
	return [p for p in psutil.process_iter(["pid", "cmdline", "username"])
		if pattern in " ".join(p.info["cmdline"] or []) and p.info["username"] == me]


def test_a_killed_worker_is_running_again_within_ten_seconds():
	"""supervisor restarts a background worker killed with SIGKILL."""
	pattern = "worker --queue short"
	before = bench_processes(pattern)
	assert before, "no short-queue worker is running (is supervisor running the bench?)"
	victim = min(before, key=lambda p: p.info["pid"])
	victim.kill()
	started = time.monotonic()
	while time.monotonic() - started < 10:
		now = [p for p in bench_processes(pattern) if p.info["pid"] != victim.info["pid"]]
		if len(now) >= len(before):
			break
		time.sleep(0.2)
	took = time.monotonic() - started
	print(f"\nworker {victim.info['pid']} killed; {len(now)} running again after {took:.1f} s")
	assert len(now) >= len(before) and took < 10


# What a test run exports (CI=true, the tests' own settings) must not reach the service: Frappe's
# workers treat CI as "inside a unit test" (frappe.utils.background_jobs.execute_job sets
# frappe.flags.in_test), and then mark e-mail "Sent" without ever talking to the SMTP server.
TEST_RUN_VARIABLES = ("CI", "PYTEST_CURRENT_TEST", "PYTEST_K", "ONLY", "KEEP_TEST_SITE", "ARTIFACTS")


def test_no_service_process_carries_the_test_runs_environment():
	"""Every process supervisor runs for the bench (web, workers, scheduler, realtime, Redis,
	MariaDB) has the environment production gives it: none of the test run's variables."""
	me = getpass.getuser()
	supervisors = [p for p in psutil.process_iter(["pid", "name", "cmdline"])
		if "supervisord" in " ".join(p.info["cmdline"] or [])]
	assert supervisors, "supervisord is not running"
	covered, unreadable, carrying = [], [], []
	for sup in supervisors:
		for proc in sup.children(recursive=True):
			try:
				env, name, user = proc.environ(), proc.name(), proc.username()
			except psutil.AccessDenied:
				unreadable.append(proc.name())
				continue
			except psutil.NoSuchProcess:
				continue
			covered.append(name)
			leaked = sorted(k for k in env if k in TEST_RUN_VARIABLES or k.startswith("SANFENLEI_"))
			if leaked:
				carrying.append((proc.pid, name, user, leaked))
	print(f"\nenvironment of {len(covered)} service processes read ({', '.join(sorted(set(covered)))}); "
		f"not readable by {me}: {sorted(set(unreadable))}")
	kinds = " ".join(covered)
	for needed in ("gunicorn", "redis-server", "mariadbd", "node"):
		assert needed in kinds, f"no {needed} process under supervisor: {sorted(set(covered))}"
	assert sum("python" in n or "frappe" in n or "bench" in n for n in covered) >= 3, covered  # workers, scheduler
	assert not carrying, f"service processes carrying the test run's environment: {carrying}"


def listening_sockets():
	"""(address, port, process) of every TCP socket listening on this machine that belongs to a
	process whose descriptors this user may read (the bench's processes, nginx's workers)."""
	inodes = {}
	for proc in psutil.process_iter(["pid", "name"]):
		try:
			for fd in os.listdir(f"/proc/{proc.pid}/fd"):
				link = os.readlink(f"/proc/{proc.pid}/fd/{fd}")
				if link.startswith("socket:["):
					inodes[link[8:-1]] = proc.info["name"]
		except (PermissionError, FileNotFoundError, ProcessLookupError):
			continue
	out = []
	for table, family in (("/proc/net/tcp", socket.AF_INET), ("/proc/net/tcp6", socket.AF_INET6)):
		for line in open(table).read().splitlines()[1:]:
			fields = line.split()
			if fields[3] != "0A" or fields[9] not in inodes:  # 0A: LISTEN
				continue
			hex_addr, hex_port = fields[1].split(":")
			raw = bytes.fromhex(hex_addr)
			raw = raw[::-1] if family == socket.AF_INET else b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))
			out.append((socket.inet_ntop(family, raw), int(hex_port, 16), inodes[fields[9]]))
	return out


def test_nothing_listens_beyond_the_loopback_address():
	"""Every port of the bench's processes (gunicorn, Redis, MariaDB, nginx, ...) is on 127.0.0.1
	or ::1; the realtime server listens on a Unix socket, not on a port."""
	sockets = listening_sockets()
	print("\nlistening: " + ", ".join(f"{a}:{p} ({n})" for a, p, n in sorted(sockets, key=lambda s: s[1])))
	conf = frappe.get_conf()
	expected = {int(os.environ.get("SANFENLEI_WEB", "http://127.0.0.1:8000").rsplit(":", 1)[-1]),  # nginx
		int(conf.webserver_port), int(conf.db_port or 3306),  # gunicorn, MariaDB
		int(conf.redis_cache.rsplit(":", 1)[-1]), int(conf.redis_queue.rsplit(":", 1)[-1])}
	assert expected <= {p for _a, p, _n in sockets}, f"not all of {sorted(expected)} seen: {sockets}"
	outside = [(a, p, n) for a, p, n in sockets if a not in ("127.0.0.1", "::1")]
	assert not outside, outside
	assert not any(n == "node" for _a, _p, n in sockets), "the realtime server listens on a TCP port"


def test_without_a_mail_account_the_reminder_is_still_a_notification(sheet_due_in_three_days):
	"""A district without an outgoing mail server still gets its reminders (as system
	notifications); with one, they go out as e-mail too."""
	from frappe.email.doctype.notification.notification import trigger_daily_alerts

	s = sheet_due_in_three_days
	account = frappe.db.get_value("Email Account", {"default_outgoing": 1, "enable_outgoing": 1})
	assert account and frappe.db.get_value("Notification", "Sheet Deadline Reminder", "channel") == "Email"
	doc = frappe.get_doc("Email Account", account)
	doc.enable_outgoing = 0
	doc.flags.ignore_validate = True
	doc.save(ignore_permissions=True)
	try:
		assert frappe.db.get_value("Notification", "Sheet Deadline Reminder", "channel") == "System Notification"
		before = frappe.db.count("Notification Log", {"for_user": s.secretary, "document_name": s.sheet})
		queued = frappe.db.count("Email Queue", {"reference_name": s.sheet})
		trigger_daily_alerts()
		assert frappe.db.count("Notification Log", {"for_user": s.secretary, "document_name": s.sheet}) == before + 1
		assert frappe.db.count("Email Queue", {"reference_name": s.sheet}) == queued
	finally:
		frappe.db.rollback()
		doc = frappe.get_doc("Email Account", account)
		doc.enable_outgoing = 1
		doc.save(ignore_permissions=True)  # and the channel back to Email
		frappe.db.commit()
	assert frappe.db.get_value("Notification", "Sheet Deadline Reminder", "channel") == "Email"


def test_daily_backup_by_the_scheduler_with_a_retention_setting():
	"""The scheduler's daily_long event takes a backup of the site (database and files); System
	Settings keep the newest 7 and the site drops backup files older than a week."""
	from sanfenlei_app.backups import daily_backup

	job = frappe.db.get_value("Scheduled Job Type", {"method": "sanfenlei_app.backups.daily_backup"}, "frequency")
	assert job == "Daily Long", job
	assert frappe.db.get_single_value("System Settings", "backup_limit") == 7
	assert frappe.get_conf().keep_backups_for_hours == 7 * 24 + 12
	path = daily_backup()
	assert path and os.path.exists(path) and os.path.getsize(path) > 1000, path
