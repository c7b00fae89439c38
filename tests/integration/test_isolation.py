"""Who sees what, from the outside: each role, inside and outside its subtree, through
REST list / read / write and the link search."""

import frappe
import pytest

from .conftest import Rest, role_users, uid
from .test_status_survey import survey_values


@pytest.fixture(scope="module")
def district():
	"""Two streets with a community each, a survey on each community, and one user per role."""
	from .conftest import Tree

	frappe.set_user("Administrator")
	t = Tree()
	d = t.district()
	a, b = t.street(d, "甲街道党工委"), t.street(d, "乙街道党工委")
	a_org = t.org("甲社区党委", "Grassroots", a.name, domain="Community")
	b_org = t.org("乙社区党委", "Grassroots", b.name, domain="Community")
	users = role_users(district="District Admin", unit="Reporting Unit Admin", secretary="Organization Secretary",
		evaluator="Evaluation Department", leader="Campaign Leader")
	t.admin(a, users["unit"])
	a_org.secretary_user = users["secretary"]
	a_org.save()
	surveys = {
		"a": frappe.get_doc(survey_values(a_org.name)).insert().name,
		"b": frappe.get_doc(survey_values(b_org.name)).insert().name,
	}
	frappe.db.commit()
	return frappe._dict(tag=t.tag, d=d, a=a, b=b, a_org=a_org, b_org=b_org, users=users, surveys=surveys,
		api={k: Rest(v) for k, v in users.items()})


ORG = "/api/resource/Party Organization/"

# role -> which of (district, street a, community a, street b, community b) it may read
READS = {
	"district": (True, True, True, True, True),
	"unit": (False, True, True, False, False),
	"secretary": (False, False, True, False, False),
	"evaluator": (False, True, False, True, False),  # street committees only
	"leader": (True, True, True, True, True),
}


@pytest.mark.parametrize("role", list(READS))
def test_read_and_list_organisations(district, role):
	api = district.api[role]
	names = [district.d.name, district.a.name, district.a_org.name, district.b.name, district.b_org.name]
	for name, allowed in zip(names, READS[role]):
		assert (api.get(ORG + name).status_code == 200) == allowed, (role, name)
	listed = api.get("/api/resource/Party Organization", limit_page_length=0,
		filters=f'[["name","like","%{district.tag}"]]').json()["data"]
	expected = {n for n, ok in zip(names, READS[role]) if ok}
	assert {r["name"] for r in listed} == expected


WRITES = {
	"district": (True, True),  # (community a, community b)
	"unit": (True, False),
	"secretary": (False, False),
	"evaluator": (False, False),
	"leader": (False, False),
}


@pytest.mark.parametrize("role", list(WRITES))
def test_write_organisations(district, role):
	api = district.api[role]
	for org, allowed in zip((district.a_org, district.b_org), WRITES[role]):
		frappe.db.rollback()
		before = frappe.db.get_value("Party Organization", org.name, "member_count") or 0
		value = before + 1 + int(uid(), 16) % 1000  # never the stored value (a refused write must show)
		r = api.put(ORG + org.name, {"member_count": value})
		assert (r.status_code == 200) == allowed, (role, org.name, r.status_code, r.text[-300:])
		frappe.db.rollback()  # end this connection's snapshot to see what the server committed
		stored = frappe.db.get_value("Party Organization", org.name, "member_count")
		assert (stored == value) == allowed


SURVEY_READS = {"district": (True, True), "unit": (True, False), "secretary": (True, False), "leader": (True, True)}


@pytest.mark.parametrize("role", list(SURVEY_READS))
def test_surveys_follow_the_subtree(district, role):
	api = district.api[role]
	for key, allowed in zip(("a", "b"), SURVEY_READS[role]):
		assert (api.get(f"/api/resource/Status Survey/{district.surveys[key]}").status_code == 200) == allowed


def test_evaluation_department_has_no_access_to_surveys(district):
	assert district.api["evaluator"].get(f"/api/resource/Status Survey/{district.surveys['a']}").status_code == 403


@pytest.mark.parametrize("role", ["unit", "secretary"])
def test_link_search_cannot_be_asked_to_ignore_the_subtree(district, role):
	api = district.api[role]
	for method, extra in (("frappe.desk.search.search_link", {}), ("frappe.desk.search.search_widget", {"as_dict": 1})):
		r = api.get(f"/api/method/{method}", doctype="Party Organization", txt=district.tag,
			ignore_user_permissions=1, page_length=50, **extra)
		assert r.status_code == 200, r.text
		found = {row.get("value") or row.get("name") for row in r.json()["message"]}
		assert district.b_org.name not in found and district.b.name not in found
		assert district.a_org.name in found


def test_evaluation_department_sees_only_street_committees_sheets(district):
	from sanfenlei_app.grading import load_standard

	names = {}
	for key, org in (("street", district.a.name), ("community", district.a_org.name)):
		sheet = frappe.get_doc({"doctype": "Assessment Sheet", "organization": org, "campaign_year": "2012"})
		load_standard(sheet)
		names[key] = sheet.insert().name
	frappe.db.commit()
	api = district.api["evaluator"]
	assert api.get(f"/api/resource/Assessment Sheet/{names['street']}").status_code == 200
	assert api.get(f"/api/resource/Assessment Sheet/{names['community']}").status_code == 403
	listed = {r["name"] for r in api.get("/api/resource/Assessment Sheet", limit_page_length=0).json()["data"]}
	assert names["street"] in listed and names["community"] not in listed
	# and it cannot change the street's sheet (its opinion is recorded in the review, issue 5)
	assert api.put(f"/api/resource/Assessment Sheet/{names['street']}", {"satisfaction": 10}).status_code == 403


def test_export_contains_only_the_subtree(district):
	api = district.api["unit"]
	r = api.post("/api/method/frappe.desk.reportview.export_query", {
		"doctype": "Party Organization", "file_format_type": "CSV", "title": "党组织",
		"fields": '["`tabParty Organization`.`name`"]',
		"filters": f'[["Party Organization","name","like","%{district.tag}"]]',
	})
	assert r.status_code == 200, r.text[:300]
	text = r.content.decode("utf-8-sig")
	assert district.a_org.name in text and district.a.name in text
	assert district.b_org.name not in text and district.b.name not in text
