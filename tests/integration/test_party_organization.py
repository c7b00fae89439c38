"""Party Organization on a real site: the tree, its rules, automatic User Permissions
and the subtree boundary seen from outside (REST)."""

import frappe
import pytest

from .conftest import Rest, make_user, uid


def test_tree_derives_reporting_unit_and_lft_rgt(tree):
	d = tree.district()
	street = tree.street(d)
	committee = tree.org("非公党委", "Grassroots", street.name, domain="Private Enterprise", is_group=1)
	branch = tree.org("某公司党支部", "Grassroots", committee.name, domain="Private Enterprise")

	assert street.reporting_unit == street.name
	assert branch.reporting_unit == street.name  # through the 党委, never typed
	d.reload(), street.reload(), committee.reload(), branch.reload()
	assert d.lft < street.lft < committee.lft < branch.lft < branch.rgt < committee.rgt < street.rgt < d.rgt
	# A street's subtree is one query over lft/rgt.
	names = frappe.get_all(
		"Party Organization", filters={"lft": [">=", street.lft], "rgt": ["<=", street.rgt]}, pluck="name"
	)
	assert set(names) == {street.name, committee.name, branch.name}


def test_remote_education_site_only_under_a_street(tree):
	d = tree.district()
	street, system = tree.street(d), tree.system(d)
	site = tree.org("远程教育站点", "Grassroots", street.name, domain="Remote Education Site")
	assert site.reporting_unit == street.name
	with pytest.raises(frappe.ValidationError, match="远程教育站点只能设在街道党工委之下"):
		tree.org("系统站点", "Grassroots", system.name, domain="Remote Education Site")
	assert not frappe.db.exists("Party Organization", f"系统站点-{tree.tag}")


def test_reporting_unit_must_sit_under_the_district(tree):
	d = tree.district()
	street = tree.street(d)
	with pytest.raises(frappe.ValidationError, match="必须直属区委组织部"):
		tree.org("错放的系统党委", "Reporting Unit", street.name, unit_kind="System Committee")


def test_secretary_sees_only_its_own_organisation_and_loses_it_when_unassigned(tree):
	d = tree.district()
	street = tree.street(d)
	org = tree.org("社区党委", "Grassroots", street.name, domain="Community")
	neighbour = tree.org("邻居社区党委", "Grassroots", street.name, domain="Community")
	user = make_user(f"sec-{uid()}@test.local", ["Organization Secretary"])
	org.secretary_user = user
	org.save()
	frappe.db.commit()

	api = Rest(user)
	assert api.get(f"/api/resource/Party Organization/{org.name}").status_code == 200
	assert api.get(f"/api/resource/Party Organization/{neighbour.name}").status_code == 403
	assert api.get(f"/api/resource/Party Organization/{street.name}").status_code == 403

	org.reload()
	org.secretary_user = None
	org.save()
	frappe.db.commit()
	assert api.get(f"/api/resource/Party Organization/{org.name}").status_code == 403


def test_street_admin_sees_only_its_subtree_through_rest(tree):
	d = tree.district()
	mine, other = tree.street(d, "甲街道党工委"), tree.street(d, "乙街道党工委")
	my_org = tree.org("甲社区党委", "Grassroots", mine.name, domain="Community")
	other_org = tree.org("乙社区党委", "Grassroots", other.name, domain="Community")
	admin = make_user(f"unit-{uid()}@test.local", ["Reporting Unit Admin"])
	tree.admin(mine, admin)
	frappe.db.commit()

	api = Rest(admin)
	assert api.get(f"/api/resource/Party Organization/{my_org.name}").status_code == 200
	assert api.get(f"/api/resource/Party Organization/{other_org.name}").status_code == 403
	listed = api.get("/api/resource/Party Organization", limit_page_length=0, filters=f'[["name","like","%{tree.tag}"]]')
	names = {row["name"] for row in listed.json()["data"]}
	assert names == {mine.name, my_org.name}
	# and it cannot write outside either
	r = api.put(f"/api/resource/Party Organization/{other_org.name}", {"member_count": 99})
	assert r.status_code == 403
	frappe.db.rollback()  # see what the server committed
	assert frappe.db.get_value("Party Organization", other_org.name, "member_count") != 99


def test_saving_a_stale_document_keeps_the_tree_intact(tree):
	d = tree.district()
	street = tree.street(d)  # lft/rgt in memory are from before its children existed
	child = tree.org("社区党委", "Grassroots", street.name, domain="Community")
	street.short_name = "改过的简称"
	street.save()
	street.reload()
	child.reload()
	assert street.lft < child.lft < child.rgt < street.rgt
	assert child.name in frappe.db.get_descendants("Party Organization", street.name)


def test_street_admin_cannot_place_an_organisation_under_another_street(tree):
	d = tree.district()
	mine, other = tree.street(d, "丙街道党工委"), tree.street(d, "丁街道党工委")
	admin = make_user(f"unit-{uid()}@test.local", ["Reporting Unit Admin"])
	tree.admin(mine, admin)
	frappe.db.commit()

	api = Rest(admin)
	ok = api.post("/api/resource/Party Organization", {
		"organization_name": f"丙新社区党委-{tree.tag}", "org_level": "Grassroots", "domain": "Community",
		"parent_party_organization": mine.name,
	})
	assert ok.status_code == 200, ok.text
	refused = api.post("/api/resource/Party Organization", {
		"organization_name": f"丁新社区党委-{tree.tag}", "org_level": "Grassroots", "domain": "Community",
		"parent_party_organization": other.name,
	})
	assert refused.status_code == 403
	frappe.db.rollback()
	assert not frappe.db.exists("Party Organization", f"丁新社区党委-{tree.tag}")
