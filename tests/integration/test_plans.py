"""April to November on a real site: upgrade plans reviewed by the superior, responsibility
letters signed level by level, public commitments (附件7, 附件8) and the unit's annual summary."""

import json

import frappe
import pytest
import requests

from .conftest import BASE_URL, SITE, Rest, make_user, message, role_users, uid
from .test_rates_report import graded
from .test_status_survey import year

APPLY = "/api/method/frappe.model.workflow.apply_workflow"
RUN = "/api/method/run_doc_method"


@pytest.fixture(scope="module")
def line():
	from .conftest import Tree

	frappe.set_user("Administrator")
	t = Tree()
	d = t.district()
	street = t.street(d, "甲街道")
	users = role_users(sec="Organization Secretary", other_sec="Organization Secretary", unit="Reporting Unit Admin",
		district="District Admin", member="Party Member", other_member="Party Member")
	t.admin(street, users["unit"])
	frappe.db.commit()
	return frappe._dict(t=t, d=d, street=street, users=users, api={k: Rest(v) for k, v in users.items()})


def grassroots(line, grade="Ordinary", stars=2, secretary="sec"):
	org = line.t.org(f"社区{uid()}", "Grassroots", line.street.name, domain="Community", secretary_name="张书记")
	org.secretary_user = line.users[secretary]
	org.save()
	if grade:
		graded(org.name, "Initial", grade, stars)
	frappe.db.commit()
	return org


def act(api, doctype, name, action):
	doc = api.get(f"/api/resource/{doctype}/{name}").json()["data"]
	return api.post(APPLY, {"doc": doc, "action": action})


def state(doctype, name, *fields):
	frappe.db.rollback()
	return frappe.db.get_value(doctype, name, list(fields or ("workflow_state", "docstatus")))


def new_plan(api, org, **kw):
	values = {"organization": org, "campaign_year": year(), "target_grade": "Advanced", "target_stars": 4,
		"rectification_measures": "开展党员设岗定责，每月一次组织生活会", "upgrade_deadline": "2012-11-30"}
	values.update(kw)
	r = api.post("/api/resource/Upgrade Plan", values)
	assert r.status_code == 200, r.text
	return r.json()["data"]


def test_plan_takes_april_grade_and_its_due_date(line):
	org = grassroots(line, "Ordinary", 2)
	plan = new_plan(line.api["sec"], org.name)
	assert (plan["start_grade"], plan["start_stars"]) == ("Ordinary", 2)
	assert plan["due_date"] == "2012-05-07" and plan["reviewer_level"] == "Reporting Unit"
	assert plan["letter_superior"] == line.street.name and plan["workflow_state"] == "Draft"

	graded(line.street.name, "Initial", "Advanced", 4)
	frappe.db.commit()
	street_plan = new_plan(line.api["unit"], line.street.name, target_stars=5)
	assert street_plan["due_date"] == "2012-04-27" and street_plan["reviewer_level"] == "District"
	assert street_plan["letter_superior"] == line.d.name

	ungraded = grassroots(line, grade=None)
	r = line.api["sec"].post("/api/resource/Upgrade Plan", {"organization": ungraded.name, "campaign_year": year(),
		"rectification_measures": "x", "upgrade_deadline": "2012-11-30"})
	assert r.status_code == 417 and "年初分类定级尚未审核通过" in message(r)
	r = line.api["sec"].post("/api/resource/Upgrade Plan", {"organization": org.name, "campaign_year": year(),
		"rectification_measures": "x", "upgrade_deadline": "2012-11-30"})
	assert r.status_code == 409 and "争创目标已存在" in message(r)


def test_plan_reviewed_by_the_reporting_unit(line):
	org = grassroots(line, "Ordinary", 3)
	sec, unit = line.api["sec"], line.api["unit"]
	plan = new_plan(sec, org.name)
	assert act(sec, "Upgrade Plan", plan["name"], "Submit for Review").status_code == 200
	assert state("Upgrade Plan", plan["name"]) == ("Plan Under Review", 0)
	# the secretary cannot approve, nor change the plan while it is reviewed
	assert act(sec, "Upgrade Plan", plan["name"], "Approve").status_code != 200
	r = sec.put(f"/api/resource/Upgrade Plan/{plan['name']}", {"rectification_measures": "改了"})
	assert r.status_code == 417 and "审核期间不能修改" in message(r)
	# a return needs the reason
	r = act(unit, "Upgrade Plan", plan["name"], "Return")
	assert r.status_code == 417 and "请填写审核意见" in message(r)
	assert state("Upgrade Plan", plan["name"]) == ("Plan Under Review", 0)
	unit.put(f"/api/resource/Upgrade Plan/{plan['name']}", {"review_opinion": "措施要具体到月"})
	assert act(unit, "Upgrade Plan", plan["name"], "Return").status_code == 200
	assert state("Upgrade Plan", plan["name"]) == ("Draft", 0)
	assert act(sec, "Upgrade Plan", plan["name"], "Submit for Review").status_code == 200
	assert act(unit, "Upgrade Plan", plan["name"], "Approve").status_code == 200
	assert state("Upgrade Plan", plan["name"], "workflow_state", "docstatus", "reviewed_by") == (
		"Plan Approved", 1, line.users["unit"])
	# the return's opinion went to the timeline on resubmission: the letter's 上级审核意见 is the approval's
	assert frappe.db.get_value("Upgrade Plan", plan["name"], "review_opinion") in (None, "")
	assert frappe.db.exists("Comment", {"reference_name": plan["name"], "content": ["like", "%退回意见：措施要具体到月%"]})
	letter = frappe.get_print("Upgrade Plan", plan["name"], print_format="目标责任书")
	assert "措施要具体到月" not in letter and "上级审核意见" in letter and "审核同意" in letter


def test_street_plans_are_reviewed_by_the_district(line):
	if not frappe.db.exists("Assessment Sheet", {"organization": line.street.name, "phase": "Initial", "docstatus": 1}):
		graded(line.street.name, "Initial", "Advanced", 4)
		frappe.db.commit()
	name = frappe.db.get_value("Upgrade Plan", {"organization": line.street.name}) or new_plan(
		line.api["unit"], line.street.name, target_stars=5)["name"]
	assert act(line.api["unit"], "Upgrade Plan", name, "Submit for Review").status_code == 200
	assert act(line.api["unit"], "Upgrade Plan", name, "Approve").status_code != 200
	# nor around the workflow: Frappe's submit, a PUT of docstatus (with or without the state), the bulk submit
	doc = line.api["unit"].get(f"/api/resource/Upgrade Plan/{name}").json()["data"]
	unit = line.api["unit"]
	for r in (unit.post("/api/method/frappe.client.submit", {"doc": doc}),
			unit.put(f"/api/resource/Upgrade Plan/{name}", {"docstatus": 1}),
			unit.put(f"/api/resource/Upgrade Plan/{name}", {"docstatus": 1, "workflow_state": "Plan Approved"}),
			unit.post("/api/method/frappe.desk.doctype.bulk_update.bulk_update.submit_cancel_or_update_docs",
				{"doctype": "Upgrade Plan", "action": "submit", "docnames": json.dumps([name])})):
		assert state("Upgrade Plan", name) == ("Plan Under Review", 0), r.text[-300:]
	assert state("Upgrade Plan", name) == ("Plan Under Review", 0)
	assert act(line.api["district"], "Upgrade Plan", name, "Approve").status_code == 200
	assert state("Upgrade Plan", name) == ("Plan Approved", 1)


def test_plan_rules_by_grade_refuse_the_submission(line):
	sec = line.api["sec"]
	lagging = grassroots(line, "Lagging", 0)
	plan = new_plan(sec, lagging.name, target_grade="Ordinary", target_stars=1)
	r = act(sec, "Upgrade Plan", plan["name"], "Submit for Review")
	assert r.status_code == 417 and "后进党组织必须提交整顿转化方案" in message(r)
	assert state("Upgrade Plan", plan["name"]) == ("Draft", 0)
	advanced = grassroots(line, "Advanced", 5)
	plan = new_plan(sec, advanced.name, target_stars=5)
	r = act(sec, "Upgrade Plan", plan["name"], "Submit for Review")
	assert r.status_code == 417 and "先进党组织重在巩固提高" in message(r)
	r = sec.put(f"/api/resource/Upgrade Plan/{plan['name']}", {"rectification_measures": "措" * 151})
	assert r.status_code == 417 and "不超过150字" in message(r)
	assert state("Upgrade Plan", plan["name"], "rectification_measures") == "开展党员设岗定责，每月一次组织生活会"


def approved_plan(line, org, api_name="sec"):
	plan = new_plan(line.api[api_name], org.name)
	act(line.api[api_name], "Upgrade Plan", plan["name"], "Submit for Review")
	assert act(line.api["unit"], "Upgrade Plan", plan["name"], "Approve").status_code == 200
	return plan["name"]


def sign(api, name, side):
	return api.post(RUN, {"dt": "Upgrade Plan", "dn": name, "method": "sign_letter", "args": {"side": side}})


def test_responsibility_letters_signed_level_by_level(line):
	street_plan = frappe.db.get_value("Upgrade Plan", {"organization": line.street.name, "docstatus": 1})
	if not street_plan:  # the street's own plan, approved by the district
		test_street_plans_are_reviewed_by_the_district(line)
		street_plan = frappe.db.get_value("Upgrade Plan", {"organization": line.street.name, "docstatus": 1})
	org = grassroots(line, "Ordinary", 2)
	name = approved_plan(line, org)
	# the unit signs with its organisations only after its own letter with the district
	r = sign(line.api["unit"], name, "superior")
	assert r.status_code == 417 and "逐级签订" in message(r)
	assert sign(line.api["unit"], street_plan, "superior").status_code == 417  # the district signs that side
	assert sign(line.api["district"], street_plan, "superior").status_code == 200
	assert sign(line.api["unit"], street_plan, "organization").status_code == 200
	assert state("Upgrade Plan", street_plan, "letter_status") == "Signed by Both Sides"
	assert sign(line.api["unit"], name, "superior").status_code == 200
	assert state("Upgrade Plan", name, "letter_status", "letter_superior_signed_by") == (
		"Signed by One Side", line.users["unit"])
	assert sign(line.api["district"], name, "organization").status_code == 417  # not the organisation's secretary
	assert sign(line.api["sec"], name, "organization").status_code == 200
	r = sign(line.api["sec"], name, "organization")
	assert r.status_code == 417 and "不能重复签订" in message(r)
	frappe.db.rollback()
	signed = frappe.get_doc("Upgrade Plan", name)
	assert signed.letter_status == "Signed by Both Sides" and signed.letter_org_signed_by == line.users["sec"]
	html = frappe.get_print("Upgrade Plan", name, print_format="目标责任书")
	assert "目标责任书" in html and org.name in html and line.street.name in html and "争创“先进”党组织" in html


def test_organization_commitment_published_once_the_secretary_confirms(line):
	org = grassroots(line, "Ordinary", 2)
	sec = line.api["sec"]
	r = sec.post("/api/resource/Organization Commitment", {"organization": org.name, "campaign_year": year(),
		"commitments": f"一、每月开展主题党日 {org.name}"})
	assert r.status_code == 200, r.text
	name = r.json()["data"]["name"]
	guest = requests.Session()
	guest.headers["Host"] = SITE
	assert org.name not in guest.get(f"{BASE_URL}/gongshi", timeout=30).text
	# only the organisation's own secretary confirms
	assert line.api["unit"].post(RUN, {"dt": "Organization Commitment", "dn": name, "method": "confirm"}).status_code == 403
	r = sec.post(RUN, {"dt": "Organization Commitment", "dn": name, "method": "confirm"})
	assert r.status_code == 200, r.text
	route = state("Organization Commitment", name, "route")
	page = guest.get(f"{BASE_URL}/{route}", timeout=30)
	assert page.status_code == 200 and f"一、每月开展主题党日 {org.name}" in page.text and "公开承诺书" in page.text
	assert org.name in guest.get(f"{BASE_URL}/gongshi", timeout=30).text
	r = sec.put(f"/api/resource/Organization Commitment/{name}", {"commitments": "改过的承诺"})
	assert r.status_code == 417 and "不能再修改" in message(r)
	html = frappe.get_print("Organization Commitment", name, print_format="附件7 公开承诺书")
	assert "党组织成员人手一份，公示一份，上级党组织留存一份，本级党组织留存两份" in html and "附件7" in html


def test_member_commitment_is_confirmed_only_by_the_member(line):
	org = grassroots(line, "Ordinary", 2)
	sec = line.api["sec"]
	names = {}
	for key in ("member", "other_member"):
		r = sec.post("/api/resource/Member Commitment", {"organization": org.name, "campaign_year": year(),
			"member_name": f"党员{key}", "member_user": line.users[key], "commitments": "带头学习，联系服务群众"})
		assert r.status_code == 200, r.text
		names[key] = r.json()["data"]["name"]
	confirm = {"dt": "Member Commitment", "dn": names["member"], "method": "confirm"}
	r = sec.post(RUN, confirm)  # the secretary may not sign for the member
	assert r.status_code == 403 and "涉及本人签名部分必须由本人签名" in message(r)
	assert line.api["district"].post(RUN, confirm).status_code == 403
	r = sec.put(f"/api/resource/Member Commitment/{names['member']}", {"confirmed": 1})
	assert state("Member Commitment", names["member"], "confirmed") == 0
	# another member neither sees nor confirms it
	assert line.api["other_member"].post(RUN, confirm).status_code == 403
	listed = line.api["member"].get("/api/resource/Member Commitment", fields='["name"]').json()["data"]
	assert [d["name"] for d in listed] == [names["member"]]
	r = line.api["member"].post(RUN, confirm)
	assert r.status_code == 200, r.text
	assert state("Member Commitment", names["member"], "confirmed") == 1
	html = frappe.get_print("Member Commitment", names["member"], print_format="附件8 党员公开承诺书")
	assert "承诺书一式三份，本人留存一份，党组织存档一份，公示一份" in html and "本人确认" in html


def test_annual_summary_draft_has_the_units_rates_and_movements(tree):
	d = tree.district()
	street = tree.street(d)
	o = {n: tree.org(n, "Grassroots", street.name, domain="Community").name for n in ("A1", "O1", "O2", "L1")}
	graded(o["A1"], "Initial", "Advanced", 4)
	graded(o["A1"], "Year End", "Advanced", 5)  # up
	graded(o["O1"], "Initial", "Ordinary", 2)
	graded(o["O1"], "Year End", "Ordinary", 1)  # down
	graded(o["O2"], "Initial", "Ordinary", 3)  # missing
	graded(o["L1"], "Initial", "Lagging", 0)
	graded(o["L1"], "Year End", "Lagging", 0)  # same
	doc = frappe.get_doc({"doctype": "Annual Summary", "reporting_unit": street.name, "campaign_year": year()}).insert()
	assert str(doc.due_date) == "2012-12-03"
	assert (doc.organizations_count, doc.moved_up, doc.stayed, doc.moved_down, doc.missing_year_end) == (4, 1, 1, 1, 1)
	rates = {r.rate: (r.numerator, r.denominator, r.rate_value, r.met) for r in doc.rates}
	assert rates["四星级党组织升级率"] == (1, 1, "100.0%", "达到")
	assert rates["一般党组织升级率"] == (0, 2, "0.0%", "未达到")
	assert rates["一星级党组织升级率"] == (0, 0, "—", "—")
	assert "晋位升级1个" in doc.summary_text and "后进党组织转化率：0/1" in doc.summary_text
	doc.summary_text = "我们的总结"
	doc.save()
	doc.regenerate(overwrite_text=0)
	assert doc.summary_text == "我们的总结"
	doc.submit()
	with pytest.raises(frappe.ValidationError, match="不是上报单位"):
		frappe.get_doc({"doctype": "Annual Summary", "reporting_unit": o["A1"], "campaign_year": year()}).insert()
	html = frappe.get_print("Annual Summary", doc.name, print_format="年度工作总结")
	assert "工作总结" in html and "四星级党组织升级率" in html
	# who submitted it, and when: the print's sign-off
	assert doc.submitted_by == "Administrator" and doc.submitted_on
	assert f"报送人：Administrator　{frappe.utils.getdate(doc.submitted_on).strftime('%Y年%m月%d日')}" in html


def test_the_annual_summary_exports_its_tables_in_the_official_layout(tree):
	"""导出Excel（正式格式） of a submitted annual summary over REST, re-read with openpyxl: title,
	填报单位, 填报时间 (its submission), the movements and the rates as stored, the notes; refused
	to a secretary and to another street's administrator."""
	import io

	from openpyxl import load_workbook

	from sanfenlei_app.excel import RATE_NOTES, SUMMARY_MOVES, SUMMARY_RATES

	d = tree.district()
	street, other = tree.street(d, "汇总街道"), tree.street(d, "别的汇总街道")
	o = {n: tree.org(n, "Grassroots", street.name, domain="Community").name for n in ("A", "O", "L")}
	graded(o["A"], "Initial", "Advanced", 4)
	graded(o["A"], "Year End", "Advanced", 5)
	graded(o["O"], "Initial", "Ordinary", 3)
	graded(o["L"], "Initial", "Lagging", 0)
	graded(o["L"], "Year End", "Ordinary", 1)
	doc = frappe.get_doc({"doctype": "Annual Summary", "reporting_unit": street.name, "campaign_year": year()}).insert()
	doc.submit()
	users = role_users(district="District Admin", unit="Reporting Unit Admin", other="Reporting Unit Admin",
		sec="Organization Secretary")
	tree.admin(street, users["unit"])
	tree.admin(other, users["other"])
	frappe.db.commit()
	path = "/api/method/sanfenlei_app.excel.export_annual_summary"
	for who in ("district", "unit"):
		r = Rest(users[who]).get(path, name=doc.name)
		assert r.status_code == 200 and r.content[:2] == b"PK", (who, r.status_code, r.text[:300])
	ws = load_workbook(io.BytesIO(r.content)).active
	cells = [list(row) for row in ws.iter_rows(values_only=True)]
	y = frappe.db.get_value("Campaign Year", year(), "year")
	on = frappe.utils.getdate(doc.submitted_on)
	assert cells[0][0] == f"{street.name}{y}年度“三分类三升级”活动工作总结附表"
	assert cells[1][0] == f"填报单位：{street.name}" and cells[1][3] == f"填报时间：{on.year}年{on.month}月{on.day}日"
	assert cells[3][:5] == [label for _f, label in SUMMARY_MOVES]
	assert cells[4][:5] == [doc.get(f) for f, _l in SUMMARY_MOVES] == [3, 2, 0, 0, 1], cells[4]  # A and L up, O without a year-end result
	assert cells[6] == [label for _f, label, _w in SUMMARY_RATES] and ws.print_title_rows.replace("$", "") == "7:7"
	got = cells[7:7 + len(doc.rates)]
	assert got == [[r.get(f) for f, _l, _w in SUMMARY_RATES] for r in doc.rates] and len(got) >= 5, got
	assert [row[0] for row in cells if row and row[0] in RATE_NOTES] == list(RATE_NOTES)
	assert any(str(row[0]).startswith("4.表中数据按分类管理台账生成于") for row in cells if row)
	print("\nannual summary export:", cells[4][:5], got[:2])
	for who in ("sec", "other"):
		assert Rest(users[who]).get(path, name=doc.name).status_code == 403, who


def test_a_systems_summary_and_rates_use_its_domains_targets_and_name_its_scope(tree):
	"""A system committee whose organisations are all 机关事业单位: its annual summary's targets are
	that domain's (as the rates report's), not the community's; the rates report run by its
	administrator names the system as 统计范围, not 全区."""
	from sanfenlei_app.sanfenlei_app.report.upgrade_rate_statistics.upgrade_rate_statistics import execute

	d = tree.district()
	system = tree.system(d, "目标系统党委")
	orgs = [tree.org(f"机关{i}", "Grassroots", system.name, domain="Public Institution").name for i in range(3)]
	for org in orgs:
		graded(org, "Initial", "Ordinary", 3)
	doc = frappe.get_doc({"doctype": "Annual Summary", "reporting_unit": system.name, "campaign_year": year()}).insert()
	unit = make_user(f"tg-unit-{uid()}@test.local", ["Reporting Unit Admin"])
	tree.admin(system, unit)
	frappe.set_user(unit)
	try:
		_cols, report = execute({"campaign_year": year(), "group_by": "Domain"})
	finally:
		frappe.set_user("Administrator")
	mine = {r["rate"]: r["target"] for r in report if r["domain"] == frappe._("Public Institution")}
	assert {r.rate: r.target for r in doc.rates} == mine and mine, (doc.rates, mine)
	assert {r["scope"] for r in report} == {system.name}, {r["scope"] for r in report}
	frappe.db.rollback()
