"""The March status survey and the unit's 专题报告 on a real site."""

import frappe
import pytest

from sanfenlei_app import rules

from .conftest import Rest, make_user, uid


def year():
	if not frappe.db.exists("Campaign Year", "2012"):
		frappe.get_doc({"doctype": "Campaign Year", "year": 2012, "is_current": 1}).insert()
	return "2012"


def survey_values(org, **kw):
	values = {"doctype": "Status Survey", "organization": org, "campaign_year": year(),
		"overall_evaluation": "总体较好", "method_symposium": 1}
	values.update({f"{key}_judgement": "Yes" for key, _q in rules.SURVEY_ASPECTS})
	values.update(kw)
	return values


@pytest.fixture
def street_tree(tree):
	d = tree.district()
	street = tree.street(d)
	orgs = [tree.org(f"社区{i}", "Grassroots", street.name, domain="Community") for i in range(3)]
	return tree, d, street, orgs


def test_one_survey_per_organisation_and_year(street_tree):
	_t, _d, _street, orgs = street_tree
	frappe.get_doc(survey_values(orgs[0].name)).insert()
	with pytest.raises(frappe.DuplicateEntryError, match="每个党组织每年只填一份"):
		frappe.get_doc(survey_values(orgs[0].name)).insert()


def test_incomplete_survey_is_refused_with_the_aspect_named(street_tree):
	_t, _d, _street, orgs = street_tree
	with pytest.raises(frappe.ValidationError, match="经费场所是否保障落实"):
		frappe.get_doc(survey_values(orgs[1].name, funding_judgement="No", funding_problems="")).insert()
	assert not frappe.db.exists("Status Survey", {"organization": orgs[1].name})


def test_dissolved_organisation_cannot_be_surveyed(street_tree):
	_t, _d, _street, orgs = street_tree
	orgs[2].status, orgs[2].status_date = "Dissolved", "2012-02-01"
	orgs[2].save()
	with pytest.raises(frappe.ValidationError, match="已撤销"):
		frappe.get_doc(survey_values(orgs[2].name)).insert()


def test_secretary_fills_its_own_survey_only(street_tree):
	_t, _d, _street, orgs = street_tree
	sec = make_user(f"sec-{uid()}@test.local", ["Organization Secretary"])
	orgs[0].secretary_user = sec
	orgs[0].save()
	frappe.db.commit()
	api = Rest(sec)
	mine = api.post("/api/resource/Status Survey", survey_values(orgs[0].name))
	assert mine.status_code == 200, mine.text
	theirs = api.post("/api/resource/Status Survey", survey_values(orgs[1].name))
	assert theirs.status_code == 403
	frappe.db.rollback()
	assert not frappe.db.exists("Status Survey", {"organization": orgs[1].name})
	listed = api.get("/api/resource/Status Survey", fields='["organization"]', limit_page_length=0).json()["data"]
	assert {r["organization"] for r in listed} == {orgs[0].name}


def test_special_report_counts_the_units_surveys(street_tree):
	tree, d, street, orgs = street_tree
	other_street = tree.street(d, "别的街道")
	outsider = tree.org("外街社区", "Grassroots", other_street.name, domain="Community")
	frappe.get_doc(survey_values(orgs[0].name, funding_judgement="No", funding_problems="没有<script>alert(1)</script>经费", method_home_visit=1)).insert()
	frappe.get_doc(survey_values(orgs[1].name, funding_judgement="Partly", funding_problems="场所偏小")).insert()
	frappe.get_doc(survey_values(outsider.name, leadership_judgement="No", leadership_problems="外街的问题")).insert()

	report = frappe.get_doc({"doctype": "Survey Special Report", "reporting_unit": street.name, "campaign_year": year()}).insert()
	assert report.surveyed_count == 2  # the other street's survey is not counted
	assert report.problem_org_count == 1 + 1
	findings = frappe.parse_json(report.findings_json)
	funding = next(a for a in findings["aspects"] if a["key"] == "funding")
	assert (funding["count"], funding["no"], funding["partly"]) == (2, 1, 1)
	leadership = next(a for a in findings["aspects"] if a["key"] == "leadership")
	assert leadership["count"] == 0
	assert "经费场所是否保障落实" in report.conclusion  # the generated draft names the main problem

	html = frappe.get_print("Survey Special Report", report.name, print_format="专题报告")
	assert "关于基层党组织现状大调查的专题报告" in html and "场所偏小" in html
	assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
	pdf = frappe.get_print("Survey Special Report", report.name, print_format="专题报告", as_pdf=True)
	assert pdf[:4] == b"%PDF"
