"""Issue 29's findings, each as the user who found it tried it, inside their own subtree: forged decisions and
signatures, another's private file claimed through an Attach field, a print of a caller's copy, link searches
asking to ignore User Permissions on every campaign DocType. Each must be refused or not stored."""

import json

import frappe
import pytest

from .conftest import message, uid
from .test_evidence import upload
from .test_plans import RUN, act, approved_plan, grassroots, line  # noqa: F401  (fixture)
from .test_status_survey import year


def test_a_secretary_cannot_forge_the_superiors_decision_on_her_own_year_end_sheet(line):  # noqa: F811
	org = grassroots(line, "Ordinary", 2)
	sec = line.api["sec"]
	r = sec.post("/api/resource/Assessment Sheet", {"organization": org.name, "campaign_year": year(), "phase": "Year End",
		"decided_grade": "Advanced", "decided_stars": 5, "decision_reason": "伪造的评定", "district_opinion": "伪造的区委意见",
		"secretary_confirmed_by": line.users["other_sec"], "grade": "Advanced", "total_score": 100,
		"steps": [{"from_state": "District Review", "to_state": "Confirmed", "user": line.users["district"], "result": "伪造"}]})
	assert r.status_code == 200, message(r)
	name = r.json()["data"]["name"]
	frappe.db.rollback()
	sheet = frappe.get_doc("Assessment Sheet", name)
	assert (sheet.decided_grade, sheet.decided_stars, sheet.decision_reason, sheet.district_opinion,
		sheet.secretary_confirmed_by) == (None, 0, None, None, None)
	assert not sheet.steps
	# and afterwards: a step row claiming the district's approval, or the decision, on a save
	doc = sec.get(f"/api/resource/Assessment Sheet/{name}").json()["data"]
	doc["steps"] = [{"from_state": "District Review", "to_state": "Confirmed", "user": line.users["district"], "result": "伪造"}]
	r = sec.post("/api/method/frappe.client.save", {"doc": json.dumps(doc)})
	assert r.status_code == 403 and "不能直接修改" in message(r), (r.status_code, message(r))
	for field, value in (("decided_grade", "Advanced"), ("district_opinion", "伪造"), ("secretary_confirmed_by", line.users["sec"])):
		r = sec.put(f"/api/resource/Assessment Sheet/{name}", {field: value})
		assert r.status_code == 403, (field, r.status_code, message(r))
	frappe.db.rollback()
	assert not frappe.get_doc("Assessment Sheet", name).steps


def test_a_street_admin_cannot_sign_a_letter_by_set_value(line):  # noqa: F811
	org = grassroots(line, "Ordinary", 2)
	name = approved_plan(line, org)
	for field, value in (("letter_org_signed_by", line.users["sec"]), ("letter_status", "Signed by Both Sides"),
			("letter_superior_signed_on", "2012-05-01 10:00:00")):
		r = line.api["unit"].post("/api/method/frappe.client.set_value",
			{"doctype": "Upgrade Plan", "name": name, "fieldname": field, "value": value})
		assert r.status_code == 403, (field, r.status_code, message(r))
	frappe.db.rollback()
	assert frappe.db.get_value("Upgrade Plan", name, ["letter_org_signed_by", "letter_status"]) == (None, "Not Signed")


def test_a_street_admin_cannot_publish_a_commitment_in_the_secretarys_name(line):  # noqa: F811
	org = grassroots(line, "Ordinary", 2)
	unit = line.api["unit"]
	r = unit.post("/api/resource/Organization Commitment", {"organization": org.name, "campaign_year": year(),
		"commitments": "街道代写的承诺", "published": 1, "confirmed_by": line.users["sec"], "confirmed_on": "2012-05-01"})
	assert r.status_code == 200, message(r)
	name = r.json()["data"]["name"]
	frappe.db.rollback()
	assert frappe.db.get_value("Organization Commitment", name, ["published", "confirmed_by"]) == (0, None)
	r = unit.put(f"/api/resource/Organization Commitment/{name}", {"published": 1, "confirmed_by": line.users["sec"]})
	assert r.status_code == 403, (r.status_code, message(r))
	frappe.db.rollback()
	assert frappe.db.get_value("Organization Commitment", name, ["published", "confirmed_by"]) == (0, None)


def test_another_users_private_file_cannot_be_claimed_through_an_attach_field(line):  # noqa: F811
	org = grassroots(line, "Ordinary", 2)
	milestone = line.api["sec"].post("/api/resource/Upgrade Milestone", {"organization": org.name, "campaign_year": year(),
		"measure": "规范三会一课", "responsible": "张书记", "due_date": f"{year()}-11-30"})
	assert milestone.status_code == 200, message(milestone)
	foreign = upload(line.api["other_sec"], f"别人的证据-{uid()}.png")
	r = line.api["sec"].post("/api/resource/Milestone Progress", {"milestone": milestone.json()["data"]["name"],
		"progress_report": "冒用别人的照片", "reported_on": f"{year()}-06-01", "evidence": foreign})
	assert r.status_code == 403 and "不是您上传或有权查看的文件" in message(r), (r.status_code, message(r))
	assert line.api["sec"].get(foreign).status_code == 403  # and still not opened to her


def test_a_print_is_rendered_from_the_stored_document_not_the_callers_copy(line):  # noqa: F811
	mine = grassroots(line, "Ordinary", 2)
	theirs = grassroots(line, "Ordinary", 2, secretary="other_sec")
	sheet = frappe.db.get_value("Assessment Sheet", {"organization": theirs.name, "phase": "Initial"})
	copy = frappe.get_doc("Assessment Sheet", sheet).as_dict(convert_dates_to_str=True)
	copy["organization"] = mine.name  # her own organisation, written into the other sheet
	r = line.api["sec"].post("/api/method/frappe.www.printview.get_html_and_style",
		{"doc": json.loads(frappe.as_json(copy)), "print_format": "附件2 分类定级申报表"})
	assert r.status_code == 403, (r.status_code, r.text[:300])
	own = frappe.db.get_value("Assessment Sheet", {"organization": mine.name, "phase": "Initial"})
	forged = frappe.get_doc("Assessment Sheet", own).as_dict(convert_dates_to_str=True)
	forged["decision_reason"] = f"伪造的评定理由{uid()}"
	r = line.api["sec"].post("/api/method/frappe.www.printview.get_html_and_style",
		{"doc": json.loads(frappe.as_json(forged)), "print_format": "附件2 分类定级申报表"})
	assert r.status_code == 200 and forged["decision_reason"] not in r.text, r.status_code


@pytest.mark.parametrize("role", ["sec", "unit"])
def test_link_search_ignoring_user_permissions_stays_in_the_subtree_on_every_campaign_doctype(line, role):  # noqa: F811
	from sanfenlei_app.campaign_document import campaign_doctypes
	from sanfenlei_app.permissions import confined_doctypes

	confined = sorted(confined_doctypes() & set(campaign_doctypes()))
	leaks = {}
	for doctype in confined:
		r = line.api[role].post("/api/method/frappe.desk.search.search_link",
			{"doctype": doctype, "txt": "", "ignore_user_permissions": 1, "page_length": 500})
		names = [row["value"] for row in (r.json().get("message") or [])] if r.status_code == 200 else []
		frappe.set_user(line.users[role])
		outside = [n for n in names if not frappe.has_permission(doctype, "read", n)]
		frappe.set_user("Administrator")
		if outside:
			leaks[doctype] = outside[:3]
	print(f"\nlink search as {role}: {len(confined)} confined DocTypes searched")
	assert len(confined) >= 15 and not leaks, leaks
