"""The reporting line as the notice draws it (plain rules, no site)."""

import pytest

from sanfenlei_app.rules import check_org_placement


def test_district_is_the_root():
	assert check_org_placement("District") is None
	assert "根" in check_org_placement("District", parent_level="District")


@pytest.mark.parametrize("kind", ["Street Committee", "System Committee", "Organs Committee"])
def test_reporting_units_sit_directly_under_the_district(kind):
	domain = "Street Committee" if kind == "Street Committee" else None
	assert check_org_placement("Reporting Unit", kind, domain, parent_level="District") is None
	assert check_org_placement("Reporting Unit", kind, domain, parent_level="Reporting Unit") is not None


def test_reporting_unit_needs_its_kind_and_street_domain():
	assert "类别" in check_org_placement("Reporting Unit", None, None, parent_level="District")
	assert check_org_placement("Reporting Unit", "Street Committee", None, parent_level="District") is not None
	assert check_org_placement("Reporting Unit", "System Committee", "Community", parent_level="District") is not None


@pytest.mark.parametrize("parent", ["Reporting Unit", "Grassroots"])
def test_grassroots_under_a_unit_or_a_party_committee(parent):
	assert check_org_placement("Grassroots", None, "Community", parent, "Street Committee") is None


def test_grassroots_needs_a_grassroots_domain_and_a_unit():
	assert check_org_placement("Grassroots", None, "Community", "District") is not None
	assert check_org_placement("Grassroots", None, None, "Reporting Unit", "Street Committee") is not None
	assert check_org_placement("Grassroots", None, "Street Committee", "Reporting Unit", "Street Committee") is not None


def test_remote_education_sites_belong_only_to_streets():
	assert check_org_placement("Grassroots", None, "Remote Education Site", "Reporting Unit", "Street Committee") is None
	for kind in ("System Committee", "Organs Committee"):
		message = check_org_placement("Grassroots", None, "Remote Education Site", "Grassroots", kind)
		assert message and "街道" in message


def test_unknown_values_are_refused():
	assert check_org_placement("Village") is not None
	assert check_org_placement("Grassroots", None, "Village", "Reporting Unit", "Street Committee") is not None
