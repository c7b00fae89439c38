"""Reports read from the replica (run by scripts/replica_check.sh)."""

import json
import os
import sys
import time

import pymysql
import requests

SITE, DB, BASE, ADMIN_PW, MODE, SAVED = sys.argv[1:7]
REPORTS = ["Annex 4 Classification Summary", "Upgrade Rate Statistics", "Classification Ledger"]
primary = pymysql.connect(host="127.0.0.1", port=3306, user="root", password=os.environ["DB_ROOT_PASSWORD"],
	database=DB, autocommit=True)
replica = pymysql.connect(unix_socket=os.environ["REPL_SOCK"], user="root", database=DB, autocommit=True)
s = requests.Session()
s.headers.update({"Host": SITE, "Accept": "application/json"})  # nginx picks the site by host name
assert s.post(f"{BASE}/api/method/login", json={"usr": "Administrator", "pwd": ADMIN_PW}, timeout=30).status_code == 200


def reports():
	out = {}
	for name in REPORTS:
		r = s.post(f"{BASE}/api/method/frappe.desk.query_report.run", json={"report_name": name,
			"filters": {"campaign_year": "2012", "group_by": "Reporting Unit"}, "ignore_prepared_report": 1}, timeout=120)
		r.raise_for_status()
		out[name] = json.dumps(r.json()["message"]["result"], sort_keys=True, ensure_ascii=False)
	return out


def wait_in_sync():
	for _ in range(60):
		c = replica.cursor(pymysql.cursors.DictCursor)
		c.execute("SHOW SLAVE STATUS")
		st = c.fetchone()
		if st and st["Seconds_Behind_Master"] == 0 and st["Slave_SQL_Running"] == "Yes":
			p, q = primary.cursor(), replica.cursor()
			p.execute("select count(*), max(modified) from `tabAssessment Sheet`")
			q.execute("select count(*), max(modified) from `tabAssessment Sheet`")
			if p.fetchone() == q.fetchone():
				return True
		time.sleep(1)
	return False


def select_count():
	c = replica.cursor()
	c.execute("SHOW GLOBAL STATUS LIKE 'Com_select'")
	return int(c.fetchone()[1])


if MODE == "primary":  # read_from_replica off: the primary's own numbers, saved for the comparison
	json.dump(reports(), open(SAVED, "w"))
	sys.exit(0)
assert wait_in_sync(), "the replica did not catch up"
before_selects = select_count()
in_sync = reports()
used = select_count() - before_selects
same_as_primary = in_sync == json.load(open(SAVED))
print(f"reports through REST with read_from_replica on: {len(in_sync)}; SELECTs run on the replica meanwhile: {used}")
print(f"the same numbers as the primary's (read_from_replica off): {same_as_primary}")

# pause replication, change one approved grade on the primary: the reports must not see it
c = primary.cursor()
c.execute("""select name, decided_grade from `tabAssessment Sheet` where docstatus = 1 and phase = 'Initial'
	and decided_grade = 'Ordinary' order by name limit 1""")
name, grade = c.fetchone()
replica.cursor().execute("STOP SLAVE")
c.execute("update `tabAssessment Sheet` set decided_grade = 'Advanced' where name = %s", name)
paused = reports()
stale = paused == in_sync
print(f"replication paused, {name} changed on the primary: reports unchanged (read from the replica): {stale}")

replica.cursor().execute("START SLAVE")
assert wait_in_sync(), "the replica did not catch up"
resumed = reports()
sees_change = resumed != in_sync
print(f"replication resumed: reports show the change: {sees_change}")

c.execute("update `tabAssessment Sheet` set decided_grade = %s where name = %s", (grade, name))
assert wait_in_sync(), "the replica did not catch up"
restored = reports()
same_again = restored == in_sync
print(f"change undone on the primary and replicated: reports equal the first run again: {same_again}")
ok = used > 0 and same_as_primary and stale and sees_change and same_again
print("RESULT:", "PASS" if ok else "FAIL")
sys.exit(0 if ok else 1)
