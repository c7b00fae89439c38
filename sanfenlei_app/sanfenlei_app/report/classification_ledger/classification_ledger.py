# Copyright (c) 2026, sanfenlei_app contributors
# License: MIT. See license.txt
"""分类管理台账: each organisation's approved grade and stars, per year and phase, and the
movement from the start of the year to its end.  One set-based query over the tree."""

import frappe
from frappe import _

from sanfenlei_app import rules
from sanfenlei_app.annexes import four_level_labels
from sanfenlei_app.reports import organization_scope
from sanfenlei_app.reports import fit_widths

GRADE_RANK = rules.GRADE_RANK


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return fit_widths(columns()), rows(filters)


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
	join, conditions, values = organization_scope(filters)
	conditions.append("s.docstatus = 1")
	if filters.campaign_year:
		conditions.append("s.campaign_year = %(year)s")
		values["year"] = filters.campaign_year
	data = frappe.db.sql(
		f"""select o.name as organization, o.reporting_unit, o.domain, s.campaign_year,
			max(case when s.phase = 'Initial' then s.decided_grade end) as initial_grade,
			max(case when s.phase = 'Initial' then s.decided_stars end) as initial_stars,
			max(case when s.phase = 'Year End' then s.decided_grade end) as year_end_grade,
			max(case when s.phase = 'Year End' then s.decided_stars end) as year_end_stars,
			min(o.lft) as lft
		from `tabAssessment Sheet` s
		join `tabParty Organization` o on o.name = s.organization
		{join}
		where {" and ".join(conditions)}
		group by o.name, o.reporting_unit, o.domain, s.campaign_year
		order by s.campaign_year desc, lft""",
		values,
		as_dict=True,
	)
	labels, domains = {}, {}  # a handful of distinct labels, looked up once each

	def label(grade, domain):
		key = (grade, domain)
		if key not in labels:
			labels[key] = rules.grade_label(grade, domain, four_level_labels(domain == "Remote Education Site", domain=domain))
		return labels[key]

	for row in data:
		domain = row.domain
		row.movement = movement(row)
		row.domain_code = domain
		row.initial_grade = label(row.initial_grade, domain)
		row.year_end_grade = label(row.year_end_grade, domain)
		if domain not in domains:
			domains[domain] = _(domain or "")
		row.domain = domains[domain]
		del row["lft"]
	return data


def movement(row):
	if not row.year_end_grade:
		return "待验收" if row.initial_grade else ""
	if not row.initial_grade:
		return ""
	a, b = GRADE_RANK[row.initial_grade], GRADE_RANK[row.year_end_grade]
	if b > a or (b == a and (row.year_end_stars or 0) > (row.initial_stars or 0)):
		return "晋位升级"
	if b < a or (row.year_end_stars or 0) < (row.initial_stars or 0):
		return "降级"
	return "保持"
