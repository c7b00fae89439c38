"""Demo (and benchmark) grading sheets, written in bulk.

`bench --site S sanfenlei-demo --sheets` gives every graded organisation of the demo an
approved Initial sheet (and, with ``--year-end``, an approved Year End one) scored item by
item against its domain's standard with deterministic pseudo-random deductions.  The
grading itself is `rules.grade_sheet`, the same function the validate hook calls; rows
are written with `frappe.db.bulk_insert` because 100,000 organisations do not go through
the ORM one by one in reasonable time.  Sheets already present are kept.
"""

import datetime
import random

import frappe
from frappe.utils import now_datetime

from sanfenlei_app import rules
from sanfenlei_app.grading import standard_for

MEASURES = [
	"健全“三会一课”制度，每月开展一次主题党日活动，书记带头讲党课",
	"调整充实班子，开展结对帮扶，半年内完成整顿转化",
	"建立党员示范岗和志愿服务队，联系服务群众",
	"规范站点管理，配齐管理员，定期组织党员群众收看",
	"完善阵地建设，推行党务公开，接受群众监督",
]
SHEET_FIELDS = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "organization", "campaign_year",
	"phase", "reporting_unit", "domain", "standard", "satisfaction", "total_score", "grade", "grade_label", "stars",
	"decided_grade", "decided_stars", "upgrade_target", "rectification_measures", "upgrade_deadline",
	"workflow_state", "honour", "due_date", "is_overdue")
ITEM_FIELDS = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "parent", "parenttype",
	"parentfield", "idx", "category", "content", "max_points", "deduction_method", "deduction", "deduction_reason",
	"score")


def _standards(campaign_year):
	"""Per domain: the standard's name, items, thresholds and bands (demo units have no own versions)."""
	out = {}
	for domain in rules.DOMAINS:
		org = frappe.db.get_value("Party Organization", {"domain": domain}, "name")
		name = org and standard_for(org, campaign_year)
		if name:
			std = frappe.get_doc("Assessment Standard", name)
			out[domain] = (name, std.items, std.thresholds(), std.bands() if std.gets_stars else None)
	return out


def _deductions(rng, items, level):
	"""About ``level`` points of deduction over the standard's items, each within its points."""
	full = sum(i.max_points for i in items) or 100
	return [round(min(i.max_points, level * i.max_points / full * rng.uniform(0.5, 1.5)), 1) for i in items]


def make_sheets(campaign_year="2012", phase="Initial", seed=2012, batch=500):
	"""Approved sheets for every active graded organisation lacking one; returns how many."""
	rng = random.Random(f"{seed}-{phase}")
	standards = _standards(campaign_year)
	year = frappe.get_doc("Campaign Year", campaign_year)
	due = year.classification_list_due if phase == "Initial" else year.summary_due
	have = set(frappe.get_all("Assessment Sheet", filters={"campaign_year": campaign_year, "phase": phase,
		"docstatus": ["<", 2]}, pluck="organization"))
	orgs = [o for o in frappe.get_all("Party Organization", filters={"domain": ["is", "set"], "status": "Active"},
		fields=["name", "domain", "reporting_unit"], order_by="lft") if o.name not in have and o.domain in standards]
	prefix = f"FLB-{campaign_year}-"
	current = frappe.db.get_value("Series", prefix, "current", order_by="name") or 0
	if not frappe.db.exists("Series", prefix):
		frappe.db.sql("insert into `tabSeries` (name, current) values (%s, 0)", prefix)
	now, user = now_datetime(), frappe.session.user
	sheets, items = [], []
	for n, org in enumerate(orgs, 1):
		name, std_items, thresholds, bands = standards[org.domain]
		if org.domain == "Remote Education Site":  # 优秀站点比例原则上不超过30%
			level = rng.choice((6, 14, 22, 24, 26, 30, 45))
		else:
			level = rng.choice((2, 6, 10, 14, 18, 22, 26, 30, 45))
		deductions = _deductions(rng, std_items, level)
		result = rules.grade_sheet([(i.max_points, [(d, "对照标准检查" if d else None)]) for i, d in zip(std_items, deductions)],
			domain=org.domain, thresholds=thresholds, bands=bands)
		grade, stars = result["grade"], result["stars"]
		sheet_name = f"{prefix}{current + n:05d}"
		honour = None
		if phase == "Year End" and grade == "Advanced" and rng.random() < 0.15:
			honour = rng.choice(rules.HONOURS)
		target = {"Advanced": "Consolidate", "Ordinary": "Advanced", "Lagging": "Ordinary"}[grade]
		sheets.append((sheet_name, now, now, user, user, 1, org.name, campaign_year, phase, org.reporting_unit, org.domain,
			name, 90.0, result["total"], grade, rules.grade_label(grade, org.domain), stars, grade, stars, target,
			rng.choice(MEASURES), datetime.date(year.year, 11, 30), "Graded" if phase == "Initial" else "Confirmed",
			honour, due, 0))
		for idx, (item, d, score) in enumerate(zip(std_items, deductions, result["scores"]), 1):
			items.append((f"{sheet_name}-{idx}", now, now, user, user, 1, sheet_name, "Assessment Sheet", "items", idx,
				item.category, item.content, item.max_points, item.deduction_method, d, "对照标准检查" if d else None, score))
		if len(sheets) >= batch:
			_flush(sheets, items)
			frappe.publish_progress(n * 100 / len(orgs), title="生成演示申报表", description=f"{n}/{len(orgs)}")
	_flush(sheets, items)
	frappe.db.sql("update `tabSeries` set current = %s where name = %s", (current + len(orgs), prefix))
	_update_ledger(campaign_year, phase)
	frappe.db.commit()
	return len(orgs)


def _flush(sheets, items):
	if sheets:
		frappe.db.bulk_insert("Assessment Sheet", SHEET_FIELDS, sheets)
		frappe.db.bulk_insert("Assessment Sheet Item", ITEM_FIELDS, items)
	sheets.clear()
	items.clear()


def _update_ledger(campaign_year, phase):
	"""The organisations' current grade, as approval (on_submit) would have written it."""
	frappe.db.sql(
		"""update `tabParty Organization` o join `tabAssessment Sheet` s on s.organization = o.name
		set o.current_grade = s.decided_grade, o.current_stars = s.decided_stars, o.current_grade_year = s.campaign_year
		where s.campaign_year = %s and s.phase = %s and s.docstatus = 1""",
		(campaign_year, phase),
	)
