"""Which standard grades an organisation, and grading a sheet with it.

The rules themselves are plain functions in `sanfenlei_app.rules` (``rules.evaluate`` grades
any scheme); this module only fetches what they need and writes the result on the sheet.
"""

import frappe
from frappe.utils import cint, flt

from sanfenlei_app import rules

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
				"deduction_method": i.deduction_method, "item_kind": i.item_kind or "Deduction", "part": i.part,
				"deduction": 0})
	if not sheet.vetoes:
		for v in std.vetoes:
			sheet.append("vetoes", {"code": v.code, "description": v.description, "kind": v.kind,
				"threshold": v.threshold, "effect": v.effect or "Lowest Grade", "effect_grade": v.effect_grade,
				"effect_stars": v.effect_stars, "applies": 0})
	return std


def sheet_scheme(sheet, std):
	"""The standard's scheme with the sheet's own copy of its items and vetoes."""
	scheme = std.scheme()
	scheme["items"] = [{"max_points": flt(r.max_points), "kind": r.item_kind or "Deduction", "part": r.part or ""}
		for r in sheet.items]
	scheme["vetoes"] = [rules.veto_rule(v.code, v.description, v.kind, flt(v.threshold) if v.kind == "satisfaction" else None,
		v.effect or "Lowest Grade", v.effect_grade or None, cint(v.effect_stars)) for v in sheet.vetoes]
	return scheme


def sheet_entries(sheet):
	"""(entries per item as ``rules.evaluate`` takes them, messages about rows that fit no item)."""
	messages = []
	per_item = [[] for _r in sheet.items]
	for e in sheet.entries:
		n = cint(e.item_no)
		if not 1 <= n <= len(sheet.items):
			messages.append(f"扣分、加分记录第{e.idx}行：评分项目序号{n}不存在（应为1到{len(sheet.items)}）")
		elif sheet.items[n - 1].item_kind == "Rating":
			messages.append(f"扣分、加分记录第{e.idx}行：第{n}项是评分项，请在评分项目表中直接填写得分")
		else:
			per_item[n - 1].append((e.points, e.reason))
	given = [(flt(r.rating) if r.rating not in (None, "") else None) if r.item_kind == "Rating" else per_item[i]
		for i, r in enumerate(sheet.items)]
	return given, messages


def grade_sheet_doc(sheet, method=None):
	"""validate hook of Assessment Sheet: score, veto, grade and stars by the standard's scheme.
	At year end the satisfaction is the 评诺's (Commitment Rating), once it is held."""
	if sheet.phase == "Year End":
		from sanfenlei_app.sanfenlei_app.doctype.commitment_rating.commitment_rating import rated_satisfaction

		rated = rated_satisfaction(sheet.organization, sheet.campaign_year)
		if rated is not None:
			sheet.satisfaction = rated
	std = load_standard(sheet)
	messages = check_rows_match_standard(sheet, std)
	given, more = sheet_entries(sheet)
	messages += more + check_item_totals_untouched(sheet, given)
	result = rules.evaluate(
		sheet_scheme(sheet, std), given,
		ticked=[v.code for v in sheet.vetoes if v.applies and v.kind != "satisfaction"],
		satisfaction=flt(sheet.satisfaction) if sheet.satisfaction not in (None, "") else None,
		domain=sheet.domain,
	)
	messages += result["messages"]
	if messages:
		frappe.throw("<br>".join(dict.fromkeys(messages)), title="分类定级申报表填写有误")
	for row, entries, score in zip(sheet.items, given, result["scores"]):
		row.deduction = float(sum(rules.dec(p) for p, _r in entries)) if row.item_kind != "Rating" else 0
		row.score = score
	for v in sheet.vetoes:
		if v.kind == "satisfaction":
			v.applies = 1 if v.description in result["vetoes"] else 0
	sheet.total_score = result["total"]
	sheet.grade = result["grade"]
	sheet.grade_label = rules.grade_label(result["grade"], sheet.domain, std.labels())
	sheet.stars = result["stars"]
	sheet.veto_applied = "；".join(result["vetoes"] + result["honours"])
	sheet.explanation = "\n".join(result["explanation"])


def check_item_totals_untouched(sheet, given):
	"""An item's points are the sum of its rows in 扣分、加分记录: a client that writes them on the
	item itself (as the first version had it) is told where they go, rather than losing them."""
	before = sheet.get_doc_before_save()
	old = {r.name: flt(r.deduction) for r in before.items} if before else {}
	for row, entries in zip(sheet.items, given):
		if row.item_kind == "Rating":
			continue
		recorded = float(sum(rules.dec(p) for p, _r in entries))
		if flt(row.deduction) != recorded and flt(row.deduction) != old.get(row.name, 0.0):
			return [f"第{row.idx}项“{(row.content or '')[:20]}”：扣分和加分请逐条填写在“扣分、加分记录”中"
				"（评分项目序号、分值、理由、佐证材料），合计由系统计算"]
	return []


def check_rows_match_standard(sheet, std):
	"""The scoring points and veto conditions are the standard's (as copied when the sheet
	was made): a form or a REST client may fill deductions and tick facts, never add, drop
	or re-weigh a row."""
	before = sheet.get_doc_before_save()
	source_items = before.items if before else std.items
	source_vetoes = before.vetoes if before else std.vetoes
	key = lambda i: (i.content, flt(i.max_points), i.item_kind or "Deduction", i.part or "")  # noqa: E731
	if [key(i) for i in sheet.items] != [key(i) for i in source_items]:
		return ["评分项目必须与分类定级标准一致：不能增加、删除评分要点或修改分值"]
	vkey = lambda v: (v.code, v.kind, v.effect or "Lowest Grade", v.effect_grade or None, cint(v.effect_stars))  # noqa: E731
	if [vkey(v) for v in sheet.vetoes] != [vkey(v) for v in source_vetoes]:
		return ["直接定为后进的情形必须与分类定级标准一致，不能增删"]
	return []


def sheet_grade_names(sheet):
	"""{grade: name} of the sheet's standard (好/较好/一般/较差 for a four-level district, the
	notice's names otherwise); a Jinja method of the print format 附件2."""
	if sheet.get("standard") and frappe.db.exists(STANDARD, sheet.standard):
		return frappe.get_cached_doc(STANDARD, sheet.standard).labels()
	return {g: rules.grade_label(g, sheet.get("domain")) for g in rules.GRADES}
