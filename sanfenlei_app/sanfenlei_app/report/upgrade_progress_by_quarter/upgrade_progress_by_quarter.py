# Copyright (c) 2026, sanfenlei_app contributors
# License: MIT. See license.txt
"""升级进展季度统计: 推动晋位升级 (April to November) by quarter, per reporting unit or per domain —
the milestones due in each quarter, done and overdue, the progress reports, the 践诺 records and
the superiors' 督查指导 notes.  Set-based: one GROUP BY per kind of record over the tree."""

import frappe
from frappe import _
from frappe.utils import nowdate

from sanfenlei_app import rules
from sanfenlei_app.reports import organization_scope
from sanfenlei_app.sanfenlei_app.doctype.campaign_year.campaign_year import get_current_year
from sanfenlei_app.reports import fit_widths

QUARTERS = (1, 2, 3, 4)
COUNTS = (  # (fieldname, label): what is counted per quarter
	("due", "到期的升级措施"),
	("done", "其中已完成"),
	("overdue", "其中已逾期"),
	("reports", "进展报告"),
	("fulfilments", "践诺记录"),
	("notes", "督查指导和书记点评"),
)


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = quarter_rows(filters)
	return fit_widths(columns(filters)), rows, None, chart(rows)


def columns(filters):
	scope = _("Domain") if filters.get("view") == "Domain" else _("Reporting Unit")
	return [
		{"fieldname": "scope", "label": scope, "fieldtype": "Data", "width": 220},
		{"fieldname": "quarter", "label": _("Quarter"), "fieldtype": "Data", "width": 90},
		*({"fieldname": f, "label": label, "fieldtype": "Int", "width": 120} for f, label in COUNTS),
	]


def counts(filters):
	"""{(scope key, quarter): {count: n}} of the campaign year in the user's scope."""
	join, conditions, values = organization_scope(filters)
	values.update(year=filters.get("campaign_year") or get_current_year(), today=nowdate())
	key = "o.domain" if filters.get("view") == "Domain" else "o.reporting_unit"
	scope = " and ".join(conditions) or "1=1"
	queries = {
		"Upgrade Milestone": ("r.quarter", "count(*) as due, sum(r.status = 'Done') as done, "
			"sum(r.status != 'Done' and r.due_date < %(today)s) as overdue"),
		"Milestone Progress": ("quarter(r.reported_on)", "count(*) as reports"),
		"Commitment Fulfilment": ("r.quarter", "count(*) as fulfilments"),
		"Supervision Note": ("r.quarter", "count(*) as notes"),
	}
	out = {}
	for doctype, (quarter, aggregates) in queries.items():
		for row in frappe.db.sql(
			f"""select {key} as scope_key, {quarter} as q, {aggregates}
			from `tab{doctype}` r join `tabParty Organization` o on o.name = r.organization {join}
			where r.campaign_year = %(year)s and {scope}
			group by scope_key, q""", values, as_dict=True):
			cell = out.setdefault((row.pop("scope_key") or "", int(row.pop("q") or 0)), {})
			cell.update({k: int(v or 0) for k, v in row.items()})
	return out


def quarter_rows(filters):
	"""One row per scope (reporting unit or domain) and quarter 1-4 with every count of COUNTS;
	scopes without any record are left out."""
	found = counts(filters)
	scopes = sorted({k for k, _q in found})
	rows = []
	for key in scopes:
		label = rules.DOMAIN_LABELS.get(key, key) if filters.get("view") == "Domain" else key
		for q in QUARTERS:
			cell = found.get((key, q), {})
			rows.append({"scope": label, "scope_key": key, "quarter": f"第{q}季度", "q": q,
				**{f: cell.get(f, 0) for f, _label in COUNTS}})
	return rows


def totals(rows):
	"""{count: {quarter: n}} summed over the scopes of ``rows``."""
	return {f: {q: sum(r[f] for r in rows if r["q"] == q) for q in QUARTERS} for f, _label in COUNTS}


COLORS = {"due": "#2490EF", "done": "#29CD42", "overdue": "#CB2929", "reports": "#7575FF", "fulfilments": "#ECAD4B",
	"notes": "#8D99A6"}  # overdue red, done green


def chart(rows):
	"""The quarters' counts as a bar chart; none at all is a chart without labels (无数据)."""
	sums = totals(rows)
	if not any(sums[f][q] for f, _label in COUNTS for q in QUARTERS):
		return {"type": "bar", "data": {}}
	return {"type": "bar", "colors": [COLORS[f] for f, _label in COUNTS], "data": {"labels": [f"第{q}季度" for q in QUARTERS],
		"datasets": [{"name": label, "values": [sums[f][q] for q in QUARTERS]} for f, label in COUNTS]}}
