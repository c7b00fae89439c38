"""A corpus of bad inputs sent through REST by real users: each is refused with a Chinese
message, and nothing of it is saved (the document keeps its last saved version, or no
document is created)."""

import re

import frappe
import pytest

from .conftest import Rest, message, role_users, uid
from .test_rates_report import graded
from .test_status_survey import survey_values, year

CJK = re.compile(r"[\u4e00-\u9fff]")
SCRIPT = "<script>alert('x')</script><img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def ctx():
	from .conftest import Tree

	frappe.set_user("Administrator")
	t = Tree()
	d = t.district()
	street, system = t.street(d, "坏输入街道"), t.system(d, "坏输入系统")
	users = role_users(sec="Organization Secretary", unit="Reporting Unit Admin", district="District Admin")
	org = t.org("坏输入社区", "Grassroots", street.name, domain="Community", secretary_user=users["sec"])
	graded_org = t.org("已定级社区", "Grassroots", street.name, domain="Community", secretary_user=users["sec"])
	dissolved = t.org("已撤销社区", "Grassroots", street.name, domain="Community", secretary_user=users["sec"])
	dissolved.status, dissolved.status_date = "Dissolved", "2012-02-01"
	dissolved.save()
	t.admin(street, users["unit"])
	year()
	graded(graded_org.name, "Initial", "Ordinary", 2)
	frappe.db.commit()
	api = {k: Rest(v) for k, v in users.items()}
	r = api["sec"].post("/api/resource/Assessment Sheet", {"organization": org.name, "campaign_year": year(), "phase": "Initial"})
	assert r.status_code == 200, r.text
	sheet = r.json()["data"]["name"]
	r = api["sec"].post("/api/resource/Upgrade Plan", {"organization": graded_org.name, "campaign_year": year(),
		"target_grade": "Advanced", "target_stars": 4, "rectification_measures": "措施", "upgrade_deadline": "2012-11-30"})
	assert r.status_code == 200, r.text
	plan = r.json()["data"]["name"]
	r = api["sec"].post("/api/resource/Status Survey", {k: v for k, v in survey_values(org.name).items() if k != "doctype"})
	assert r.status_code == 200, r.text
	survey = r.json()["data"]["name"]
	return frappe._dict(d=d, street=street, system=system, org=org.name, graded=graded_org.name,
		dissolved=dissolved.name, sheet=sheet, plan=plan, survey=survey, users=users, api=api)


def get(ctx, doctype, name):
	return ctx.api["district"].get(f"/api/resource/{doctype}/{name}").json()["data"]


def sheet_with(ctx, change):
	doc = get(ctx, "Assessment Sheet", ctx.sheet)
	change(doc)
	return doc


def edit_item(i, **values):
	def change(doc):
		doc["items"][i].update(values)
	return change


def add_item(doc):
	doc["items"].append({"category": "自加", "content": "自己加的评分要点", "max_points": 10, "deduction": 0})


def drop_item(doc):
	doc["items"].pop()


def drop_veto(doc):
	doc["vetoes"].pop()


def bad_standard(items):
	return {"standard_name": f"坏标准-{uid()}", "domain": "Community", "items": items}


# (id, user, method, doctype, name or None for an insert, payload builder)
CASES = [
	("negative deduction", "sec", "PUT", "Assessment Sheet", "sheet", lambda c: {"entries": [{"item_no": 1, "points": -2, "reason": "x"}]}),
	("deduction on no item", "sec", "PUT", "Assessment Sheet", "sheet", lambda c: {"entries": [{"item_no": 0, "points": 2, "reason": "x"}]}),
	("deduction without a reason", "sec", "PUT", "Assessment Sheet", "sheet", lambda c: {"entries": [{"item_no": 1, "points": 2, "reason": "  "}]}),
	("deduction written on the item", "sec", "PUT", "Assessment Sheet", "sheet", lambda c: sheet_with(c, edit_item(0, deduction=2))),
	("item points re-weighed", "sec", "PUT", "Assessment Sheet", "sheet", lambda c: sheet_with(c, edit_item(0, max_points=60))),
	("item text changed", "sec", "PUT", "Assessment Sheet", "sheet", lambda c: sheet_with(c, edit_item(1, content="随便写"))),
	("item added", "sec", "PUT", "Assessment Sheet", "sheet", lambda c: sheet_with(c, add_item)),
	("item removed", "sec", "PUT", "Assessment Sheet", "sheet", lambda c: sheet_with(c, drop_item)),
	("veto removed", "sec", "PUT", "Assessment Sheet", "sheet", lambda c: sheet_with(c, drop_veto)),
	("satisfaction over 100", "sec", "PUT", "Assessment Sheet", "sheet", lambda c: {"satisfaction": 150}),
	("satisfaction negative", "sec", "PUT", "Assessment Sheet", "sheet", lambda c: {"satisfaction": -5}),
	("measures over 150 characters", "sec", "PUT", "Assessment Sheet", "sheet", lambda c: {"rectification_measures": "措" * 151}),
	("unknown phase", "sec", "PUT", "Assessment Sheet", "sheet", lambda c: {"phase": "Midterm"}),
	("unknown upgrade target", "sec", "PUT", "Assessment Sheet", "sheet", lambda c: {"upgrade_target": "Excellent"}),
	("negative attendance", "sec", "PUT", "Assessment Sheet", "sheet", lambda c: {"mass_attendance": -3}),
	("negative votes", "sec", "PUT", "Assessment Sheet", "sheet", lambda c: {"votes_for": -1}),
	("decision at the secretary's step", "sec", "PUT", "Assessment Sheet", "sheet", lambda c: {"workflow_state": "Graded"}),
	("edit by the district at the secretary's step", "district", "PUT", "Assessment Sheet", "sheet", lambda c: {"satisfaction": 80}),
	("sheet for a dissolved organisation", "sec", "POST", "Assessment Sheet", None, lambda c: {"organization": c.dissolved, "campaign_year": year(), "phase": "Initial"}),
	("duplicate organisation-year-phase", "sec", "POST", "Assessment Sheet", None, lambda c: {"organization": c.org, "campaign_year": year(), "phase": "Initial"}),
	("sheet for an unknown year", "sec", "POST", "Assessment Sheet", None, lambda c: {"organization": c.org, "campaign_year": "1999", "phase": "Year End"}),
	("sheet for the district itself", "district", "POST", "Assessment Sheet", None, lambda c: {"organization": c.d.name, "campaign_year": year(), "phase": "Year End"}),
	("sheet for an unknown organisation", "district", "POST", "Assessment Sheet", None, lambda c: {"organization": "不存在的党组织", "campaign_year": year(), "phase": "Year End"}),
	("standard not summing to 100", "district", "POST", "Assessment Standard", None, lambda c: bad_standard([{"category": "甲", "content": "一", "max_points": 60}, {"category": "乙", "content": "二", "max_points": 30}])),
	("standard with a negative item", "district", "POST", "Assessment Standard", None, lambda c: bad_standard([{"category": "甲", "content": "一", "max_points": 110}, {"category": "乙", "content": "二", "max_points": -10}])),
	("standard thresholds reversed", "district", "POST", "Assessment Standard", None, lambda c: dict(bad_standard([{"category": "甲", "content": "一", "max_points": 100}]), advanced_threshold=50, ordinary_threshold=70)),
	("standard with a bonus item but no cap", "district", "POST", "Assessment Standard", None, lambda c: bad_standard([{"category": "甲", "content": "一", "max_points": 100}, {"category": "加分", "content": "创新", "max_points": 10, "item_kind": "Bonus"}])),
	("standard weights not adding to 100", "district", "POST", "Assessment Standard", None, lambda c: dict(bad_standard([{"category": "甲", "content": "一", "max_points": 100, "part": "基本"}, {"category": "乙", "content": "测评", "max_points": 100, "item_kind": "Rating", "part": "测评"}]), parts=[{"part_name": "基本", "weight": 70}, {"part_name": "测评", "weight": 20}])),
	("standard of four grades out of order", "district", "POST", "Assessment Standard", None, lambda c: dict(bad_standard([{"category": "甲", "content": "一", "max_points": 100}]), grade_levels="4", advanced_threshold=90, good_threshold=95, ordinary_threshold=60)),
	("remote site under a system", "district", "POST", "Party Organization", None, lambda c: {"organization_name": f"系统下的站点-{uid()}", "org_level": "Grassroots", "parent_party_organization": c.system.name, "domain": "Remote Education Site"}),
	("dissolved without a date", "district", "POST", "Party Organization", None, lambda c: {"organization_name": f"无日期撤销-{uid()}", "org_level": "Grassroots", "parent_party_organization": c.street.name, "domain": "Community", "status": "Dissolved"}),
	("duplicate organisation name", "district", "POST", "Party Organization", None, lambda c: {"organization_name": c.org, "org_level": "Grassroots", "parent_party_organization": c.street.name, "domain": "Community"}),
	("unknown domain", "district", "POST", "Party Organization", None, lambda c: {"organization_name": f"未知领域-{uid()}", "org_level": "Grassroots", "parent_party_organization": c.street.name, "domain": "Moon Base"}),
	("campaign year out of range", "district", "POST", "Campaign Year", None, lambda c: {"year": 1800}),
	("campaign date outside its year", "district", "POST", "Campaign Year", None, lambda c: {"year": 2031, "survey_start": "2030-03-20"}),
	("rate target not above the community's", "district", "POST", "Campaign Year", None, lambda c: {"year": 2032, "rate_targets": [{"domain": "Community", "rate": "ordinary_upgrade", "target_percent": 15}, {"domain": "Private Enterprise", "rate": "ordinary_upgrade", "target_percent": 10}]}),
	("survey answer 'No' without the problem", "sec", "PUT", "Status Survey", "survey", lambda c: {"leadership_judgement": "No", "leadership_problems": ""}),
	("survey answer not in the list", "sec", "PUT", "Status Survey", "survey", lambda c: {"funding_judgement": "Maybe"}),
	("plan measures over 150 characters", "sec", "PUT", "Upgrade Plan", "plan", lambda c: {"rectification_measures": "措" * 151}),
	("plan target of a lower grade", "sec", "PUT", "Upgrade Plan", "plan", lambda c: {"target_grade": "Lagging"}),
	("plan for an organisation not yet graded", "sec", "POST", "Upgrade Plan", None, lambda c: {"organization": c.org, "campaign_year": year(), "rectification_measures": "措施", "upgrade_deadline": "2012-11-30"}),
	("assistance for an organisation that is not lagging", "unit", "POST", "Assistance Record", None, lambda c: {"organization": c.graded, "campaign_year": year(), "kind": "Leader Contact Point", "helper": "某领导", "start_date": "2012-05-01", "actions": "走访"}),
	("assistance of an unknown kind", "unit", "POST", "Assistance Record", None, lambda c: {"organization": c.graded, "campaign_year": year(), "kind": "Magic", "helper": "某领导", "start_date": "2012-05-01", "actions": "走访"}),
	("a secretary writing for another street's organisation", "sec", "POST", "Organization Commitment", None, lambda c: {"organization": c.street.name, "campaign_year": year(), "commitments": "替上级承诺"}),
	("member commitment for nobody", "sec", "POST", "Member Commitment", None, lambda c: {"organization": c.org, "campaign_year": year(), "member_name": "无名", "commitments": "承诺"}),
	("annual summary by an organisation that is not a unit", "district", "POST", "Annual Summary", None, lambda c: {"reporting_unit": c.org, "campaign_year": year()}),
]


def test_the_corpus_holds_at_least_forty_cases():
	assert len(CASES) >= 40 and len({c[0] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_refused_in_chinese_and_nothing_is_saved(ctx, case):
	_id, user, method, doctype, key, payload = case
	frappe.db.rollback()
	table = f"tab{doctype}"
	if key:
		name = ctx[key]
		before = frappe.db.sql(f"select modified from `{table}` where name = %s", name)[0][0]
		data = payload(ctx)
		r = ctx.api[user].put(f"/api/resource/{doctype}/{name}", data)
	else:
		count_before = frappe.db.sql(f"select count(*) from `{table}`")[0][0]
		r = ctx.api[user].post(f"/api/resource/{doctype}", payload(ctx))
	assert r.status_code in (400, 403, 404, 409, 417), (r.status_code, r.text[:400])
	told = message(r)
	assert CJK.search(told), told[:400]
	frappe.db.rollback()
	if key:
		assert frappe.db.sql(f"select modified from `{table}` where name = %s", name)[0][0] == before
	else:
		assert frappe.db.sql(f"select count(*) from `{table}`")[0][0] == count_before


def test_malformed_requests_are_refused_without_a_server_error(ctx):
	api = ctx.api["sec"]
	r = api.s.put(f"{api_base()}/api/resource/Assessment Sheet/{ctx.sheet}", data="{not json", timeout=30,
		headers={"Content-Type": "application/json"})
	assert 400 <= r.status_code < 500
	assert "有效的JSON" in r.json()["exception"]
	r = api.get("/api/resource/Assessment Sheet/不存在的申报表")
	assert r.status_code == 404
	frappe.db.rollback()
	assert frappe.db.get_value("Assessment Sheet", ctx.sheet, "docstatus") == 0


def test_the_production_entry_refuses_malformed_json_too(ctx):
	"""Behind nginx gunicorn serves sanfenlei_app.wsgi:production (docs/DEPLOYMENT.md): the same 400."""
	from werkzeug.test import Client

	from sanfenlei_app import wsgi

	r = Client(wsgi.production).put(f"/api/resource/Assessment Sheet/{ctx.sheet}", data="{not json",
		content_type="application/json", headers={"Host": frappe.local.site})
	assert r.status_code == 400 and "有效的JSON" in r.get_json()["exception"]


def api_base():
	from .conftest import BASE_URL

	return BASE_URL


def test_html_and_script_are_stored_and_shown_escaped(ctx):
	api = ctx.api["sec"]
	r = api.put(f"/api/resource/Assessment Sheet/{ctx.sheet}", {"rectification_measures": SCRIPT, "contact_phone": "028"})
	assert r.status_code == 200, r.text
	frappe.db.rollback()
	stored = frappe.db.get_value("Assessment Sheet", ctx.sheet, "rectification_measures")
	assert "<script" not in stored and "<img" not in stored  # stored escaped
	page = api.s.get(f"{api_base()}/sanfenlei", timeout=30).text
	assert "<script>alert('x')" not in page
	html = frappe.get_print("Assessment Sheet", ctx.sheet, print_format="附件2 分类定级申报表")
	assert "<script>alert('x')" not in html and "<img src=x onerror" not in html
