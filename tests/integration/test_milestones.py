"""推动晋位升级, tracked (April to November): an upgrade plan's measures as milestones with their
progress reports and photos, over REST as each confined role; the overdue flag and the reminder a
week before the date through the real scheduler; the unit's cards and the secretary's portal home
computed independently in the test."""

import datetime

import frappe
import pytest
from frappe.utils import add_days, getdate, nowdate

from sanfenlei_app import rules

from .conftest import BASE_URL, Rest, make_user, message, uid
from .test_evidence import upload
from .test_service import wait_for

MILESTONES = "/api/resource/Upgrade Milestone"
PROGRESS = "/api/resource/Milestone Progress"


@pytest.fixture(scope="module", autouse=True)
def tracking_phase():
	"""Every test here runs on a day of 推动晋位升级 (15 June of a campaign year): its milestones fall due three
	days, a week and a month ahead and a week ago, all inside the year, whatever the real date."""
	from tests.clock import day_in_tracking_phase, stack_on

	with stack_on(day_in_tracking_phase()) as day:
		yield day


def this_year():
	"""The campaign year of today (the milestones' dates fall in it)."""
	year = getdate(nowdate()).year
	if not frappe.db.exists("Campaign Year", str(year)):
		frappe.get_doc({"doctype": "Campaign Year", "year": year}).insert()
	return str(year)


@pytest.fixture(scope="module")
def street():
	from .conftest import Tree

	frappe.set_user("Administrator")
	t = Tree()
	d = t.district()
	s = t.street(d, "措施街道")
	other = t.street(d, "别的措施街道")
	users = {k: make_user(f"ms-{k}-{uid()}@test.local", [r]) for k, r in (("sec", "Organization Secretary"),
		("sec2", "Organization Secretary"), ("unit", "Reporting Unit Admin"), ("unit2", "Reporting Unit Admin"),
		("leader", "Campaign Leader"), ("district", "District Admin"))}
	org = t.org("措施社区", "Grassroots", s.name, domain="Community", secretary_user=users["sec"])
	org2 = t.org("别的措施社区", "Grassroots", other.name, domain="Community", secretary_user=users["sec2"])
	t.admin(s, users["unit"])
	t.admin(other, users["unit2"])
	year = this_year()
	frappe.db.commit()
	return frappe._dict(street=s, org=org.name, org2=org2.name, year=year, users=users,
		api={k: Rest(u) for k, u in users.items()})


def add(api, org, year, measure, days, **kw):
	r = api.post(MILESTONES, {"organization": org, "campaign_year": year, "measure": measure, "responsible": "张书记",
		"due_date": add_days(nowdate(), days), **kw})
	assert r.status_code == 200, message(r)
	return r.json()["data"]


def test_milestones_and_progress_reports_with_a_photo(street):
	s, api = street, street.api
	today = getdate(nowdate())
	soon = add(api["sec"], s.org, s.year, "健全三会一课台账", 3)
	late = add(api["sec"], s.org, s.year, "完成党员活动室改造", -1)
	later = add(api["sec"], s.org, s.year, "开展结对共建", 30)
	assert (soon["status"], soon["is_overdue"], soon["quarter"]) == ("Not Started", 0, rules.quarter_of(today + datetime.timedelta(3)))
	assert late["is_overdue"] == 1 and later["is_overdue"] == 0
	assert soon["reporting_unit"] == s.street.name and soon["secretary_user"] == s.users["sec"]

	# the secretary reports progress with a photo taken on the phone
	photo = upload(api["sec"], f"活动室-{uid()}.png")
	r = api["sec"].post(PROGRESS, {"milestone": soon["name"], "progress_report": "已整理三个月的会议记录", "evidence": photo})
	assert r.status_code == 200, message(r)
	report = r.json()["data"]
	assert (report["organization"], report["reported_by"], report["status"]) == (s.org, s.users["sec"], "In Progress")
	frappe.db.rollback()
	assert frappe.db.get_value("Upgrade Milestone", soon["name"], ["status", "last_report_on"]) == ("In Progress", today)
	assert frappe.db.get_value("File", {"file_url": photo}, ["attached_to_doctype", "attached_to_name"]) == (
		"Milestone Progress", report["name"])  # kept once, with the report
	opened = {k: api[k].get(photo).status_code for k in ("sec", "unit", "sec2", "unit2")}
	print("\nprogress photo opened by:", opened)
	assert opened["sec"] == 200 and opened["unit"] == 200 and opened["sec2"] != 200 and opened["unit2"] != 200

	# a report is dated in the campaign year and not ahead of today
	for day, words in ((f"{int(s.year) + 1}-01-10", f"报告日期须在{s.year}年内"), (add_days(nowdate(), 2), "报告日期不能晚于今天")):
		r = api["sec"].post(PROGRESS, {"milestone": soon["name"], "progress_report": "日期不对", "reported_on": day})
		assert r.status_code == 417 and words in message(r), (day, message(r))
	# a report deleted (by the district): the milestone stands where its remaining reports say
	r = api["district"].s.delete(f"{BASE_URL}{PROGRESS}/{report['name']}", timeout=30)
	assert r.status_code == 202, r.text
	frappe.db.rollback()
	assert frappe.db.get_value("Upgrade Milestone", soon["name"], ["status", "last_report_on"]) == ("Not Started", None)

	# 已完成: the milestone is done, and no longer overdue
	r = api["sec"].post(PROGRESS, {"milestone": late["name"], "progress_report": "改造完成并投入使用", "status": "Done"})
	assert r.status_code == 200, message(r)
	frappe.db.rollback()
	assert frappe.db.get_value("Upgrade Milestone", late["name"], ["status", "is_overdue"]) == ("Done", 0)

	# nobody reports on, or adds to, another organisation's measures
	r = api["sec2"].post(PROGRESS, {"milestone": later["name"], "progress_report": "越权报告"})
	assert r.status_code == 403, (r.status_code, message(r))
	r = api["sec2"].post(MILESTONES, {"organization": s.org, "campaign_year": s.year, "measure": "越权", "responsible": "某",
		"due_date": nowdate()})
	assert r.status_code == 403, (r.status_code, message(r))
	assert api["unit2"].get(f"{MILESTONES}/{later['name']}").status_code == 403
	r = api["leader"].post(PROGRESS, {"milestone": later["name"], "progress_report": "领导不填报"})
	assert r.status_code == 403
	# a milestone with reports is not deleted; its date stays in the campaign year
	assert api["sec"].s.delete(f"{BASE_URL}{MILESTONES}/{late['name']}", timeout=30).status_code != 202
	frappe.db.rollback()
	assert frappe.db.exists("Upgrade Milestone", late["name"])
	r = api["sec"].post(MILESTONES, {"organization": s.org, "campaign_year": s.year, "measure": "明年的事",
		"responsible": "某", "due_date": f"{int(s.year) + 1}-03-01"})
	assert r.status_code == 417 and f"完成时限须在{s.year}年内" in message(r), message(r)


def test_the_unit_sees_what_is_due_and_overdue_supervises_and_the_portal_says_what_is_next(street):
	s, api = street, street.api
	add(api["sec"], s.org, s.year, "三天后到期的措施", 3)
	add(api["sec"], s.org, s.year, "周内到期的措施", 7)
	add(api["sec"], s.org, s.year, "上周到期的措施", -7)
	add(api["sec2"], s.org2, s.year, "别的街道周内到期", 2)  # the other street's: not counted for this unit
	frappe.db.rollback()
	today = getdate(nowdate())
	mine = frappe.get_all("Upgrade Milestone", filters={"reporting_unit": s.street.name},
		fields=["name", "measure", "status", "due_date"])
	due_soon = [m for m in mine if m.status != "Done" and 0 <= (m.due_date - today).days <= rules.DUE_SOON_DAYS]
	overdue = [m for m in mine if m.status != "Done" and m.due_date < today]
	r = api["unit"].get("/api/method/sanfenlei_app.dashboard.milestones_due_soon")
	assert r.status_code == 200 and r.json()["message"]["value"] == len(due_soon) > 0, (r.text, due_soon)
	r = api["unit"].get("/api/method/sanfenlei_app.dashboard.milestones_overdue")
	assert r.json()["message"]["value"] == len(overdue), (r.text, overdue)
	# the street's 督查指导 on the organisation: written by the unit, read (not written) by the organisation
	note = "三会一课记录不全，要求月底前补齐并建立台账"
	r = api["unit"].post("/api/resource/Supervision Note", {"organization": s.org, "campaign_year": s.year, "content": note})
	assert r.status_code == 200, message(r)
	name = r.json()["data"]["name"]
	assert r.json()["data"]["author"] == s.users["unit"] and r.json()["data"]["kind"] == "Supervision"
	assert api["sec"].get(f"/api/resource/Supervision Note/{name}").status_code == 200
	assert api["sec2"].get(f"/api/resource/Supervision Note/{name}").status_code == 403
	assert api["unit2"].get(f"/api/resource/Supervision Note/{name}").status_code == 403
	r = api["sec"].post("/api/resource/Supervision Note", {"organization": s.org, "campaign_year": s.year, "content": "自己点评自己"})
	assert r.status_code == 403, r.status_code
	r = api["unit"].post("/api/resource/Supervision Note", {"organization": s.org2, "campaign_year": s.year, "content": "越权"})
	assert r.status_code == 403, r.status_code
	told = wait_for(lambda: frappe.db.get_value("Notification Log", {"for_user": s.users["sec"], "document_name": name}, "subject"), 60)
	assert told and "督查指导" in told, told
	# the district's 书记点评 is its own words: the street neither rewrites nor deletes it
	r = api["district"].post("/api/resource/Supervision Note", {"organization": s.org, "kind": "Secretary Remark",
		"content": "区委组织部点评：书记履职到位"})
	assert r.status_code == 200 and r.json()["data"]["campaign_year"], message(r)  # the current year by default
	remark = r.json()["data"]["name"]
	r = api["unit"].put(f"/api/resource/Supervision Note/{remark}", {"content": "街道改写"})
	assert r.status_code == 403 and "只有填写人本人或区委组织部可以修改或删除" in message(r), message(r)
	assert api["unit"].s.delete(f"{BASE_URL}/api/resource/Supervision Note/{remark}", timeout=30).status_code == 403
	assert api["unit"].put(f"/api/resource/Supervision Note/{name}", {"content": note + "（补充）"}).status_code == 200
	note += "（补充）"

	# an overdue measure's date is not pushed back by the secretary; its street may
	late = frappe.db.get_value("Upgrade Milestone", {"organization": s.org, "measure": "上周到期的措施"}, "name")
	r = api["sec"].put(f"{MILESTONES}/{late}", {"due_date": add_days(nowdate(), 10)})
	assert r.status_code == 403 and "书记不能自行推迟完成时限" in message(r), message(r)
	assert api["unit"].put(f"{MILESTONES}/{late}", {"due_date": add_days(nowdate(), -2)}).status_code == 200
	frappe.db.rollback()

	# the secretary's home (of the current campaign year): the next one due, the overdue and the soon ones flagged
	current = frappe.db.get_value("Campaign Year", {"is_current": 1})
	frappe.get_doc("Campaign Year", s.year).update({"is_current": 1}).save()
	frappe.db.commit()
	try:
		html = api["sec"].get("/sanfenlei").text
	finally:
		frappe.get_doc("Campaign Year", current).update({"is_current": 1}).save()
		frappe.db.commit()
	mine = frappe.get_all("Upgrade Milestone", filters={"reporting_unit": s.street.name}, fields=["measure", "status", "due_date"])
	nxt = min((m for m in mine if m.status != "Done"), key=lambda m: m.due_date)
	label = "已逾期：" if nxt.due_date < today else "下一项到期："  # the earliest open one, overdue first
	assert f"{label}{nxt.measure}" in html, (label, nxt)
	assert "3天后到期" in html and "7天后到期" in html and "报告进展" in html and "已逾期" in html
	assert "别的街道周内到期" not in html
	assert "督查指导和书记点评（1条）" in html and note in html


def test_overdue_flag_and_the_weeks_reminder_from_the_real_scheduler(street):
	"""The real scheduler's daily events: a milestone whose date passed overnight is flagged
	(mark_overdue_milestones), and the secretary is reminded of one due in a week (Notification
	Milestone Due Reminder, Frappe's daily alerts)."""
	from .test_service import DAILY_ALERTS

	s, api = street, street.api
	passed = add(api["sec"], s.org, s.year, "昨天到期的措施", 1)
	week = add(api["sec"], s.org, s.year, "下周到期的措施", 7)
	frappe.db.rollback()
	# overnight: its date is now yesterday, nobody saved it
	frappe.db.set_value("Upgrade Milestone", passed["name"], "due_date", add_days(nowdate(), -1), update_modified=False)
	assert frappe.db.get_value("Upgrade Milestone", passed["name"], "is_overdue") == 0
	jobs = frappe.get_all("Scheduled Job Type", filters={"method": ["in", [DAILY_ALERTS,
		"sanfenlei_app.sanfenlei_app.doctype.upgrade_milestone.upgrade_milestone.mark_overdue_milestones"]]},
		fields=["name", "method", "frequency"])
	assert len(jobs) == 2 and all(j.frequency.startswith("Daily") for j in jobs), jobs
	for job in jobs:
		frappe.db.set_value("Scheduled Job Type", job.name, "last_execution", add_days(frappe.utils.now_datetime(), -2))
	frappe.db.commit()
	flagged = wait_for(lambda: frappe.db.get_value("Upgrade Milestone", passed["name"], "is_overdue") == 1, 240)
	assert flagged, "the scheduler did not flag the overdue milestone within 240 s"
	logged = wait_for(lambda: frappe.db.get_value("Notification Log", {"for_user": s.users["sec"],
		"document_name": week["name"]}, "subject"), 180)
	assert logged and "升级措施将于" in logged, logged
	print("\nscheduler: overdue flagged; reminder:", frappe.utils.strip_html(logged))
	assert not frappe.db.exists("Notification Log", {"document_name": passed["name"], "for_user": s.users["sec"]})


def test_the_quarter_report_counts_what_the_test_counts_by_hand_and_the_summary_draws_on_it():
	"""升级进展季度统计 of a street built here: milestones of every quarter (done, overdue, open), progress
	reports, 践诺 records and 督查指导 notes on known dates; the report's rows (per unit and per domain),
	its chart, and the unit's 年度工作总结 draft against counts made in the test from the same inputs."""
	from sanfenlei_app.sanfenlei_app.report.upgrade_progress_by_quarter.upgrade_progress_by_quarter import execute

	from .conftest import Tree

	frappe.set_user("Administrator")
	t = Tree()
	street = t.street(t.district(), "季度街道")
	orgs = {"Community": t.org("季度社区", "Grassroots", street.name, domain="Community").name,
		"Private Enterprise": t.org("季度企业", "Grassroots", street.name, domain="Private Enterprise").name}
	year = this_year()
	y = int(year)
	today = getdate(nowdate())
	day = lambda m, d: datetime.date(y, m, d)  # noqa: E731
	milestones = [("Community", day(2, 10), "Done"), ("Community", day(5, 5), "In Progress"),
		("Private Enterprise", day(8, 1), "Done"), ("Private Enterprise", day(12, 20), "Not Started"),
		("Community", day(11, 15), "Not Started")]
	reports = [(0, day(3, 1)), (1, day(6, 1)), (1, day(6, 2))]  # (milestone index, reported on)
	fulfilments = [("Community", day(4, 10)), ("Community", day(10, 1)), ("Private Enterprise", day(10, 2))]
	notes = [("Community", day(1, 5)), ("Private Enterprise", day(7, 7)), ("Community", day(7, 8))]
	names = []
	for domain, due, status in milestones:
		doc = frappe.get_doc({"doctype": "Upgrade Milestone", "organization": orgs[domain], "campaign_year": year,
			"measure": f"措施{len(names)}", "responsible": "某", "due_date": due}).insert()
		doc.db_set("status", status)
		names.append(doc.name)
	for i, on in reports:
		frappe.get_doc({"doctype": "Milestone Progress", "milestone": names[i], "reported_on": on, "progress_report": "进展"}).insert()
		frappe.db.set_value("Upgrade Milestone", names[i], "status", milestones[i][2])  # keep the status the test set
	for domain in orgs:
		pledge = frappe.get_doc({"doctype": "Organization Commitment", "organization": orgs[domain], "campaign_year": year,
			"commitments": "一、承诺"}).insert()
		pledge.db_set("published", 1)
		for d, on in fulfilments:
			if d == domain:
				frappe.get_doc({"doctype": "Commitment Fulfilment", "organization_commitment": pledge.name, "fulfilled_on": on,
					"what_done": "践诺"}).insert()
	for domain, on in notes:
		frappe.get_doc({"doctype": "Supervision Note", "organization": orgs[domain], "campaign_year": year, "note_date": on,
			"content": "督查"}).insert()
	frappe.db.commit()

	def by_hand(domain=None):
		q = lambda d: (d.month - 1) // 3 + 1  # noqa: E731
		out = {}
		for n in (1, 2, 3, 4):
			ms = [m for m in milestones if q(m[1]) == n and (domain is None or m[0] == domain)]
			out[n] = {"due": len(ms), "done": sum(m[2] == "Done" for m in ms),
				"overdue": sum(m[2] != "Done" and m[1] < today for m in ms),
				"reports": sum(q(on) == n and (domain is None or milestones[i][0] == domain) for i, on in reports),
				"fulfilments": sum(q(on) == n and (domain is None or d == domain) for d, on in fulfilments),
				"notes": sum(q(on) == n and (domain is None or d == domain) for d, on in notes)}
		return out

	_cols, rows, _msg, chart = execute({"campaign_year": year, "reporting_unit": street.name})
	got = {r["q"]: {k: r[k] for k in ("due", "done", "overdue", "reports", "fulfilments", "notes")} for r in rows}
	assert {r["scope"] for r in rows} == {street.name} and got == by_hand(), (got, by_hand())
	assert [ds["values"] for ds in chart["data"]["datasets"]] == [[by_hand()[q][k] for q in (1, 2, 3, 4)]
		for k in ("due", "done", "overdue", "reports", "fulfilments", "notes")]
	_cols, rows, _msg, _chart = execute({"campaign_year": year, "reporting_unit": street.name, "view": "Domain"})
	for domain, label in (("Community", "社区"), ("Private Enterprise", "非公企业")):
		mine = {r["q"]: {k: r[k] for k in by_hand()[1]} for r in rows if r["scope"] == label}
		assert mine == by_hand(domain), (domain, mine, by_hand(domain))
	print("\nquarters by hand:", by_hand())

	summary = frappe.get_doc({"doctype": "Annual Summary", "reporting_unit": street.name, "campaign_year": year}).insert()
	whole = {k: sum(by_hand()[q][k] for q in (1, 2, 3, 4)) for k in by_hand()[1]}
	assert (f"全年列出升级措施{whole['due']}项，已完成{whole['done']}项，逾期未完成{whole['overdue']}项；报告进展"
		f"{whole['reports']}次，记录践诺{whole['fulfilments']}次，上级督查指导和书记点评{whole['notes']}次") in summary.summary_text
	assert "四、主要做法和经验" in summary.summary_text and "五、存在的问题和下一步打算" in summary.summary_text
	frappe.db.rollback()
