"""Which standard grades an organisation, and grading a sheet with it.

The rules themselves are plain functions in `sanfenlei_app.rules`; this module only
fetches what they need.
"""

import frappe
from frappe.utils import flt

STANDARD = "Assessment Standard"


def standard_for(organization, campaign_year=None):
	"""The standard of the organisation's domain: its unit's approved adjusted version if
	there is one, else the district's; a year-specific one before a general one."""
	org = frappe.db.get_value("Party Organization", organization, ["domain", "reporting_unit"], as_dict=True)
	if not org or not org.domain:
		return None
	candidates = frappe.get_all(
		STANDARD,
		filters={"domain": org.domain, "approval_status": "Approved"},
		or_filters=[["owner_unit", "is", "not set"], ["owner_unit", "=", org.reporting_unit or ""]],
		fields=["name", "owner_unit", "campaign_year", "version", "modified"],
		ignore_permissions=True,
	)
	candidates = [c for c in candidates if not c.campaign_year or c.campaign_year == campaign_year]
	if not candidates:
		return None
	candidates.sort(
		key=lambda c: (bool(c.owner_unit), c.campaign_year == campaign_year, c.version or 0, c.modified), reverse=True
	)
	return candidates[0].name


def load_standard(sheet):
	"""Fill a new sheet's items and vetoes from its standard."""
	sheet.standard = sheet.standard or standard_for(sheet.organization, sheet.campaign_year)
	if not sheet.standard:
		frappe.throw(f"没有适用于“{sheet.organization}”所属领域的分类定级标准，请区委组织部先制定标准")
	std = frappe.get_doc(STANDARD, sheet.standard)
	if not sheet.items:
		for i in std.items:
			sheet.append("items", {"category": i.category, "content": i.content, "max_points": i.max_points,
				"deduction_method": i.deduction_method, "deduction": 0})
	if not sheet.vetoes:
		for v in std.vetoes:
			sheet.append("vetoes", {"code": v.code, "description": v.description, "kind": v.kind,
				"threshold": v.threshold, "applies": 0})
	return std


def grade_sheet_doc(sheet, method=None):
	"""validate hook of Assessment Sheet: score, veto, grade and stars by the rules."""
	from sanfenlei_app import rules

	std = load_standard(sheet)
	messages = check_rows_match_standard(sheet, std)
	for row in sheet.items:
		if flt(row.deduction) > flt(row.max_points):
			messages.append(f"“{row.content}”扣分{flt(row.deduction):g}分超过该项分值{flt(row.max_points):g}分（扣完为止）")
	result = rules.grade_sheet(
		[(flt(r.max_points), [(flt(r.deduction), r.deduction_reason)]) for r in sheet.items],
		vetoes=[(v.code, v.description, v.kind, flt(v.threshold) if v.kind == "satisfaction" else None) for v in sheet.vetoes],
		ticked=[v.code for v in sheet.vetoes if v.applies and v.kind == "fact"],
		satisfaction=flt(sheet.satisfaction) if sheet.satisfaction not in (None, "") else None,
		domain=sheet.domain,
		thresholds=std.thresholds(),
		bands=std.bands() if std.gets_stars else None,
	)
	messages += result["messages"]
	if messages:
		frappe.throw("<br>".join(messages), title="分类定级申报表填写有误")
	for row, score in zip(sheet.items, result["scores"]):
		row.score = score
	for v in sheet.vetoes:
		if v.kind == "satisfaction":
			v.applies = 1 if v.description in result["vetoes"] else 0
	sheet.total_score = result["total"]
	sheet.grade = result["grade"]
	sheet.grade_label = rules.grade_label(result["grade"], sheet.domain)
	sheet.stars = result["stars"] if std.gets_stars else 0
	sheet.veto_applied = "；".join(result["vetoes"])


def check_rows_match_standard(sheet, std):
	"""The scoring points and veto conditions are the standard's (as copied when the sheet
	was made): a form or a REST client may fill deductions and tick facts, never add, drop
	or re-weigh a row."""
	before = sheet.get_doc_before_save()
	source_items = before.items if before else std.items
	source_vetoes = before.vetoes if before else std.vetoes
	if [(i.content, flt(i.max_points)) for i in sheet.items] != [(i.content, flt(i.max_points)) for i in source_items]:
		return ["评分项目必须与分类定级标准一致：不能增加、删除评分要点或修改分值"]
	if [(v.code, v.kind) for v in sheet.vetoes] != [(v.code, v.kind) for v in source_vetoes]:
		return ["直接定为后进的情形必须与分类定级标准一致，不能增删"]
	return []
