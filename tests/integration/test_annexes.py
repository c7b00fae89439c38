"""附件3–6 on a hand-built district: the reports' rows equal counts computed here from the
fixture, and each exported workbook, re-read with openpyxl, shows the same data in the
official layout; a street admin's export holds only its own subtree."""

import io

import frappe
import openpyxl
import pytest

from sanfenlei_app import rules
from sanfenlei_app.annexes import ANNEXES
from sanfenlei_app.sanfenlei_app.report.annex_3_classification_list.annex_3_classification_list import execute as annex3
from sanfenlei_app.sanfenlei_app.report.annex_4_classification_summary.annex_4_classification_summary import execute as annex4
from sanfenlei_app.sanfenlei_app.report.annex_5_remote_site_list.annex_5_remote_site_list import execute as annex5
from sanfenlei_app.sanfenlei_app.report.annex_6_remote_site_summary.annex_6_remote_site_summary import execute as annex6

from .conftest import Rest, make_user, role_users, uid
from .test_status_survey import year

# (street, domain, grade, stars, target, measures) per organisation
FIXTURE = {
	"甲": [
		("Community", "Advanced", 5, "Consolidate", "巩固提高，争创省级示范"),
		("Community", "Ordinary", 2, "Advanced", "每月一次主题党日"),
		("Community", "Lagging", 0, "Ordinary", "调整班子，结对帮扶"),
		("Private Enterprise", "Ordinary", 3, "Advanced", "建立党员示范岗"),
		("Remote Education Site", "Advanced", 0, "Consolidate", "规范站点管理"),
		("Remote Education Site", "Advanced", 0, "Consolidate", "定期组织收看"),
		("Remote Education Site", "Ordinary", 0, "Advanced", "配齐管理员"),
		("Remote Education Site", "Lagging", 0, "Ordinary", "更换设备"),
	],
	"乙": [
		("Community", "Advanced", 4, "Consolidate", "巩固提高"),
		("Community", "Ordinary", 1, "Advanced", "完善制度"),
		("Remote Education Site", "Advanced", 0, "Consolidate", "坚持学用结合"),
		("Remote Education Site", "Ordinary", 0, "Advanced", "增加播放次数"),
		("Remote Education Site", "Ordinary", 0, "Advanced", "加强维护"),
		("Remote Education Site", "Ordinary", 0, "Advanced", "培训管理员"),
	],
}
DEADLINE = "2012-11-30"


def graded_sheet(org, grade, stars, target, measures):
	from sanfenlei_app.grading import load_standard

	sheet = frappe.get_doc({"doctype": "Assessment Sheet", "organization": org, "campaign_year": year(), "phase": "Initial"})
	load_standard(sheet)
	sheet.insert()
	sheet.db_set({"decided_grade": grade, "decided_stars": stars, "docstatus": 1, "workflow_state": "Graded",
		"upgrade_target": target, "rectification_measures": measures, "upgrade_deadline": DEADLINE})


@pytest.fixture(scope="module")
def district():
	from .conftest import Tree

	frappe.set_user("Administrator")
	t = Tree()
	d = t.district()
	streets, orgs = {}, {}
	for key, rows in FIXTURE.items():
		street = t.street(d, f"{key}街道")
		streets[key] = street
		for i, (domain, grade, stars, target, measures) in enumerate(rows):
			org = t.org(f"{key}{i}-{rules.DOMAIN_LABELS[domain]}", "Grassroots", street.name, domain=domain).name
			orgs[org] = (key, domain, grade, stars, target, measures)
			graded_sheet(org, grade, stars, target, measures)
	users = role_users(a="Reporting Unit Admin", district="District Admin")
	t.admin(streets["甲"], users["a"])
	frappe.db.commit()
	return frappe._dict(d=d, streets=streets, orgs=orgs, users=users)


def expected(district, street=None, sites=False):
	return {o: v for o, v in district.orgs.items()
		if (street is None or v[0] == street) and (v[1] == "Remote Education Site") == sites}


def data_rows(rows):
	return [r for r in rows if not r.get("is_heading") and not r.get("is_total")]


def test_annex3_lists_each_organisation_with_its_tick_target_and_measures(district):
	_cols, rows = annex3({"campaign_year": year(), "reporting_unit": district.d.name})[:2]
	want = expected(district)
	got = {r["organization"]: r for r in data_rows(rows)}
	assert set(got) == set(want)
	for org, (_s, domain, grade, _stars, target, measures) in want.items():
		r = got[org]
		ticks = tuple(r[k] for k in ("advanced", "ordinary", "lagging"))
		assert ticks == tuple("√" if grade == g else "" for g in ("Advanced", "Ordinary", "Lagging"))
		assert r["target"] == {"Advanced": "争创先进", "Ordinary": "争创一般", "Consolidate": "巩固提高"}[target]
		assert r["measures"] == measures and str(r["deadline"]) == DEADLINE
	headings = [r["organization"] for r in rows if r.get("is_heading")]
	assert headings == ["领域（行业）：社区", "领域（行业）：非公企业"]  # one table per domain, the notice's order


def test_annex4_counts_per_unit_and_domain_with_totals(district):
	_cols, rows = annex4({"campaign_year": year(), "reporting_unit": district.d.name})[:2]
	want = {}
	for street, domain, grade, stars, _t, _m in expected(district).values():
		unit = district.streets[street].name
		w = want.setdefault((unit, domain), {"total": 0, "advanced": 0, "ordinary": 0, "lagging": 0, "star5": 0,
			"star4": 0, "star3": 0, "star2": 0, "star1": 0})
		w["total"] += 1
		w[grade.lower()] += 1
		if stars:
			w[f"star{stars}"] += 1
	got, domain = {}, None
	for r in rows:
		if r.get("is_heading"):
			domain = {"领域（行业）：社区": "Community", "领域（行业）：非公企业": "Private Enterprise"}[r["reporting_unit"]]
		elif not r.get("is_total"):
			got[(r["reporting_unit"], domain)] = {k: r[k] for k in want[next(iter(want))]}
	assert got == want
	community_total = next(r for r in rows if r.get("is_total") and r["domain"] == "Community")
	assert (community_total["total"], community_total["advanced"], community_total["advanced_share"]) == (5, 2, "40.0%")


def test_annex5_and_annex6_cover_remote_sites_with_the_30_percent_check(district):
	_cols, rows = annex5({"campaign_year": year(), "reporting_unit": district.d.name})[:2]
	assert {r["organization"] for r in data_rows(rows)} == set(expected(district, sites=True))
	_cols, rows = annex6({"campaign_year": year(), "reporting_unit": district.d.name})[:2]
	by_unit = {r["reporting_unit"]: r for r in rows}
	a, b = by_unit[district.streets["甲"].name], by_unit[district.streets["乙"].name]
	assert (a["total"], a["advanced"], a["advanced_share"], a["share_check"]) == (4, 2, "50.0%", "超过30%")
	assert (b["total"], b["advanced"], b["advanced_share"], b["share_check"]) == (4, 1, "25.0%", "符合")
	assert (by_unit["合计"]["total"], by_unit["合计"]["advanced"]) == (8, 3)


def download(api, method, **args):
	r = api.post(f"/api/method/sanfenlei_app.excel.{method}", args)
	assert r.status_code == 200, r.text[:500]
	assert r.headers["Content-Type"].startswith("application/")
	return openpyxl.load_workbook(io.BytesIO(r.content))


def sheet_values(ws):
	return [tuple(row) for row in ws.iter_rows(values_only=True)]


def test_street_admin_export_of_annex3_has_the_official_layout_and_only_its_subtree(district):
	wb = download(Rest(district.users["a"]), "export_annex", annex="annex3", campaign_year=year())
	ws = wb["附件3"]
	values = sheet_values(ws)
	assert values[1][0] == ANNEXES["annex3"].title
	assert values[2][0] == f"填报单位：{district.streets['甲'].name}" and values[2][4].startswith("填报时间：")
	merged = {str(m) for m in ws.merged_cells.ranges}
	assert "A2:H2" in merged
	header_row = next(i for i, v in enumerate(values, 1) if v[0] == "序号")
	assert f"C{header_row}:E{header_row}" in merged and f"A{header_row}:A{header_row + 1}" in merged
	assert values[header_row - 1][2] == "所分类别" and values[header_row][2:5] == ("先进", "一般", "后进")
	listed = {v[1]: v for v in values if v[1] in district.orgs}
	assert set(listed) == set(expected(district, "甲"))  # nothing of the other street
	for org, v in listed.items():
		grade = district.orgs[org][2]
		assert v[2:5] == tuple("√" if grade == g else None for g in ("Advanced", "Ordinary", "Lagging"))
		assert v[6] == district.orgs[org][5]
	assert any(v[0] == "5.“所分类别”栏，在选择项下划“√”。" for v in values)
	assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
	assert ws.print_title_rows.replace("$", "") == f"{header_row}:{header_row + 1}"
	assert ws["B1"].font.name == "宋体" or ws[f"B{header_row + 2}"].font.name == "宋体"


def test_all_annexes_in_one_workbook_equal_the_reports(district):
	wb = download(Rest(district.users["district"]), "export_all", campaign_year=year(), reporting_unit=district.d.name)
	assert wb.sheetnames == ["附件3", "附件4", "附件5", "附件6"]
	_cols, rows = annex4({"campaign_year": year(), "reporting_unit": district.d.name})[:2]
	report = [(r["reporting_unit"], r["total"], r["advanced"], r["ordinary"], r["lagging"], r["star5"], r["star4"],
		r["star3"], r["star2"], r["star1"]) for r in rows if not r.get("is_heading")]
	exported = [(v[1], v[2], v[3], v[5], v[7], v[9], v[10], v[11], v[12], v[13]) for v in sheet_values(wb["附件4"])
		if isinstance(v[2], int)]
	assert exported == report
	counted = [r for r in rows if not r.get("is_heading")]
	share_cells = [(row[4], row[6], row[8]) for row in wb["附件4"].iter_rows(min_col=1, max_col=9)
		if isinstance(row[2].value, int)]
	assert len(share_cells) == len(counted)
	for cells, r in zip(share_cells, counted):  # 比例 = 个数 / 总数 to 0.1%, the row's shares adding to 100.0%
		for c, grade in zip(cells, ("advanced", "ordinary", "lagging")):
			assert abs(c.value - r[grade] / r["total"]) < 0.001 and c.number_format == "0.0%"
		assert sum(c.value for c in cells) == pytest.approx(1.0, abs=1e-12), [c.value for c in cells]
	a6 = {v[1]: v for v in sheet_values(wb["附件6"]) if isinstance(v[2], int)}
	assert a6[district.streets["甲"].name][9] == "超过30%" and a6[district.streets["甲"].name][4] == pytest.approx(0.5)
	a5 = sheet_values(wb["附件5"])
	assert {v[1] for v in a5 if v[1] in district.orgs} == set(expected(district, sites=True))


def test_export_is_refused_without_the_report_permission(district):
	member = make_user(f"xm-{uid()}@test.local", ["Party Member"])
	frappe.db.commit()
	r = Rest(member).post("/api/method/sanfenlei_app.excel.export_annex", {"annex": "annex3", "campaign_year": year()})
	assert r.status_code == 403


def test_annex2_print_shows_the_breakdown_and_the_signature_lines(district):
	org = next(iter(district.orgs))
	name = frappe.db.get_value("Assessment Sheet", {"organization": org, "phase": "Initial"})
	sheet = frappe.get_doc("Assessment Sheet", name)
	html = frappe.get_print("Assessment Sheet", name, print_format="附件2 分类定级申报表")
	assert "全区“三分类三升级”活动基层党组织分类定级申报表" in html and org in html
	for item in sheet.items:
		assert item.content in html
	assert "书记（签名）" in html and "联系电话" in html and "区委组织部审核意见" in html
	assert "注：“年度升级目标”和“整改措施”栏可附专项材料。" in html
	assert district.orgs[org][5] in html  # the measures
	pdf = frappe.utils.pdf.get_pdf(html)
	assert pdf[:4] == b"%PDF"
