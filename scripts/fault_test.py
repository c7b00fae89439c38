"""Fault injection (run by scripts/fault_test.sh with the bench's Python, as root for the kill):
a sheet's transition is held inside its transaction (a second connection holds the lock the
step-log insert needs), MariaDB is killed with SIGKILL while the request waits, MariaDB is
started again; the sheet must be in its previous state with no half-written rows, and the
app must serve the same move again.

    python fault_test.py SITE_CONFIG_JSON SHEET USER PASSWORD BASE_URL PIDFILE START_CMD
"""

import json
import os
import signal
import subprocess
import sys
import threading
import time

import pymysql
import requests

conf, sheet, user, password, base, pidfile, start_cmd = sys.argv[1:8]
site = json.load(open(conf))
SITE = os.path.basename(os.path.dirname(conf))


def db():
	return pymysql.connect(host="127.0.0.1", port=3306, user=site["db_name"], password=site["db_password"],
		database=site["db_name"], autocommit=False)


def snapshot():
	c = db().cursor()
	c.execute("select workflow_state, modified from `tabAssessment Sheet` where name = %s", sheet)
	state = c.fetchone()
	c.execute("select count(*) from `tabAssessment Sheet Step` where parent = %s", sheet)
	steps = c.fetchone()[0]
	return state[0], str(state[1]), steps


s = requests.Session()
s.headers.update({"Host": SITE, "Accept": "application/json"})  # nginx picks the site by host name
assert s.post(f"{base}/api/method/login", json={"usr": user, "pwd": password}, timeout=30).status_code == 200
before = snapshot()
print("before:", before)

holder = db()
hc = holder.cursor()
hc.execute("select name from `tabAssessment Sheet Step` where parent = %s for update", sheet)  # gap lock on the log
result = {}


def move():
	try:
		r = s.post(f"{base}/api/method/sanfenlei_app.portal.move",
			json={"doctype": "Assessment Sheet", "name": sheet, "action": "Complete Mass Review"}, timeout=120)
		result["status"] = r.status_code
	except requests.RequestException as e:
		result["status"] = f"connection error: {type(e).__name__}"


t = threading.Thread(target=move)
t.start()
waiting = False
for _ in range(40):  # wait until the request's transaction is blocked on our lock
	time.sleep(0.25)
	c = pymysql.connect(host="127.0.0.1", port=3306, user="root", password=os.environ["DB_ROOT_PASSWORD"]).cursor()
	c.execute("select count(*) from information_schema.innodb_trx where trx_state = 'LOCK WAIT'")
	if c.fetchone()[0]:
		waiting = True
		break
print("transition blocked inside its transaction:", waiting)
pid = int(open(pidfile).read().strip())
os.kill(pid, signal.SIGKILL)
print("MariaDB killed (SIGKILL) while the transition waited")
t.join(timeout=150)
print("the request answered:", result.get("status"))
subprocess.run(start_cmd, shell=True, check=True)
for _ in range(60):
	try:
		after = snapshot()
		break
	except pymysql.MySQLError:
		time.sleep(1)
print("after restart:", after)
ok_state = after == before
print("sheet unchanged, no half-written step rows:", ok_state)
r = None
for _ in range(10):  # the workers reconnect by themselves
	try:
		r = s.post(f"{base}/api/method/sanfenlei_app.portal.move",
			json={"doctype": "Assessment Sheet", "name": sheet, "action": "Complete Mass Review"}, timeout=60)
		if r.status_code == 200:
			break
	except requests.RequestException:
		pass
	time.sleep(2)
final = snapshot()
recovered = r is not None and r.status_code == 200 and final[0] == "Party Member Appraisal" and final[2] == before[2] + 1
print("the same move after recovery:", r.status_code if r is not None else None, final)
print("RESULT:", "PASS" if waiting and ok_state and recovered else "FAIL")
sys.exit(0 if waiting and ok_state and recovered else 1)
