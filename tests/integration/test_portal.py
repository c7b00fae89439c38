"""The portal's server side and the dashboards' scope on a real site: a secretary's home
lists only their organisation, web forms cannot write for another organisation, portal
moves follow the workflow, and a unit admin's dashboard figures cover only its subtree."""

import json

import frappe
import pytest

from .conftest import BASE_URL, Rest, role_users, uid, message
from .test_rates_report import graded
from .test_status_survey import survey_values, year


@pytest.fixture(scope="module")
def town():
	from .conftest import Tree

	frappe.set_user("Administrator")
	t = Tree()
	d = t.district()
	a, b = t.street(d, "甲街道"), t.street(d, "乙街道")
	users = role_users(sec="Organization Secretary", unit="Reporting Unit Admin")
	mine = t.org("我的社区", "Grassroots", a.name, domain="Community", secretary_user=users["sec"])
	theirs = t.org("别人的社区", "Grassroots", b.name, domain="Community")
	t.admin(a, users["unit"])
	year()
	graded(mine.name, "Initial", "Advanced", 4)
	graded(theirs.name, "Initial", "Lagging", 0)
	frappe.db.set_value("Party Organization", mine.name, "current_grade", "Advanced")
	frappe.db.set_value("Party Organization", theirs.name, "current_grade", "Advanced")
	frappe.db.commit()
	return frappe._dict(a=a, b=b, mine=mine.name, theirs=theirs.name, users=users)


def test_home_lists_only_the_secretarys_organisation_and_its_forms(town):
	from sanfenlei_app import portal

	frappe.set_user(town.users["sec"])
	orgs = portal.my_organizations()
	assert [o.name for o in orgs] == [town.mine]
	items = portal.todo(orgs[0], year())
	titles = [i.title for i in items]
	assert "组织现状调查表" in titles and "争创目标和整改措施" in titles and "公开承诺书（附件7）" in titles
	sheet = next(i for i in items if i.doctype == "Assessment Sheet" and i.name)
	assert sheet.state == "已定级" and sheet.done
	# the approved April sheet opens the December one
	assert any(i.doctype == "Assessment Sheet" and i.name is None and i.phase == "Year End" for i in items)
	page = Rest(town.users["sec"]).s.get(f"{BASE_URL}/sanfenlei")
	assert page.status_code == 200 and town.mine in page.text and town.theirs not in page.text


def web_form_accept(user, form, data):
	r = Rest(user).post("/api/method/frappe.website.doctype.web_form.web_form.accept",
		{"web_form": form, "data": json.dumps(data)})
	return r


def test_web_forms_cannot_write_for_another_organisation(town):
	values = survey_values(town.theirs)
	values.pop("doctype")
	r = web_form_accept(town.users["sec"], "survey", values)
	assert r.status_code == 403 and "不能为" in message(r)
	frappe.db.rollback()
	assert not frappe.db.exists("Status Survey", {"organization": town.theirs})
	values = survey_values(town.mine)
	values.pop("doctype")
	r = web_form_accept(town.users["sec"], "survey", values)
	assert r.status_code == 200, r.text
	frappe.db.rollback()
	assert frappe.db.exists("Status Survey", {"organization": town.mine})
	r = web_form_accept(town.users["sec"], "commitment", {"organization": town.theirs, "campaign_year": year(),
		"commitments": "替别人承诺"})
	assert r.status_code == 403
	frappe.db.rollback()
	assert not frappe.db.exists("Organization Commitment", {"organization": town.theirs})


def test_portal_moves_follow_the_workflow(town):
	api = Rest(town.users["sec"])
	org = frappe.get_doc({"doctype": "Party Organization", "organization_name": f"新社区-{uid()}",
		"org_level": "Grassroots", "parent_party_organization": town.a.name, "domain": "Community",
		"secretary_user": town.users["sec"]}).insert()
	frappe.db.commit()
	r = api.post("/api/method/sanfenlei_app.portal.start_sheet", {"organization": org.name})
	assert r.status_code == 200, r.text
	name = r.json()["message"]
	steps = api.get("/api/method/sanfenlei_app.portal.next_steps", doctype="Assessment Sheet", name=name).json()["message"]
	assert [s["action"] for s in steps] == ["Start Mass Review"] and steps[0]["label"] == "开始群众初评"
	r = api.post("/api/method/sanfenlei_app.portal.move", {"doctype": "Assessment Sheet", "name": name, "action": "Approve"})
	assert r.status_code == 403
	r = api.post("/api/method/sanfenlei_app.portal.move",
		{"doctype": "Assessment Sheet", "name": name, "action": "Start Mass Review"})
	assert r.status_code == 200 and r.json()["message"]["label"] == "群众初评"
	# another organisation's sheet is not the secretary's to start
	r = api.post("/api/method/sanfenlei_app.portal.start_sheet", {"organization": town.theirs, "phase": "Year End"})
	assert r.status_code == 403


def test_a_unit_admins_dashboard_covers_only_its_subtree(town):
	from frappe.desk.doctype.number_card.number_card import get_result

	from sanfenlei_app import dashboard

	frappe.set_user(town.users["unit"])
	rows = dashboard.grade_distribution({"campaign_year": year(), "view": "Reporting Unit"})
	assert [r["label"] for r in rows] == [town.a.name] and rows[0]["advanced"] == 1 and rows[0]["lagging"] == 0
	card = frappe.get_doc("Number Card", "先进党组织")
	value = get_result(card, card.filters_json)  # the widget sends the card's own filters
	frappe.set_user("Administrator")
	lft, rgt = frappe.db.get_value("Party Organization", town.a.name, ["lft", "rgt"])
	in_subtree = frappe.db.count("Party Organization", {"current_grade": "Advanced", "lft": [">=", lft], "rgt": ["<=", rgt]})
	assert value == in_subtree == 1
	assert get_result(card, card.filters_json) >= 2  # the district sees both streets
