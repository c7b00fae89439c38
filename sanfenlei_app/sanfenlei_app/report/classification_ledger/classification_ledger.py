# Copyright (c) 2026, sanfenlei_app contributors
# License: MIT. See license.txt
"""分类管理台账: each organisation's approved grade and stars, per year and phase, and the
movement from the start of the year to its end.  One set-based query over the tree."""

import frappe
from frappe import _

from sanfenlei_app import rules
from sanfenlei_app.annexes import four_level_labels
from sanfenlei_app.reports import organization_scope
from sanfenlei_app.reports import fit_widths, organization_page, page_message

GRADE_RANK = rules.GRADE_RANK


def execute(filters=None):
	"""The ledger a page of organisations at a time (``page``, in tree order), with a line saying
	which page of how many."""
	filters = frappe._dict(filters or {})
	filters.page_organizations, page, pages, total = organization_page(filters, filters.get("page"))
	return fit_widths(columns()), rows(filters), page_message(page, pages, total)


def columns():
	return [
		{"fieldname": "organization", "label": _("Party Organization"), "fieldtype": "Link", "options": "Party Organization", "width": 260},
		{"fieldname": "reporting_unit", "label": _("Reporting Unit"), "fieldtype": "Link", "options": "Party Organization", "width": 220},
		{"fieldname": "domain", "label": _("Domain"), "fieldtype": "Data", "width": 110},
		{"fieldname": "campaign_year", "label": _("Year"), "fieldtype": "Link", "options": "Campaign Year", "width": 70},
		{"fieldname": "initial_grade", "label": _("Initial Grade"), "fieldtype": "Data", "width": 90},
		{"fieldname": "initial_stars", "label": _("Initial Stars"), "fieldtype": "Int", "width": 80},
		{"fieldname": "year_end_grade", "label": _("Year-End Grade"), "fieldtype": "Data", "width": 90},
		{"fieldname": "year_end_stars", "label": _("Year-End Stars"), "fieldtype": "Int", "width": 80},
		{"fieldname": "movement", "label": _("Movement"), "fieldtype": "Data", "width": 110},
	]


def rows(filters):
	"""One row per organisation and year: its approved April and December grades and stars (the
	district's or its four-level scheme's names) and the movement between them. The rows are
	built from plain tuples in one pass (the report is at its floor's pace at 100,000 rows)."""
	join, conditions, values = organization_scope(filters)
	conditions.append("s.docstatus = 1")
	if filters.campaign_year:
		conditions.append("s.campaign_year = %(year)s")
		values["year"] = filters.campaign_year
	if filters.get("page_organizations") is not None:  # the desk's page (reports.organization_page)
		conditions.append("s.organization in %(page_organizations)s")
		values["page_organizations"] = tuple(filters.page_organizations) or ("",)
	data = frappe.db.sql(
		f"""select o.name, o.reporting_unit, o.domain, s.campaign_year,
			max(case when s.phase = 'Initial' then s.decided_grade end),
			max(case when s.phase = 'Initial' then s.decided_stars end),
			max(case when s.phase = 'Year End' then s.decided_grade end),
			max(case when s.phase = 'Year End' then s.decided_stars end)
		from `tabAssessment Sheet` s
		join `tabParty Organization` o on o.name = s.organization
		{join}
		where {" and ".join(conditions)}
		group by o.name, o.reporting_unit, o.domain, s.campaign_year
		order by s.campaign_year desc, min(o.lft)""",
		values,
	)
	labels, domains = {}, {}  # a handful of distinct labels, looked up once each

	def label(grade, domain):
		key = (grade, domain)
		if key not in labels:
			labels[key] = rules.grade_label(grade, domain, four_level_labels(domain == "Remote Education Site", domain=domain))
		return labels[key]

	out = []
	for org, unit, domain, year, start, start_stars, end, end_stars in data:
		if domain not in domains:
			domains[domain] = _(domain or "")
		out.append(frappe._dict(organization=org, reporting_unit=unit, domain=domains[domain], domain_code=domain,
			campaign_year=year, initial_grade=label(start, domain), initial_stars=start_stars,
			year_end_grade=label(end, domain), year_end_stars=end_stars,
			movement=movement(start, start_stars, end, end_stars)))
	return out


def movement(start, start_stars, end, end_stars):
	"""晋位升级 / 保持 / 降级 from April's grade and stars to December's; 待验收 before December."""
	if not end:
		return "待验收" if start else ""
	if not start:
		return ""
	a, b = GRADE_RANK[start], GRADE_RANK[end]
	if b > a or (b == a and (end_stars or 0) > (start_stars or 0)):
		return "晋位升级"
	if b < a or (end_stars or 0) < (start_stars or 0):
		return "降级"
	return "保持"
