"""The five grading steps and the district's check, walked by the right users through
REST, and every wrong user, wrong step and skipped step refused with nothing saved."""

import json
import re

import frappe
import pytest

from .conftest import Rest, make_user, role_users, uid, message
from .test_status_survey import year

APPLY = "/api/method/frappe.model.workflow.apply_workflow"


@pytest.fixture(scope="module")
def line():
	from .conftest import Tree

	frappe.set_user("Administrator")
	t = Tree()
	d = t.district()
	a, b = t.street(d, "甲街道"), t.street(d, "乙街道")
	users = role_users(sec="Organization Secretary", other_sec="Organization Secretary", unit="Reporting Unit Admin",
		other_unit="Reporting Unit Admin", district="District Admin")
	t.admin(a, users["unit"])
	t.admin(b, users["other_unit"])
	frappe.db.commit()
	return frappe._dict(t=t, d=d, a=a, b=b, users=users, api={k: Rest(v) for k, v in users.items()})


def new_org(line, secretary="sec"):
	org = line.t.org(f"社区{uid()}", "Grassroots", line.a.name, domain="Community")
	org.secretary_user = line.users[secretary]
	org.save()
	frappe.db.commit()
	return org


def create_sheet(line, org, deduction=12):
	api = line.api["sec"]
	r = api.post("/api/resource/Assessment Sheet", {"organization": org.name, "campaign_year": year(), "phase": "Initial"})
	assert r.status_code == 200, r.text
	doc = r.json()["data"]
	first = min(deduction, doc["items"][0]["max_points"])
	doc["entries"] = [{"item_no": 1, "points": first, "reason": "对照标准检查"}]
	if deduction > first:
		doc["entries"].append({"item_no": 2, "points": deduction - first, "reason": "对照标准检查"})
	doc["satisfaction"] = 92
	r = api.put(f"/api/resource/Assessment Sheet/{doc['name']}", doc)
	assert r.status_code == 200, r.text
	return r.json()["data"]


def act(api, name, action, **fields):
	if fields:
		r = api.put(f"/api/resource/Assessment Sheet/{name}", fields)
		if r.status_code != 200:
			return r
	doc = api.get(f"/api/resource/Assessment Sheet/{name}").json().get("data") or {"name": name, "doctype": "Assessment Sheet"}
	return api.post(APPLY, {"doc": doc, "action": action})


def state(name):
	frappe.db.rollback()
	return frappe.db.get_value("Assessment Sheet", name, ["workflow_state", "docstatus"])


def walk_to_superior(line, name):
	sec = line.api["sec"]
	steps = [
		("Start Mass Review", {}),
		("Complete Mass Review", {"mass_meeting_date": "2012-04-05", "mass_attendance": 35, "mass_grade": "Advanced"}),
		("Complete Member Appraisal", {"member_meeting_date": "2012-04-08", "member_attendance": 48, "member_grade": "Advanced"}),
		("Submit Self Grade for Review", {"self_grade": "Advanced", "self_basis": "两次会议均评为先进，近三年考核优秀"}),
		("Ballot Passed", {"votes_for": 30, "votes_against": 5, "votes_abstain": 3}),
	]
	for action, fields in steps:
		r = act(sec, name, action, **fields)
		assert r.status_code == 200, (action, r.text[-500:])


def test_full_walk_by_the_right_users_ends_in_the_ledger(line):
	org = new_org(line)
	sheet = create_sheet(line, org, deduction=12)
	name = sheet["name"]
	assert state(name) == ("Draft", 0)
	walk_to_superior(line, name)
	assert state(name) == ("Superior Decision", 0)
	r = act(line.api["unit"], name, "Report to District", decided_grade="Advanced", decided_stars=4)
	assert r.status_code == 200, r.text[-500:]
	r = act(line.api["district"], name, "Approve", district_opinion="同意")
	assert r.status_code == 200, r.text[-500:]
	assert state(name) == ("Graded", 1)
	doc = frappe.get_doc("Assessment Sheet", name)
	assert [(s.from_state, s.to_state) for s in doc.steps] == [
		("Draft", "Mass Preliminary Review"), ("Mass Preliminary Review", "Party Member Appraisal"),
		("Party Member Appraisal", "Self Grading"), ("Self Grading", "Members and Masses Review"),
		("Members and Masses Review", "Superior Decision"), ("Superior Decision", "District Review"),
		("District Review", "Graded"),
	]
	assert doc.steps[4].result == "赞成30票，反对5票，弃权3票，通过"
	assert doc.steps[5].user == line.users["unit"] and doc.steps[6].user == line.users["district"]
	assert frappe.db.get_value("Party Organization", org.name, ["current_grade", "current_stars"]) == ("Advanced", 4)


def test_ballot_with_exactly_half_for_returns_to_self_grading(line):
	org = new_org(line)
	name = create_sheet(line, org)["name"]
	sec = line.api["sec"]
	for action, fields in [
		("Start Mass Review", {}),
		("Complete Mass Review", {"mass_meeting_date": "2012-04-05", "mass_attendance": 20, "mass_grade": "Ordinary"}),
		("Complete Member Appraisal", {"member_meeting_date": "2012-04-06", "member_attendance": 20, "member_grade": "Ordinary"}),
		("Submit Self Grade for Review", {"self_grade": "Advanced", "self_basis": "自评"}),
	]:
		assert act(sec, name, action, **fields).status_code == 200
	# 10 for of 20 valid votes is exactly half: not passed
	r = act(sec, name, "Ballot Passed", votes_for=10, votes_against=8, votes_abstain=2)
	assert r.status_code != 200
	assert state(name) == ("Members and Masses Review", 0)
	r = act(sec, name, "Ballot Failed")
	assert r.status_code == 200, r.text[-300:]
	assert state(name) == ("Self Grading", 0)
	r = act(sec, name, "Submit Self Grade for Review", self_grade="Ordinary")
	assert r.status_code == 200
	r = act(sec, name, "Ballot Passed", votes_for=11, votes_against=8, votes_abstain=1)
	assert r.status_code == 200, r.text[-300:]
	assert state(name) == ("Superior Decision", 0)


def test_wrong_users_and_skipped_steps_are_refused(line):
	org = new_org(line)
	name = create_sheet(line, org)["name"]
	# the unit cannot act in the secretary's steps, another secretary cannot even see the sheet
	assert act(line.api["unit"], name, "Start Mass Review").status_code != 200
	assert line.api["other_sec"].get(f"/api/resource/Assessment Sheet/{name}").status_code == 403
	assert act(line.api["other_sec"], name, "Start Mass Review").status_code != 200
	# skipping: jump straight to a later state through REST
	r = line.api["sec"].put(f"/api/resource/Assessment Sheet/{name}", {"workflow_state": "Superior Decision"})
	assert r.status_code != 200
	# a step left without its record
	assert act(line.api["sec"], name, "Start Mass Review").status_code == 200
	r = act(line.api["sec"], name, "Complete Mass Review")
	assert r.status_code != 200 and "请先填写" in message(r)
	assert state(name) == ("Mass Preliminary Review", 0)
	# creating a sheet directly in a later state
	org2 = new_org(line)
	r = line.api["sec"].post("/api/resource/Assessment Sheet", {"organization": org2.name, "campaign_year": year(),
		"workflow_state": "District Review"})
	assert r.status_code == 200 and r.json()["data"]["workflow_state"] == "Draft"


def test_decisions_and_returns_need_reasons_and_stay_in_the_band(line):
	org = new_org(line)
	name = create_sheet(line, org, deduction=12)["name"]  # 88 points: Advanced, 4 stars by the score
	walk_to_superior(line, name)
	unit, other_unit = line.api["unit"], line.api["other_unit"]
	assert act(other_unit, name, "Report to District", decided_grade="Advanced", decided_stars=4).status_code != 200
	r = act(unit, name, "Report to District", decided_grade="Advanced", decided_stars=3)
	assert r.status_code != 200 and "4至5星级" in message(r)
	r = act(unit, name, "Report to District", decided_grade="Ordinary", decided_stars=3, decision_reason="")
	assert r.status_code != 200 and "须写明理由" in message(r)
	r = act(unit, name, "Return")
	assert r.status_code != 200 and "退回须写明理由" in message(r)
	r = act(unit, name, "Return", return_reason="投票记录不清，请补充")
	assert r.status_code == 200, r.text[-300:]
	assert state(name) == ("Members and Masses Review", 0)
	doc = frappe.get_doc("Assessment Sheet", name)
	assert doc.steps[-1].reason == "投票记录不清，请补充" and not doc.return_reason
	assert act(line.api["sec"], name, "Ballot Passed").status_code == 200
	r = act(unit, name, "Report to District", decided_grade="Ordinary", decided_stars=3, decision_reason="平时掌握情况一般")
	assert r.status_code == 200, r.text[-300:]
	r = act(line.api["district"], name, "Return", return_reason="理由不充分")
	assert r.status_code == 200
	assert state(name) == ("Superior Decision", 0)


def test_graded_sheet_changes_only_by_revoke_and_amend(line):
	"""撤销定级 is a state of the workflow: District Admin only, with a reason; the organisation's
	grade and stars go back to its remaining approved sheets; Frappe's own cancel is refused;
	an amendment restarts at the beginning with the review's results cleared."""
	org = new_org(line)
	name = create_sheet(line, org)["name"]
	walk_to_superior(line, name)
	assert act(line.api["unit"], name, "Report to District", decided_grade="Advanced", decided_stars=4).status_code == 200
	assert act(line.api["district"], name, "Approve").status_code == 200
	frappe.db.rollback()
	assert frappe.db.get_value("Party Organization", org.name, ["current_grade", "current_stars"]) == ("Advanced", 4)
	r = line.api["district"].put(f"/api/resource/Assessment Sheet/{name}", {"satisfaction": 40})
	assert r.status_code != 200  # submitted
	for who in ("unit", "district"):  # Frappe's plain cancel, whoever asks
		r = line.api[who].post("/api/method/frappe.client.cancel", {"doctype": "Assessment Sheet", "name": name})
		assert r.status_code != 200 and state(name) == ("Graded", 1), (who, r.status_code)
	assert "审核流程" in message(line.api["district"].post("/api/method/frappe.client.cancel",
		{"doctype": "Assessment Sheet", "name": name}))
	assert act(line.api["unit"], name, "Revoke Grading", cancel_reason="x").status_code != 200  # not the unit's
	doc = line.api["district"].get(f"/api/resource/Assessment Sheet/{name}").json()["data"]
	# the list's bulk actions offer no revoke: its reason is given on the sheet's own form
	r = line.api["district"].post("/api/method/frappe.model.workflow.get_common_transition_actions",
		{"docs": json.dumps([doc]), "doctype": "Assessment Sheet"})
	assert r.status_code == 200 and "Revoke Grading" not in r.json()["message"], r.text[-300:]
	r = line.api["district"].post(APPLY, {"doc": doc, "action": "Revoke Grading"})
	assert r.status_code != 200 and "撤销须写明理由" in message(r) and state(name) == ("Graded", 1)
	r = line.api["district"].post(APPLY, {"doc": dict(doc, cancel_reason="评分依据有误，重新评定"), "action": "Revoke Grading"})
	assert r.status_code == 200, r.text[-400:]
	assert state(name) == ("Grading Revoked", 2)
	sheet = frappe.get_doc("Assessment Sheet", name)
	assert sheet.cancel_reason == "评分依据有误，重新评定"
	assert (sheet.steps[-1].to_state, sheet.steps[-1].reason, sheet.steps[-1].user) == (
		"Grading Revoked", "评分依据有误，重新评定", line.users["district"])
	assert frappe.db.get_value("Party Organization", org.name, ["current_grade", "current_stars"]) == (None, 0)
	# amend: what the desk's Amend button does, then the review restarts from the beginning
	frappe.set_user(line.users["district"])
	new = frappe.copy_doc(sheet, ignore_no_copy=False)  # as the desk's 修订 copies (no_copy fields left out)
	new.docstatus, new.amended_from = 0, sheet.name
	assert not new.decided_grade and not new.steps  # the amended form shows no old result
	new.insert()
	frappe.set_user("Administrator")
	assert (new.workflow_state, new.amended_from, len(new.steps)) == ("Draft", name, 0)
	assert not any(new.get(f) for f in ("decided_grade", "self_grade", "votes_for", "cancel_reason", "secretary_confirmed_by"))
	assert [i.deduction for i in new.items] == [i.deduction for i in sheet.items]  # the scoring is kept
	frappe.db.rollback()


def test_no_step_is_skipped_by_changing_the_docstatus(line):
	"""Every way of submitting outside a workflow action is refused for a sheet under review,
	even for the District Admin: Frappe's submit, a PUT with docstatus (and with the final state),
	the list's bulk Submit, an insert straight at docstatus 1 (Data Import's "submit after
	import"); the sheet stays where it was, its log empty, the organisation's grade untouched."""
	from .test_rates_report import graded

	org = new_org(line)
	graded(org.name, "Initial", "Ordinary", 2)  # an earlier approved result that must survive
	frappe.db.set_value("Party Organization", org.name, {"current_grade": "Ordinary", "current_stars": 2})
	frappe.db.commit()
	name = create_sheet_year_end(org)
	district = line.api["district"]
	doc = district.get(f"/api/resource/Assessment Sheet/{name}").json()["data"]
	attempts = {
		"frappe.client.submit": district.post("/api/method/frappe.client.submit", {"doc": doc}),
		"PUT docstatus": district.put(f"/api/resource/Assessment Sheet/{name}", {"docstatus": 1}),
		"PUT docstatus and state": district.put(f"/api/resource/Assessment Sheet/{name}",
			{"docstatus": 1, "workflow_state": "Confirmed", "decided_grade": "Advanced", "decided_stars": 5}),
		"savedocs Submit": district.post("/api/method/frappe.desk.form.save.savedocs",
			{"doc": json.dumps(dict(doc, docstatus=0)), "action": "Submit"}),
		"bulk submit": district.post("/api/method/frappe.desk.doctype.bulk_update.bulk_update.submit_cancel_or_update_docs",
			{"doctype": "Assessment Sheet", "action": "submit", "docnames": json.dumps([name])}),
	}
	for how, r in attempts.items():
		assert state(name) == ("Draft", 0), (how, r.status_code, r.text[-300:])
	assert "审核流程" in message(attempts["frappe.client.submit"])
	frappe.db.rollback()
	assert frappe.db.get_value("Party Organization", org.name, ["current_grade", "current_stars"]) == ("Ordinary", 2)
	assert not frappe.get_doc("Assessment Sheet", name).steps
	# a plain save of the final state, where the workflow allows the move but not at this docstatus
	frappe.db.set_value("Assessment Sheet", name, {"workflow_state": "District Review", "decided_grade": "Ordinary",
		"decided_stars": 2})
	frappe.db.commit()
	r = district.put(f"/api/resource/Assessment Sheet/{name}", {"workflow_state": "Confirmed"})
	assert r.status_code == 403 and state(name) == ("District Review", 0), r.text[-300:]
	other = new_org(line)
	r = district.post("/api/resource/Assessment Sheet", {"organization": other.name, "campaign_year": year(),
		"phase": "Initial", "docstatus": 1, "workflow_state": "Graded", "decided_grade": "Advanced"})
	assert r.status_code != 200
	frappe.db.rollback()
	assert not frappe.db.exists("Assessment Sheet", {"organization": other.name})


def test_revoking_restores_the_previous_approved_grading(line):
	"""An organisation graded in April and re-graded in December: revoking December's result
	puts April's grade back, and every figure that counts it agrees."""
	from .test_rates_report import graded

	org = new_org(line)
	graded(org.name, "Initial", "Ordinary", 2)
	frappe.db.commit()
	name = create_sheet_year_end(org)
	frappe.set_user("Administrator")
	sheet = frappe.get_doc("Assessment Sheet", name)
	sheet.db_set({"decided_grade": "Advanced", "decided_stars": 5, "workflow_state": "District Review"})
	frappe.db.commit()
	assert act(line.api["district"], name, "Approve").status_code == 200
	frappe.db.rollback()
	assert frappe.db.get_value("Party Organization", org.name, ["current_grade", "current_stars"]) == ("Advanced", 5)
	doc = line.api["district"].get(f"/api/resource/Assessment Sheet/{name}").json()["data"]
	r = line.api["district"].post(APPLY, {"doc": dict(doc, cancel_reason="年底验收材料不实"), "action": "Revoke Grading"})
	assert r.status_code == 200, r.text[-400:]
	frappe.db.rollback()
	assert frappe.db.get_value("Party Organization", org.name, ["current_grade", "current_stars"]) == ("Ordinary", 2)
	# the ledger and the year-end statistics agree: April's result stays, December's is gone
	from sanfenlei_app.annexes import execute_report
	from sanfenlei_app.sanfenlei_app.report.classification_ledger.classification_ledger import execute as ledger

	rows = [r for r in ledger({"reporting_unit": line.a.name})[1] if r.organization == org.name]
	assert [(r.initial_grade, r.initial_stars, r.year_end_grade) for r in rows] == [("一般", 2, "")]
	listed = execute_report("annex3", {"campaign_year": year(), "phase": "Year End", "reporting_unit": line.a.name})[1]
	assert org.name not in {r.get("organization") for r in listed}


def create_sheet_year_end(org):
	from sanfenlei_app.grading import load_standard

	sheet = frappe.get_doc({"doctype": "Assessment Sheet", "organization": org.name, "campaign_year": year(), "phase": "Year End"})
	load_standard(sheet)
	sheet.insert()
	frappe.db.commit()
	return sheet.name


def test_only_the_secretary_signs(line):
	org = new_org(line)
	name = create_sheet(line, org)["name"]
	method = "/api/method/sanfenlei_app.sanfenlei_app.doctype.assessment_sheet.assessment_sheet.confirm_as_secretary"
	assert line.api["unit"].post(method, {"name": name}).status_code == 403
	assert line.api["sec"].post(method, {"name": name}).status_code == 200
	frappe.db.rollback()
	assert frappe.db.get_value("Assessment Sheet", name, "secretary_confirmed_by") == line.users["sec"]


def test_measures_at_most_150_characters(line):
	org = new_org(line)
	name = create_sheet(line, org)["name"]
	r = line.api["sec"].put(f"/api/resource/Assessment Sheet/{name}", {"rectification_measures": "措" * 151})
	assert r.status_code != 200 and "不超过150字" in message(r)
	assert line.api["sec"].put(f"/api/resource/Assessment Sheet/{name}", {"rectification_measures": "措" * 150}).status_code == 200


def test_street_committee_variant_with_department_opinions(line):
	evaluator = make_user(f"ev-{uid()}@test.local", ["Evaluation Department"])
	frappe.db.commit()
	ev = Rest(evaluator)
	unit, district = line.api["unit"], line.api["district"]
	r = unit.post("/api/resource/Assessment Sheet", {"organization": line.a.name, "campaign_year": year()})
	assert r.status_code == 200, r.text[-300:]
	name = r.json()["data"]["name"]
	assert act(line.api["sec"], name, "Start Mass Review").status_code != 200  # not the grassroots path
	assert act(unit, name, "Start Street Self Scoring").status_code == 200
	doc = unit.get(f"/api/resource/Assessment Sheet/{name}").json()["data"]
	doc["entries"] = [{"item_no": 1, "points": 5, "reason": "辖区党建覆盖不全"}]
	assert unit.put(f"/api/resource/Assessment Sheet/{name}", doc).status_code == 200
	# opinions only while the departments are consulted
	opinion = {"sheet": name, "department": "Petition Bureau", "opinion": "信访总量下降", "proposed_deduction": 2,
		"deduction_reason": "有一起重复访"}
	assert ev.post("/api/resource/Evaluation Opinion", opinion).status_code != 200
	assert act(unit, name, "Submit Street Self Scoring").status_code == 200
	assert state(name) == ("Department Opinions", 0)
	r = ev.post("/api/resource/Evaluation Opinion", opinion)
	assert r.status_code == 200, r.text[-300:]
	assert ev.post("/api/resource/Evaluation Opinion", opinion).status_code != 200  # one per department
	assert act(unit, name, "Close Opinions").status_code != 200  # the district decides
	assert act(district, name, "Close Opinions").status_code == 200
	r = act(district, name, "Approve", decided_grade="Advanced", decided_stars=5)
	assert r.status_code == 200, r.text[-300:]
	assert state(name) == ("Graded", 1)
	frappe.db.rollback()
	assert frappe.db.get_value("Party Organization", line.a.name, "current_grade") == "Advanced"


def test_excellent_sites_over_30_percent_need_the_districts_exception(line):
	sites = [line.t.org(f"站点{i}-{uid()}", "Grassroots", line.a.name, domain="Remote Education Site") for i in range(3)]
	frappe.db.commit()
	unit = line.api["unit"]
	names = []
	for site in sites:
		r = unit.post("/api/resource/Assessment Sheet", {"organization": site.name, "campaign_year": year()})
		assert r.status_code == 200, r.text[-300:]
		names.append(r.json()["data"]["name"])
	# move them to the superior's decision as Administrator (the steps are tested above)
	frappe.db.rollback()
	for name in names:
		doc = frappe.get_doc("Assessment Sheet", name)
		doc.db_set({"workflow_state": "Superior Decision", "self_grade": "Advanced"})
	frappe.db.commit()
	# one excellent site of three is 33%: over 30%
	r = act(unit, names[0], "Report to District", decided_grade="Advanced", decided_stars=0)
	assert r.status_code != 200 and "超过30%" in message(r)
	r = act(unit, names[0], "Report to District", decided_grade="Ordinary", decided_stars=0, decision_reason="按比例控制")
	assert r.status_code == 200, r.text[-300:]
	cy = frappe.get_doc("Campaign Year", year())
	cy.append("site_share_exceptions", {"street": line.a.name, "reason": "该街道站点建设整体突出"})
	cy.save()
	frappe.db.commit()
	r = act(unit, names[1], "Report to District", decided_grade="Advanced", decided_stars=0)
	assert r.status_code == 200, r.text[-300:]


def test_overdue_flag_and_the_responsible_user(line):
	from sanfenlei_app.sanfenlei_app.doctype.assessment_sheet.assessment_sheet import is_overdue

	org = new_org(line)
	name = create_sheet(line, org)["name"]
	frappe.db.rollback()
	sheet = frappe.get_doc("Assessment Sheet", name)
	assert str(sheet.due_date) == f"{year()}-04-18"
	assert sheet.current_owner_email == line.users["sec"]
	assert is_overdue("Draft", "2012-04-18", today="2012-04-19")
	assert not is_overdue("Draft", "2012-04-18", today="2012-04-18")
	assert not is_overdue("District Review", "2012-04-18", today="2012-05-01")
	assert sheet.is_overdue == 1  # 2012-04-18 is long past
	assert frappe.db.get_value("Notification", "Sheet Deadline Reminder", ["document_type", "days_in_advance", "enabled"]) == (
		"Assessment Sheet", 3, 1)


def test_ledger_report_shows_the_approved_grades_of_the_users_subtree(line):
	org = new_org(line)
	name = create_sheet(line, org)["name"]
	walk_to_superior(line, name)
	assert act(line.api["unit"], name, "Report to District", decided_grade="Advanced", decided_stars=4).status_code == 200
	assert act(line.api["district"], name, "Approve").status_code == 200
	run = "/api/method/frappe.desk.query_report.run"
	for who, visible in (("unit", True), ("other_unit", False), ("district", True)):
		# the desk shows a page of organisations at a time: its unit's page for those who may see it
		filters = {"campaign_year": year()} | ({"reporting_unit": line.a.name} if visible else {})
		r = line.api[who].post(run, {"report_name": "Classification Ledger", "filters": filters})
		assert r.status_code == 200, r.text[-300:]
		rows = [row for row in r.json()["message"]["result"] if isinstance(row, dict)]
		mine = [row for row in rows if row.get("organization") == org.name]
		assert bool(mine) == visible, who
		if visible:
			assert (mine[0]["initial_grade"], mine[0]["initial_stars"], mine[0]["movement"]) == ("先进", 4, "待验收")


def test_bulk_creation_for_a_unit_skips_existing_sheets_and_other_units(line):
	from sanfenlei_app.bulk import create_sheets_for_unit

	street = line.t.street(line.d, f"批量街道{uid()}")
	orgs = [line.t.org(f"批量社区{i}-{uid()}", "Grassroots", street.name, domain="Community") for i in range(4)]
	dissolved = orgs[3]
	dissolved.status, dissolved.status_date = "Dissolved", "2012-01-10"
	dissolved.save()
	frappe.get_doc({"doctype": "Assessment Sheet", "organization": orgs[0].name, "campaign_year": year()}).insert()
	result = create_sheets_for_unit(street.name, year())
	assert result == {"created": 3}  # the street itself and two communities; not the one with a sheet, not the dissolved
	have = set(frappe.get_all("Assessment Sheet", filters={"reporting_unit": street.name, "campaign_year": year()}, pluck="organization"))
	assert have == {street.name, orgs[0].name, orgs[1].name, orgs[2].name}
	assert create_sheets_for_unit(street.name, year()) == {"created": 0}
	frappe.set_user(line.users["other_unit"])
	with pytest.raises(frappe.PermissionError):
		create_sheets_for_unit(street.name, year())


def test_year_end_acceptance_path(line):
	org = new_org(line)
	sec, unit, district = line.api["sec"], line.api["unit"], line.api["district"]
	r = sec.post("/api/resource/Assessment Sheet", {"organization": org.name, "campaign_year": year(), "phase": "Year End"})
	assert r.status_code == 200, r.text[-300:]
	name = r.json()["data"]["name"]
	assert act(sec, name, "Start Mass Review").status_code != 200  # the April path is not for December
	assert act(sec, name, "Start Self Check").status_code == 200
	r = act(sec, name, "Submit Self Check")
	assert r.status_code != 200 and "请先填写" in message(r)
	r = act(sec, name, "Submit Self Check", self_check_report="全年争创目标已完成", appraisal_meeting_date="2012-11-28",
		self_check_grade="Advanced")
	assert r.status_code == 200, r.text[-300:]
	assert act(sec, name, "Submit Satisfaction Test", satisfaction=91).status_code == 200
	assert act(line.api["other_unit"], name, "Report to District", decided_grade="Advanced", decided_stars=5).status_code != 200
	r = act(unit, name, "Report to District", decided_grade="Advanced", decided_stars=5, honour="municipal",
		decision_reason="获评市级先进基层党组织")
	assert r.status_code == 200, r.text[-300:]
	assert act(district, name, "Approve").status_code == 200
	assert state(name) == ("Confirmed", 1)
	doc = frappe.get_doc("Assessment Sheet", name)
	assert doc.steps[0].result == "" and doc.steps[1].result == "自查初评为先进" and doc.honour == "municipal"
	assert str(doc.due_date) == f"{year()}-12-03"
	assert frappe.db.get_value("Party Organization", org.name, ["current_grade", "current_stars"]) == ("Advanced", 5)


def test_bulk_created_sheets_equal_sheets_made_one_by_one(line):
	"""The bulk path writes what the ORM would: same items, vetoes, grade, deadline and owner."""
	from sanfenlei_app.bulk import _create

	street = line.t.street(line.d, f"对照街道{uid()}")
	orgs = [line.t.org(f"对照社区{i}-{uid()}", "Grassroots", street.name, domain="Community",
		secretary_user=line.users["sec"] if i else None) for i in range(3)]
	one = frappe.get_doc({"doctype": "Assessment Sheet", "organization": orgs[0].name, "campaign_year": year()}).insert()
	assert _create([o.name for o in orgs[1:]], year(), "Initial") == 2
	for org in orgs[1:]:
		bulk = frappe.get_doc("Assessment Sheet", {"organization": org.name, "campaign_year": year()})
		assert re.fullmatch(rf"FLB-{year()}-\d{{5}}", bulk.name)
		for f in ("workflow_state", "total_score", "grade", "stars", "standard", "due_date", "reporting_unit", "domain", "docstatus"):
			assert bulk.get(f) == one.get(f), f
		assert [(i.content, i.max_points, i.score) for i in bulk.items] == [(i.content, i.max_points, i.score) for i in one.items]
		assert [(v.code, v.kind) for v in bulk.vetoes] == [(v.code, v.kind) for v in one.vetoes]
		assert bulk.current_owner_email == line.users["sec"]
		bulk.append("entries", {"item_no": 1, "points": 2, "reason": "对照标准检查"})
		bulk.save()  # a bulk-made sheet saves like any other
		assert bulk.total_score == one.total_score - 2


def test_a_desk_move_caught_in_a_deadlock_is_taken_again(line, monkeypatch):
	"""The desk's action buttons call frappe.model.workflow.apply_workflow; the app's override
	takes a move again when MariaDB reports a deadlock: what the failed attempt wrote is rolled
	back, the move is made once."""
	from frappe.model import workflow

	name = create_sheet(line, new_org(line))["name"]
	target = frappe.get_attr(
		frappe.get_hooks("override_whitelisted_methods")["frappe.model.workflow.apply_workflow"][-1])
	calls, original = [], workflow.apply_workflow

	def moves_then_deadlocks(times):
		def fake(doc, action):
			calls.append(action)
			moved = original(doc, action)  # the move is written, then the deadlock strikes
			if len(calls) <= times:
				raise frappe.QueryDeadlockError("Deadlock found when trying to get lock")
			return moved
		return fake

	frappe.db.rollback()  # see the sheet made through REST
	frappe.set_user(line.users["sec"])
	try:
		monkeypatch.setattr(workflow, "apply_workflow", moves_then_deadlocks(2))
		target(frappe.get_doc("Assessment Sheet", name).as_dict(), "Start Mass Review")
		frappe.db.commit()
		assert calls == ["Start Mass Review"] * 3
		assert state(name) == ("Mass Preliminary Review", 0)
		steps = frappe.get_all("Assessment Sheet Step", filters={"parent": name}, fields=["from_state", "to_state"])
		assert [(s.from_state, s.to_state) for s in steps] == [("Draft", "Mass Preliminary Review")]  # once

		# a deadlock that does not go away: refused in Chinese, the sheet where it was
		frappe.db.set_value("Assessment Sheet", name, {"mass_meeting_date": "2012-04-05", "mass_attendance": 35,
			"mass_grade": "Advanced"})
		frappe.db.commit()
		calls.clear()
		monkeypatch.setattr(workflow, "apply_workflow", moves_then_deadlocks(99))
		with pytest.raises(frappe.ValidationError, match="系统繁忙"):
			target(frappe.get_doc("Assessment Sheet", name).as_dict(), "Complete Mass Review")
		assert len(calls) == 3 and state(name) == ("Mass Preliminary Review", 0)

		# a caller that wrote before the move: its work is not thrown away by a retry; the deadlock is its own
		calls.clear()
		frappe.db.set_value("Assessment Sheet", name, "contact_phone", "028-12345678")
		with pytest.raises(frappe.QueryDeadlockError):
			target(frappe.get_doc("Assessment Sheet", name).as_dict(), "Complete Mass Review")
		assert len(calls) == 1
	finally:
		frappe.db.rollback()
		frappe.set_user("Administrator")
