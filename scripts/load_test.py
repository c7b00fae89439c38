"""The load run: N logged-in secretaries save and move their own sheets concurrently for a
bounded time against the site on 127.0.0.1 (run by scripts/load_test.sh with the bench's Python).

    python scripts/load_test.py SITE PAIRS.json [SECONDS] [BASE_URL]
"""

import json
import random
import statistics
import sys
import threading
import time

import requests

SITE, PAIRS = sys.argv[1], json.load(open(sys.argv[2]))
SECONDS = int(sys.argv[3]) if len(sys.argv) > 3 else 60
BASE = sys.argv[4] if len(sys.argv) > 4 else "http://127.0.0.1:8000"
PASSWORD = "Load@2012"
lock = threading.Lock()
latencies, outcomes, acks = [], {"ok": 0, "conflict": 0, "error": 0}, {}
errors = []


def call(s, method, path, **kw):
	t = time.perf_counter()
	r = s.request(method, BASE + path, timeout=60, **kw)
	with lock:
		latencies.append((time.perf_counter() - t) * 1000)
	return r


def worker(user, sheet, deadline, seed):
	rng = random.Random(seed)
	s = requests.Session()
	s.headers.update({"Host": SITE, "Accept": "application/json"})  # nginx picks the site by host name
	r = call(s, "POST", "/api/method/login", json={"usr": user, "pwd": PASSWORD})
	if r.status_code != 200:
		with lock:
			outcomes["error"] += 1
			errors.append(f"{user}: login {r.status_code}")
		return
	i, ack = 0, {}
	while time.time() < deadline:
		i += 1
		doc = call(s, "GET", f"/api/resource/Assessment Sheet/{sheet}").json()["data"]
		state = doc["workflow_state"]
		kind = "save"
		if i % 10 == 0:  # a deliberate conflict: a save based on a stale copy
			kind = "conflict"
			r = call(s, "PUT", f"/api/resource/Assessment Sheet/{sheet}",
				json={"satisfaction": 90, "modified": "2000-01-01 00:00:00.000000"})
		elif state == "Draft" and i % 7 == 0:
			kind = "move"
			r = call(s, "POST", "/api/method/sanfenlei_app.portal.move",
				json={"doctype": "Assessment Sheet", "name": sheet, "action": "Start Mass Review"})
		elif state == "Mass Preliminary Review" and i % 9 == 0:
			kind = "move"
			call(s, "PUT", f"/api/resource/Assessment Sheet/{sheet}", json={"mass_meeting_date": "2012-04-05",
				"mass_attendance": 30, "mass_grade": "Ordinary", "modified": doc["modified"]})
			r = call(s, "POST", "/api/method/sanfenlei_app.portal.move",
				json={"doctype": "Assessment Sheet", "name": sheet, "action": "Complete Mass Review"})
		elif state in ("Draft", "Mass Preliminary Review"):
			idx = rng.randrange(len(doc["items"]))
			value = rng.choice([0, 0.5, 1, 1.5, 2])
			# one row of 扣分、加分记录 for the item; the item's total is the server's sum
			entries = [e for e in doc.get("entries", []) if e["item_no"] != idx + 1]
			if value:
				entries.append({"item_no": idx + 1, "points": value, "reason": "压力测试"})
			r = call(s, "PUT", f"/api/resource/Assessment Sheet/{sheet}",
				json={"entries": entries, "modified": doc["modified"]})
			if r.status_code == 200:
				ack.update(idx=idx, deduction=value)
		else:
			time.sleep(0.2)
			continue
		with lock:
			if kind == "conflict":
				if r.status_code == 417 and "TimestampMismatch" in r.text:
					outcomes["conflict"] += 1
				else:
					outcomes["error"] += 1
					errors.append(f"{sheet}: stale save answered {r.status_code}")
			elif r.status_code == 200:
				outcomes["ok"] += 1
				if kind == "move":
					ack["state"] = r.json()["message"]["workflow_state"]
			else:
				outcomes["error"] += 1
				errors.append(f"{sheet}: {kind} {r.status_code} {r.text[:160]}")
	with lock:
		acks[sheet] = ack


def main():
	deadline = time.time() + SECONDS
	threads = [threading.Thread(target=worker, args=(p["user"], p["sheet"], deadline, n)) for n, p in enumerate(PAIRS)]
	start = time.time()
	for t in threads:
		t.start()
	for t in threads:
		t.join()
	took = time.time() - start
	q = statistics.quantiles(latencies, n=100)
	print(f"| secretaries | seconds | requests | req/s | saves/moves acknowledged | deliberate conflicts refused | errors | p50 ms | p95 ms |")
	print("|---|---|---|---|---|---|---|---|---|")
	print(f"| {len(PAIRS)} | {took:.0f} | {len(latencies)} | {len(latencies) / took:.1f} | {outcomes['ok']} | "
		f"{outcomes['conflict']} | {outcomes['error']} | {q[49]:.0f} | {q[94]:.0f} |")
	for e in errors[:10]:
		print("error:", e)
	json.dump(acks, open(sys.argv[2] + ".acks.json", "w"))


main()
