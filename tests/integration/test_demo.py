"""The demo district as a user would find it after set-up."""

import frappe
import pytest

from sanfenlei_app.setup import demo

from .conftest import Rest


@pytest.fixture(autouse=True)
def current_year_kept():
	"""The demo makes the calendar year current; the test site's own current year is put back."""
	before = frappe.db.get_value("Campaign Year", {"is_current": 1})
	yield
	frappe.db.rollback()
	if before and not frappe.db.get_value("Campaign Year", before, "is_current"):
		frappe.get_doc("Campaign Year", before).update({"is_current": 1}).save()
		frappe.db.commit()


def test_demo_district_has_every_kind_of_organisation_and_user():
	demo.make_demo()
	frappe.db.commit()
	org = "Party Organization"
	root = frappe.get_doc(org, demo.DISTRICT)
	inside = {"lft": [">", root.lft], "rgt": ["<", root.rgt]}
	units = frappe.get_all(org, filters={**inside, "org_level": "Reporting Unit"}, fields=["name", "unit_kind"])
	kinds = [u.unit_kind for u in units]
	assert kinds.count("Street Committee") == 14
	assert kinds.count("System Committee") >= 2 and kinds.count("Organs Committee") == 1
	domains = set(frappe.get_all(org, filters={**inside, "org_level": "Grassroots"}, pluck="domain"))
	assert domains == {"Community", "Private Enterprise", "Social Organization", "Public Institution", "Remote Education Site"}
	# remote education sites only under streets
	site_units = set(frappe.get_all(org, filters={**inside, "domain": "Remote Education Site"}, pluck="reporting_unit"))
	streets = {u.name for u in units if u.unit_kind == "Street Committee"}
	assert site_units and site_units <= streets
	# a branch under the non-public-economy party committee, i.e. a deeper level
	deep = frappe.get_all(org, filters={**inside, "parent_party_organization": ["like", "%综合党委"]}, limit=1)
	assert deep
	# the current campaign year is the calendar year, its phases the notice's dates in it; 2012 stays
	this_year = frappe.utils.getdate().year
	assert frappe.db.get_value("Campaign Year", {"is_current": 1}, "year") == this_year
	assert frappe.db.exists("Campaign Year", "2012")
	dates = frappe.db.get_value("Campaign Year", str(this_year), ["grading_end", "classification_list_due", "summary_due"])
	assert [str(d) for d in dates][1:] == [f"{this_year}-04-18", f"{this_year}-12-03"]

	for email, (_name, roles, _assignment) in demo.DEMO_USERS.items():
		assert set(roles) <= set(frappe.get_roles(email)), email
	# each demo user can log in with the documented password
	street_admin = Rest("street@sanfenlei.local", demo.DEMO_PASSWORD)
	visible = street_admin.get("/api/resource/Party Organization", limit_page_length=0).json()["data"]
	names = {row["name"] for row in visible}
	assert "中共成华区猛追湾街道工作委员会" in names
	assert not any(n.startswith("双桥子") for n in names)


def test_demo_is_idempotent():
	before = frappe.db.count("Party Organization")
	demo.make_demo()
	assert frappe.db.count("Party Organization") == before


def test_demo_sheets_keep_to_the_30_percent_rule_for_remote_sites():
	"""附件6 of the demo: no street with more than 30% excellent sites (none has an exception)."""
	from sanfenlei_app import annexes
	from sanfenlei_app.setup.demo_sheets import make_sheets

	demo.make_demo()
	year = "2037"
	if not frappe.db.exists("Campaign Year", year):
		frappe.get_doc({"doctype": "Campaign Year", "year": int(year)}).insert()
	made = make_sheets(campaign_year=year, update_ledger=False)
	try:
		root = frappe.get_doc("Party Organization", demo.DISTRICT)
		streets = set(frappe.get_all("Party Organization", filters={"lft": [">", root.lft], "rgt": ["<", root.rgt],
			"unit_kind": "Street Committee"}, pluck="name"))
		_columns, rows, *_ = annexes.execute_report("annex6", {"campaign_year": year, "phase": "Initial"})
		checked = [r for r in rows if r.get("idx") and r["reporting_unit"] in streets]
		print(f"\n{made} demo sheets; 附件6: " + ", ".join(f"{r['reporting_unit'][-12:]} {r['advanced']}/{r['total']}" for r in checked))
		assert len(checked) >= 7 and sum(r["advanced"] for r in checked) > 0
		assert all(r["share_check"] == "符合" for r in checked), [(r["reporting_unit"], r["share_check"]) for r in checked]
	finally:
		sheets = frappe.get_all("Assessment Sheet", filters={"campaign_year": year}, pluck="name")
		for table in ("Assessment Sheet Item", "Assessment Sheet Entry", "Assessment Sheet Veto"):
			frappe.db.delete(table, {"parent": ["in", sheets]}) if sheets else None
		frappe.db.delete("Assessment Sheet", {"campaign_year": year})
		frappe.db.commit()
