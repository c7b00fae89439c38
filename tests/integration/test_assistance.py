"""Assistance for lagging organisations, and those still without any."""

import frappe
import pytest

from sanfenlei_app.sanfenlei_app.doctype.assistance_record.assistance_record import lagging_without_assistance

from .test_rates_report import graded
from .test_status_survey import year


def test_only_lagging_organisations_are_assisted_and_the_unassisted_are_listed(tree):
	d = tree.district()
	street = tree.street(d)
	lagging = [tree.org(f"后进{i}", "Grassroots", street.name, domain="Community").name for i in range(2)]
	ordinary = tree.org("一般", "Grassroots", street.name, domain="Community").name
	for org in lagging:
		graded(org, "Initial", "Lagging", 0)
	graded(ordinary, "Initial", "Ordinary", 2)
	record = {"doctype": "Assistance Record", "campaign_year": year(), "kind": "Stationed Cadre",
		"helper": "区委组织部干部张某", "start_date": f"{year()}-05-10", "actions": "驻点指导换届选举"}
	with pytest.raises(frappe.ValidationError, match="只针对后进党组织"):
		frappe.get_doc(dict(record, organization=ordinary)).insert()
	frappe.get_doc(dict(record, organization=lagging[0])).insert()
	missing = lagging_without_assistance(year())
	assert lagging[1] in missing and lagging[0] not in missing and ordinary not in missing
	# assistance begun only after the date does not count
	frappe.get_doc(dict(record, organization=lagging[1], start_date=f"{year()}-06-15")).insert()
	assert lagging[1] in lagging_without_assistance(year(), f"{year()}-05-31")
	assert lagging[1] not in lagging_without_assistance(year(), f"{year()}-06-30")
