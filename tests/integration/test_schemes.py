"""Scoring schemes as data (issue 16), graded through the sheet's hook on a real site.

Each scheme is a district standard of its own campaign year (2033 or 2034), so the notice's
default standards of the other tests stay in force.  Expected values are worked out by hand
next to the numbers.  Also: the migration patch of existing sheets, and 附件3/4 of a
four-level district.
"""

import frappe
import pytest

from sanfenlei_app import annexes, rules
from sanfenlei_app.grading import load_standard, standard_for

from .conftest import Rest, make_user, uid, message

COMMUNITY_ITEMS = "社区"


def campaign_year(y):
	if not frappe.db.exists("Campaign Year", str(y)):
		frappe.get_doc({"doctype": "Campaign Year", "year": y}).insert()
	return str(y)


def item(content, points, kind="Deduction", part=None):
	return {"category": "评分", "content": content, "max_points": points, "item_kind": kind, "part": part,
		"deduction_method": "逐项扣分，扣完为止" if kind == "Deduction" else ""}


def standard(domain, year, items, **fields):
	doc = frappe.get_doc({"doctype": "Assessment Standard", "standard_name": f"{domain}方案-{uid()}", "domain": domain,
		"campaign_year": year, "version": 9, "items": items, **fields})
	doc.insert()
	return doc


def sheet(org, year, entries=(), ticked=(), satisfaction=90, ratings=None):
	doc = frappe.get_doc({"doctype": "Assessment Sheet", "organization": org, "campaign_year": year,
		"phase": "Initial", "satisfaction": satisfaction})
	load_standard(doc)
	for n, points, reason in entries:
		doc.append("entries", {"item_no": n, "points": points, "reason": reason})
	for n, value in (ratings or {}).items():
		doc.items[n - 1].rating = value
	for v in doc.vetoes:
		v.applies = 1 if v.code in ticked else 0
	return doc.insert()


@pytest.fixture(scope="module")
def street():
	from .conftest import Tree

	frappe.set_user("Administrator")
	t = Tree()
	s = t.street(t.district(), "方案街道")
	s.tree = t
	for y in (2033, 2034, 2035, 2036):
		campaign_year(y)
	frappe.db.commit()  # the module's tests share the street and the years
	return s


def org(street, domain):
	return street.tree.org(f"方案组织{uid()}", "Grassroots", street.name, domain=domain).name


def test_the_notices_default_schemes_are_unchanged(street):
	"""The six installed standards are the notice's scheme written out, and grade as before."""
	for title in ("社区党组织分类定级具体标准", "远程教育站点分类定级指导标准"):
		std = frappe.get_doc("Assessment Standard", title)
		scheme = std.scheme()
		assert scheme["levels"] == [("Advanced", 80.0), ("Ordinary", 60.0), ("Lagging", None)]
		assert (scheme["parts"], scheme["bonus_cap"], scheme["min_stars"], scheme["decimals"], scheme["rounding"]) == (
			[], 0.0, 0, 1, "Half Up")
		assert {i["kind"] for i in scheme["items"]} == {"Deduction"} and {v["effect"] for v in scheme["vetoes"]} <= {"Lowest Grade"}
	o = org(street, "Community")
	s = sheet(o, "2012", [(1, 4, "班子缺额"), (2, 8, "未按期换届")])  # 100 - 12 = 88: 先进 4★
	assert (s.total_score, s.grade, s.stars, s.grade_label) == (88.0, "Advanced", 4, "先进")
	assert "88分达到先进分数线80分：先进" in s.explanation


def test_a_110_point_scheme_with_a_bonus_and_a_five_star_condition(street):
	std = standard("Community", "2033", [item("基础工作", 60), item("作用发挥", 40), item("创新项目", 6, "Bonus"),
		item("获得表彰", 5, "Bonus")], bonus_cap=10, vetoes=[{"code": "X1", "description": "五星级须有市级以上创新项目",
		"kind": "condition", "effect": "Cap Stars", "effect_stars": 4}])
	o = org(street, "Community")
	assert standard_for(o, "2033") == std.name
	entries = [(1, 8, "三会一课缺两次"), (2, 6, "志愿服务未常态化"), (3, 6, "社区议事会创新")]
	without = sheet(o, "2033", entries)
	# base 100 - 14 = 86; bonus 6: 92; five stars need the condition, not met: 四星级
	assert (without.total_score, without.grade, without.stars) == (92.0, "Advanced", 4)
	assert "未具备：五星级须有市级以上创新项目" in without.veto_applied and "星级最高为四星级" in without.explanation
	other = org(street, "Community")
	met = sheet(other, "2033", entries, ticked=["X1"])
	assert (met.total_score, met.stars) == (92.0, 5)
	assert [i.score for i in met.items] == [52.0, 34.0, 6.0, 0.0]


def test_a_seventy_thirty_weighted_scheme(street):
	std = standard("Private Enterprise", "2033", [item("基础工作", 60, part="基本项目"), item("作用发挥", 40, part="基本项目"),
		item("违规减分", 10, "Penalty", "基本项目"), item("民主测评", 100, "Rating", "民主测评")],
		parts=[{"part_name": "基本项目", "weight": 70}, {"part_name": "民主测评", "weight": 30}])
	o = org(street, "Private Enterprise")
	s = sheet(o, "2033", [(1, 5, "制度不全"), (2, 3, "作用一般"), (3, 3, "发生一起违规")], ratings={4: 85})
	# basic 55 + 37 = 92, penalties 3: 89; 89 x 70% + 85 x 30% = 62.3 + 25.5 = 87.8
	assert (s.standard, s.total_score, s.grade, s.stars) == (std.name, 87.8, "Advanced", 4)
	assert "基本项目：92分 − 减分3分 = 89分，权重70% → 62.3分" in s.explanation
	assert "民主测评：85分，权重30% → 25.5分" in s.explanation
	# the 民主测评 score is given before the review starts
	from sanfenlei_app import review

	unrated = sheet(org(street, "Private Enterprise"), "2033", [(1, 5, "制度不全")])
	with pytest.raises(frappe.ValidationError, match="请填写第4项“民主测评”的得分"):
		review.on_transition(unrated, "Draft", "Mass Preliminary Review")


def test_a_cap_grade_and_a_cap_stars_veto_and_an_honour(street):
	standard("Social Organization", "2033", [item("全部工作", 100)], vetoes=[
		{"code": "V1", "description": "群众满意度低于90%", "kind": "satisfaction", "threshold": 90, "effect": "Cap Grade",
			"effect_grade": "Ordinary"},
		{"code": "V2", "description": "发生违纪案件", "kind": "fact", "effect": "Cap Stars", "effect_stars": 2},
		{"code": "H1", "description": "获区级先进基层党组织", "kind": "honour", "effect": "Rate Directly", "effect_grade": "Advanced"}])
	capped = sheet(org(street, "Social Organization"), "2033", [(1, 12, "对照检查")], satisfaction=85)
	assert (capped.total_score, capped.grade, capped.stars) == (88.0, "Ordinary", 3)  # 88 -> 一般 3★
	starred = sheet(org(street, "Social Organization"), "2033", [(1, 7, "对照检查")], ticked=["V2"])
	assert (starred.total_score, starred.grade, starred.stars) == (93.0, "Ordinary", 2)  # 93 -> 一般 2★
	honoured = sheet(org(street, "Social Organization"), "2033", [(1, 30, "对照检查")], ticked=["H1"])
	assert (honoured.total_score, honoured.grade, honoured.stars) == (70.0, "Advanced", 4)  # 70 -> 先进 4★
	assert "获区级先进基层党组织：直接定为先进" in honoured.explanation


def four_level_standard(domain, year):
	return standard(domain, year, [item("全部工作", 100)], grade_levels="4", advanced_threshold=90, good_threshold=80,
		ordinary_threshold=60, total_decimals=0, rounding="Half Up")


def test_a_four_level_scheme_and_its_boundary_rule(street):
	std = four_level_standard("Public Institution", "2033")
	assert std.labels() == {"Advanced": "好", "Good": "较好", "Ordinary": "一般", "Lagging": "较差"}
	cases = [(10.5, 90.0, "Advanced", "好", 5),  # 89.5 rounds (half up, no decimals) to 90: 好
		(15, 85.0, "Good", "较好", 4), (30, 70.0, "Ordinary", "一般", 2), (45, 55.0, "Lagging", "较差", 0)]
	for deducted, total, grade, label, stars in cases:
		s = sheet(org(street, "Public Institution"), "2033", [(1, deducted, "对照检查")])
		assert (s.total_score, s.grade, s.grade_label, s.stars) == (total, grade, label, stars), deducted
	html = frappe.get_print("Assessment Sheet", s.name, print_format="附件2 分类定级申报表")
	assert "较差" in html and "评定依据" in html


def test_the_same_facts_give_the_same_exact_total_over_rest_and_in_the_desk(street):
	"""Twenty 5-point items, thirteen with 0.35 deducted: exactly 79.85, rounded once to 79.9 (一般)."""
	standard("Community", "2034", [item(f"第{n}项", 5) for n in range(1, 21)])
	facts = [{"item_no": n, "points": 0.35, "reason": "记录缺页"} for n in range(1, 14)] + [
		{"item_no": n, "points": 5, "reason": "未开展"} for n in (14, 15, 16)] + [{"item_no": 17, "points": 0.6, "reason": "签名缺失"}]
	desk = sheet(org(street, "Community"), "2034", [(f["item_no"], f["points"], f["reason"]) for f in facts])
	secretary = make_user(f"scheme-sec-{uid()}@test.local", ["Organization Secretary"])
	mine = street.tree.org(f"方案社区{uid()}", "Grassroots", street.name, domain="Community", secretary_user=secretary)
	frappe.db.commit()
	api = Rest(secretary)
	r = api.post("/api/resource/Assessment Sheet", {"organization": mine.name, "campaign_year": "2034", "phase": "Initial",
		"satisfaction": 90})
	assert r.status_code == 200, r.text
	r = api.put(f"/api/resource/Assessment Sheet/{r.json()['data']['name']}", {"entries": facts})
	assert r.status_code == 200, r.text
	rest = r.json()["data"]
	assert desk.total_score == rest["total_score"] == 79.9 and desk.grade == rest["grade"] == "Ordinary"
	assert "总分79.85分，按四舍五入保留1位小数为79.9分" in rest["explanation"]


def test_a_unit_may_not_change_the_districts_grades_or_veto_effects(street):
	base = frappe.get_doc("Assessment Standard", "社区党组织分类定级具体标准")
	adjusted = frappe.copy_doc(base)
	adjusted.update({"standard_name": f"调整版-{uid()}", "owner_unit": street.name, "base_standard": base.name})
	adjusted.vetoes[0].effect = "Cap Stars"
	adjusted.vetoes[0].effect_stars = 3
	with pytest.raises(frappe.ValidationError, match="不能改变区委组织部规定的一票否决的类别、界限或效力"):
		adjusted.insert()
	adjusted.vetoes[0].effect, adjusted.vetoes[0].effect_stars = "Lowest Grade", 0
	satisfaction = next(v for v in adjusted.vetoes if v.kind == "satisfaction")
	satisfaction.threshold = 1  # 满意度低于60% weakened to 1%
	with pytest.raises(frappe.ValidationError, match="一票否决的类别、界限或效力"):
		adjusted.insert()
	satisfaction.threshold = 60
	adjusted.append("vetoes", {"code": "H9", "description": "本街表彰", "kind": "honour", "effect": "Rate Directly",
		"effect_grade": "Advanced"})
	with pytest.raises(frappe.ValidationError, match="调整版不能增加"):
		adjusted.insert()
	adjusted.vetoes.pop()
	adjusted.gets_stars = 0
	with pytest.raises(frappe.ValidationError, match="不能改变星级分数段"):
		adjusted.insert()
	adjusted.gets_stars = 1
	adjusted.grade_levels, adjusted.good_threshold = "4", 70
	with pytest.raises(frappe.ValidationError, match="不能改变先进、一般、后进的分数线"):
		adjusted.insert()


def test_annex3_and_annex4_of_a_four_level_district(street):
	"""A district grading in four levels files 附件3/4 with four grade columns, and shares that
	add up to 100.0% (one organisation in each grade: 25.0% each)."""
	from .conftest import Tree

	four_level_standard("Community", "2035")
	t = Tree()
	unit = t.street(t.district(), "四级街道")
	for deducted in (5, 15, 30, 45):  # 95 好, 85 较好, 70 一般, 55 较差
		s = sheet(t.org(f"四级社区{deducted}", "Grassroots", unit.name, domain="Community").name, "2035", [(1, deducted, "对照检查")])
		s.db_set({"decided_grade": s.grade, "decided_stars": s.stars, "docstatus": 1, "workflow_state": "Graded"})
	filters = {"campaign_year": "2035", "phase": "Initial", "reporting_unit": unit.name}
	columns, rows, *_ = annexes.execute_report("annex3", filters)
	labels = [c["label"] for c in columns]
	assert [l for l in labels if l.startswith("所分类别")] == ["所分类别·好", "所分类别·较好", "所分类别·一般", "所分类别·较差"]
	ticks = [(r["advanced"], r["good"], r["ordinary"], r["lagging"]) for r in rows if r.get("idx")]
	assert sorted(ticks, reverse=True) == [("√", "", "", ""), ("", "√", "", ""), ("", "", "√", ""), ("", "", "", "√")]
	columns, rows, *_ = annexes.execute_report("annex4", filters)
	groups = [c["label"].split("·")[0] for c in columns if "·" in c["label"]]
	assert groups[:8] == ["好党组织", "好党组织", "较好党组织", "较好党组织", "一般党组织", "一般党组织", "较差党组织", "较差党组织"]
	total = next(r for r in rows if r.get("is_total"))
	assert (total["total"], total["advanced"], total["good"], total["ordinary"], total["lagging"]) == (4, 1, 1, 1, 1)
	assert [total[f"{g}_share"] for g in ("advanced", "good", "ordinary", "lagging")] == ["25.0%"] * 4
	from sanfenlei_app.excel import build_workbook

	import io

	import openpyxl

	wb = openpyxl.load_workbook(io.BytesIO(build_workbook(["annex4"], frappe._dict(filters))))
	header = [c.value for row in wb.active.iter_rows(min_row=1, max_row=6) for c in row if c.value]
	assert {"好党组织", "较好党组织", "一般党组织", "较差党组织"} <= set(header)


def test_three_shares_of_one_each_add_up_in_annex4(street):
	"""One organisation in each of three grades: 33.4% + 33.3% + 33.3% = 100.0%."""
	from .conftest import Tree

	t = Tree()
	unit = t.street(t.district(), "三分街道")
	for grade, stars in (("Advanced", 4), ("Ordinary", 2), ("Lagging", 0)):
		s = sheet(t.org(f"三分社区{grade}", "Grassroots", unit.name, domain="Community").name, "2012")
		s.db_set({"decided_grade": grade, "decided_stars": stars, "docstatus": 1, "workflow_state": "Graded"})
	_columns, rows, *_ = annexes.execute_report("annex4", {"campaign_year": "2012", "reporting_unit": unit.name})
	total = next(r for r in rows if r.get("is_total"))
	shares = [total[f"{g}_share"] for g in ("advanced", "ordinary", "lagging")]
	assert shares == ["33.4%", "33.3%", "33.3%"]


def test_the_patch_moves_old_deductions_into_rows_without_changing_a_result(street):
	"""A sheet as the first version stored it (one deduction, reason and evidence on the item;
	no item kinds, no veto effects) is migrated by the patch; saved again it grades the same."""
	from sanfenlei_app.patches import scoring_scheme_as_data

	s = sheet(org(street, "Community"), "2012", [(1, 3.5, "设置不规范"), (2, 5, "未按期换届")])
	from .test_evidence import png

	photo = frappe.get_doc({"doctype": "File", "file_name": f"old-{uid()}.png", "content": png(uid()), "is_private": 1}).insert()
	before = (s.total_score, s.grade, s.stars, [i.score for i in s.items])
	added = []
	for column in ("deduction_reason", "evidence"):
		if column not in {c[0] for c in frappe.db.sql("show columns from `tabAssessment Sheet Item`")}:
			frappe.db.sql_ddl(f"alter table `tabAssessment Sheet Item` add column `{column}` text")
			added.append(column)
	try:
		frappe.db.sql("""update `tabAssessment Sheet Item` set deduction_reason = if(idx = 1, '设置不规范', '未按期换届'),
			evidence = if(idx = 1, %s, null), item_kind = null where parent = %s and deduction > 0""", (photo.file_url, s.name))
		frappe.db.sql("update `tabAssessment Sheet Veto` set effect = null where parent = %s", s.name)
		frappe.db.delete("Assessment Sheet Entry", {"parent": s.name})
		scoring_scheme_as_data.execute()
		entries = frappe.get_all("Assessment Sheet Entry", filters={"parent": s.name},
			fields=["item_no", "points", "reason", "evidence"], order_by="idx")
		assert [(e.item_no, e.points, e.reason, e.evidence) for e in entries] == [
			(1, 3.5, "设置不规范", photo.file_url), (2, 5.0, "未按期换届", None)]
		assert frappe.db.get_value("File", photo.name, ["attached_to_doctype", "attached_to_name"]) == ("Assessment Sheet", s.name)
		again = frappe.get_doc("Assessment Sheet", s.name)
		assert {i.item_kind for i in again.items} == {"Deduction"} and {v.effect for v in again.vetoes} == {"Lowest Grade"}
		again.save()
		assert (again.total_score, again.grade, again.stars, [i.score for i in again.items]) == before
	finally:
		for column in added:
			frappe.db.sql_ddl(f"alter table `tabAssessment Sheet Item` drop column `{column}`")


def test_a_star_level_over_its_intended_share_needs_the_districts_exception(street):
	"""五星级约占10%: a unit finalising its third five-star organisation of three is warned, as the
	30% rule warns for sites, until the district records an exception for that unit and level."""
	from .conftest import Tree

	from sanfenlei_app import review

	standard("Community", "2036", [item("全部工作", 100)], five_star_share=10)
	campaign_year(2036)
	t = Tree()
	unit = t.street(t.district(), "星级比例街道")
	sheets = []
	for n in range(3):
		s = sheet(t.org(f"星级社区{n}", "Grassroots", unit.name, domain="Community").name, "2036", [(1, 5, "对照检查")])
		s.db_set({"decided_grade": "Advanced", "decided_stars": 5, "workflow_state": "Graded" if n < 2 else "Superior Decision"})
		sheets.append(s)
	last = frappe.get_doc("Assessment Sheet", sheets[-1].name)
	warned = review.check_star_share(last)
	assert len(warned) == 1 and "五星级党组织3个，占3个的100.0%，超过预期比例10%" in warned[0]
	year_doc = frappe.get_doc("Campaign Year", "2036")
	year_doc.append("site_share_exceptions", {"street": unit.name, "stars": 5, "reason": "全部获评市级示范"})
	year_doc.save()
	assert review.check_star_share(last) == []
	last.decided_stars = 4
	assert review.check_star_share(last) == []  # four stars have no intended share here
