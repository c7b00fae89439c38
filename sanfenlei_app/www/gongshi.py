"""公示: every confirmed organisation commitment (附件7) of a campaign year, open to the public."""

import frappe

from sanfenlei_app.sanfenlei_app.doctype.campaign_year.campaign_year import get_current_year

no_cache = 1


def get_context(context):
	year = frappe.form_dict.get("year") or get_current_year()
	context.title = f"{year}年度基层党组织公开承诺公示"
	context.year = year
	context.commitments = frappe.get_all(
		"Organization Commitment",
		filters={"published": 1, "campaign_year": year},
		fields=["name", "organization", "route", "confirmed_on", "reporting_unit"],
		order_by="reporting_unit asc, organization asc",
		ignore_permissions=True,  # published commitments are public (向社会公开承诺)
	)
	return context
