"""The permission matrix: each role × each DocType × read / write / create / submit / cancel /
report / export, on a document inside and one outside the user's subtree, through Frappe's
permission API (what the desk and REST both ask) and through REST reads; and a guest against
every portal page and the app's API.  SPEC is the design, written out by hand."""

import frappe
import pytest
import requests

from .conftest import BASE_URL, SITE, Rest, make_user, uid
from .test_rates_report import graded
from .test_status_survey import survey_values, year

ALL = {"read", "write", "create", "report", "export"}
CAMPAIGN = ("Assessment Sheet", "Status Survey", "Upgrade Plan", "Organization Commitment", "Member Commitment",
	"Assistance Record", "Annual Summary")
SPEC = {
	"District Admin": {**{dt: ALL for dt in CAMPAIGN + ("Party Organization", "Campaign Year", "Assessment Standard")},
		"Assessment Sheet": ALL | {"submit", "cancel"}, "Upgrade Plan": ALL | {"submit", "cancel"},
		"Annual Summary": ALL | {"submit", "cancel"}},
	"Reporting Unit Admin": {**{dt: ALL for dt in CAMPAIGN + ("Party Organization",)},
		"Upgrade Plan": ALL | {"submit"}, "Annual Summary": ALL | {"submit"}, "Campaign Year": {"read", "report"},
		"Assessment Standard": {"read", "write", "create", "report"}},
	"Organization Secretary": {"Party Organization": {"read"}, "Assessment Sheet": {"read", "write", "create"},
		"Status Survey": {"read", "write", "create"}, "Upgrade Plan": {"read", "write", "create"},
		"Organization Commitment": {"read", "write", "create"}, "Member Commitment": {"read", "write", "create"},
		"Assistance Record": {"read"}, "Campaign Year": {"read"}, "Assessment Standard": {"read"}},
	"Evaluation Department": {"Party Organization": {"read", "report"}, "Assessment Sheet": {"read"},
		"Campaign Year": {"read"}, "Assessment Standard": {"read"}},
	"Campaign Leader": {**{dt: {"read", "report", "export"} for dt in CAMPAIGN + ("Party Organization", "Campaign Year")},
		"Member Commitment": {"read", "report"}, "Assessment Standard": {"read", "report"}},
	"Party Member": {"Member Commitment": {"read"}},
}
CONFINED = {"Reporting Unit Admin", "Organization Secretary"}
DOC_OPS = ("read", "write", "submit", "cancel")
TYPE_OPS = ("create", "report", "export")
DOCTYPES = CAMPAIGN + ("Party Organization", "Campaign Year", "Assessment Standard")


@pytest.fixture(scope="module")
def world():
	from .conftest import Tree

	frappe.set_user("Administrator")
	t = Tree()
	d = t.district()
	a, b = t.street(d, "矩阵甲街道"), t.street(d, "矩阵乙街道")
	users = {role: make_user(f"m{i}-{uid()}@test.local", [role]) for i, role in enumerate(SPEC)}
	other_member = make_user(f"mo-{uid()}@test.local", ["Party Member"])
	a1 = t.org("矩阵甲社区", "Grassroots", a.name, domain="Community", secretary_user=users["Organization Secretary"])
	b1 = t.org("矩阵乙社区", "Grassroots", b.name, domain="Community")
	t.admin(a, users["Reporting Unit Admin"])
	year()
	docs = {}
	for key, org, unit in (("inside", a1.name, a.name), ("outside", b1.name, b.name)):
		graded(org, "Initial", "Lagging", 0)
		sheet = frappe.get_doc({"doctype": "Assessment Sheet", "organization": org, "campaign_year": year(), "phase": "Year End"}).insert()
		survey = frappe.get_doc(survey_values(org)).insert()
		plan = frappe.get_doc({"doctype": "Upgrade Plan", "organization": org, "campaign_year": year(), "target_grade": "Ordinary",
			"rectification_measures": "整顿", "plan_text": "方案", "upgrade_deadline": "2012-11-30"}).insert()
		commitment = frappe.get_doc({"doctype": "Organization Commitment", "organization": org, "campaign_year": year(),
			"commitments": "承诺"}).insert()
		member = frappe.get_doc({"doctype": "Member Commitment", "organization": org, "campaign_year": year(),
			"member_name": "党员", "member_user": users["Party Member"] if key == "inside" else other_member,
			"commitments": "承诺"}).insert()
		assistance = frappe.get_doc({"doctype": "Assistance Record", "organization": org, "campaign_year": year(),
			"kind": "Leader Contact Point", "helper": "领导", "start_date": "2012-05-01", "actions": "走访"}).insert()
		summary = frappe.get_doc({"doctype": "Annual Summary", "reporting_unit": unit, "campaign_year": year()}).insert()
		docs[key] = {"Assessment Sheet": sheet.name, "Status Survey": survey.name, "Upgrade Plan": plan.name,
			"Organization Commitment": commitment.name, "Member Commitment": member.name,
			"Assistance Record": assistance.name, "Annual Summary": summary.name, "Party Organization": org,
			"Campaign Year": year(), "Assessment Standard": frappe.db.get_value("Assessment Standard",
				{"domain": "Community", "owner_unit": ["is", "not set"], "approval_status": "Approved"})}
	frappe.db.commit()
	return frappe._dict(users=users, docs=docs)


def expected(role, doctype, op, where):
	allowed = op in SPEC[role].get(doctype, set())
	if not allowed or op in TYPE_OPS or doctype in ("Campaign Year", "Assessment Standard"):
		return allowed
	if role in CONFINED or role == "Party Member":
		return where == "inside"
	if role == "Evaluation Department" and doctype in ("Assessment Sheet", "Party Organization"):
		return False  # community organisations and sheets: the departments advise on street committees only
	return True


@pytest.mark.parametrize("role", list(SPEC))
@pytest.mark.parametrize("doctype", DOCTYPES)
def test_permission_matrix(world, role, doctype):
	user = world.users[role]
	wrong = []
	for op in TYPE_OPS:
		got = bool(frappe.has_permission(doctype, op, user=user))
		if got != expected(role, doctype, op, None):
			wrong.append(f"{op}: {got}")
	for where in ("inside", "outside"):
		doc = frappe.get_doc(doctype, world.docs[where][doctype])
		for op in DOC_OPS:
			got = bool(frappe.has_permission(doctype, op, doc=doc, user=user))
			if got != expected(role, doctype, op, where):
				wrong.append(f"{op} {where}: {got}")
	assert not wrong, f"{role} × {doctype}: " + ", ".join(wrong)


@pytest.mark.parametrize("role", list(SPEC))
def test_rest_reads_follow_the_matrix(world, role):
	api = Rest(world.users[role])
	wrong = []
	for doctype in DOCTYPES:
		for where in ("inside", "outside"):
			r = api.get(f"/api/resource/{doctype}/{world.docs[where][doctype]}")
			if (r.status_code == 200) != expected(role, doctype, "read", where):
				wrong.append(f"GET {doctype} {where}: {r.status_code}")
	assert not wrong, wrong


def test_a_guest_gets_nothing(world):
	guest = requests.Session()
	guest.headers.update({"Host": SITE, "Accept": "application/json"})
	for doctype in DOCTYPES:
		r = guest.get(f"{BASE_URL}/api/resource/{doctype}/{world.docs['inside'][doctype]}", timeout=30)
		assert r.status_code == 403, (doctype, r.status_code)
		r = guest.get(f"{BASE_URL}/api/resource/{doctype}", timeout=30)
		assert r.status_code == 403, (doctype, r.status_code)
	for method, args in (("sanfenlei_app.portal.move", {"doctype": "Assessment Sheet", "name": world.docs["inside"]["Assessment Sheet"], "action": "Start Self Check"}),
			("sanfenlei_app.portal.start_sheet", {"organization": world.docs["inside"]["Party Organization"]}),
			("sanfenlei_app.portal.next_steps", {"doctype": "Assessment Sheet", "name": world.docs["inside"]["Assessment Sheet"]}),
			("sanfenlei_app.excel.export_all", {"campaign_year": year()}),
			("sanfenlei_app.dashboard.lagging_unassisted", {}),
			("sanfenlei_app.bulk.create_sheets_for_unit", {"unit": world.docs["inside"]["Party Organization"]})):
		r = guest.post(f"{BASE_URL}/api/method/{method}", json=args, timeout=30)
		assert r.status_code == 403, (method, r.status_code)
	for path in ("/sanfenlei", f"/sheet/{world.docs['inside']['Assessment Sheet']}", "/survey/new", "/plan/new",
			f"/app/assessment-sheet/{world.docs['inside']['Assessment Sheet']}"):
		r = guest.get(f"{BASE_URL}{path}", timeout=30, allow_redirects=False)
		body = r.text
		assert r.status_code in (301, 302, 303, 403) or "login" in body.lower(), (path, r.status_code)
		if r.status_code in (301, 302, 303):
			assert "login" in r.headers.get("Location", "").lower(), (path, r.headers.get("Location"))
		assert world.docs["inside"]["Party Organization"] not in body, path
