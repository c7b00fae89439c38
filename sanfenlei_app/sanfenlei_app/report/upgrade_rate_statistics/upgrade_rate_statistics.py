# Copyright (c) 2026, sanfenlei_app contributors
# License: MIT. See license.txt
"""提升率、升级率、转化率、创星率 against the campaign year's targets, per domain, per
reporting unit or for the district.  One query counts the organisations by start and end
(GROUP BY); the rates themselves are `rules.compute_rates` (definitions in the README)."""

import frappe
from frappe import _

from sanfenlei_app import rules
from sanfenlei_app.reports import organization_scope, sheet_only_scope
from sanfenlei_app.reports import fit_widths


def execute(filters=None):
	filters = frappe._dict(filters or {})
	if not filters.campaign_year:
		frappe.throw(_("请选择活动年度"))
	return fit_widths(columns()), rows(filters)


def columns():
	return [
		{"fieldname": "scope", "label": _("Scope"), "fieldtype": "Data", "width": 220},
		{"fieldname": "domain", "label": _("Domain"), "fieldtype": "Data", "width": 110},
		{"fieldname": "rate", "label": _("Rate"), "fieldtype": "Data", "width": 150},
		{"fieldname": "numerator", "label": _("Numerator"), "fieldtype": "Int", "width": 80},
		{"fieldname": "denominator", "label": _("Denominator"), "fieldtype": "Int", "width": 80},
		{"fieldname": "value", "label": _("Rate Value"), "fieldtype": "Data", "width": 80},
		{"fieldname": "target", "label": _("Target (%)"), "fieldtype": "Data", "width": 80},
		{"fieldname": "met", "label": _("Met"), "fieldtype": "Data", "width": 70},
		{"fieldname": "missing", "label": _("Missing Year-End Results"), "fieldtype": "Small Text", "width": 260},
	]


GROUP_KEYS = {"Domain": ["o.domain"], "Reporting Unit": ["o.reporting_unit", "o.domain"], "District": []}


def starts_and_ends(filters):
	"""Each organisation's approved start and year-end result, counted in SQL: one record per
	group of alike organisations (same scope, start, end and honour) with its ``count``; an
	organisation without a year-end result (as `rules.compute_rates` reads it: no decided grade)
	is a record of its own, named — for the whole district from the sheets alone, by unit and
	name; for a user confined to subtrees through the tree, in tree order."""
	keys = GROUP_KEYS.get(filters.group_by or "Domain", GROUP_KEYS["Domain"])
	own = sheet_only_scope(filters, alias="i")
	if own is None:  # confined to subtrees: through the tree, the unnamed in tree order
		join, conditions, values = organization_scope(filters)
		tables = f"`tabAssessment Sheet` i join `tabParty Organization` o on o.name = i.organization {join}"
		order = "min(o.lft)"
	else:  # the whole district (or a chosen unit): the sheets carry domain and unit; by unit, then name
		(conditions, values), tables, order = own, "`tabAssessment Sheet` i", "min(i.reporting_unit), min(i.organization)"
		keys = [k.replace("o.", "i.") for k in keys]
	conditions += ["i.phase = 'Initial'", "i.docstatus = 1", "i.campaign_year = %(year)s"]
	values["year"] = filters.campaign_year
	return frappe.db.sql(
		f"""select {"".join(k + ", " for k in keys)}
			i.decided_grade as start_grade, ifnull(i.decided_stars, 0) as start_stars,
			e.decided_grade as end_grade, e.decided_stars as end_stars, e.honour,
			case when e.decided_grade is null then i.organization end as organization,
			count(*) as count
		from {tables}
		left join `tabAssessment Sheet` e on e.organization = i.organization and e.campaign_year = i.campaign_year
			and e.phase = 'Year End' and e.docstatus = 1
		where {" and ".join(conditions)}
		group by {"".join(k + ", " for k in keys)}i.decided_grade, ifnull(i.decided_stars, 0), e.decided_grade,
			e.decided_stars, e.honour, case when e.decided_grade is null then i.organization end
		order by {order}""",
		values,
		as_dict=True,
	)


def targets_of(campaign_year):
	out = {}
	for row in frappe.get_all("Campaign Rate Target", filters={"parent": campaign_year, "parenttype": "Campaign Year"},
			fields=["domain", "rate", "target_percent"]):
		out.setdefault(row.domain, {})[row.rate] = row.target_percent
	return out


def scope_label(filters):
	"""统计范围 of the rows that are not per unit: the chosen unit, else the units a confined user
	administers (a street's admin counts its street, not 全区), else 全区."""
	from sanfenlei_app.permissions import permitted_nodes

	if filters.get("reporting_unit"):
		return filters.reporting_unit
	nodes = permitted_nodes()
	return "、".join(sorted(nodes)) if nodes else _("全区")


def rows(filters):
	records = starts_and_ends(filters)
	targets = targets_of(filters.campaign_year)
	group_by = filters.group_by or "Domain"
	whole = scope_label(filters)
	groups = {}
	for r in records:
		if group_by == "Reporting Unit":
			key = (r.reporting_unit, r.domain)
		elif group_by == "District":
			key = (whole, None)
		else:
			key = (whole, r.domain)
		groups.setdefault(key, []).append(r)
	out = []
	for (scope, domain), group in sorted(groups.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1]))):
		rates = rules.compute_rates(group, targets.get(domain or "Community", rules.COMMUNITY_TARGETS))
		for key in rules.RATE_KEYS:
			r = rates[key]
			out.append({
				"scope": scope, "domain": _(domain) if domain else _("全部领域"), "rate": r["label"], "rate_key": key,
				"numerator": r["numerator"], "denominator": r["denominator"], "value": r["display"],
				"target": "—" if r["target"] is None else f"{r['target']:g}%",
				"met": rules.met_word(r),
				"missing": "、".join(r["missing"]),
			})
	return out
