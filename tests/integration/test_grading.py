"""Grading standards and sheets graded through the hook, on a real site."""

import frappe
import pytest

from sanfenlei_app import rules
from sanfenlei_app.grading import standard_for
from sanfenlei_app.setup.standards import TITLES

from .conftest import Rest, make_user, uid, message
from .test_evidence import png
from .test_status_survey import year


def test_six_default_standards_are_installed_and_sum_to_100():
	for domain, title in TITLES.items():
		std = frappe.get_doc("Assessment Standard", title)
		assert std.domain == domain and not std.owner_unit and std.approval_status == "Approved"
		assert round(sum(i.max_points for i in std.items), 1) == 100
		assert [v.code for v in std.vetoes] == [v[0] for v in rules.DEFAULT_VETOES[domain]]
		assert std.gets_stars == (0 if domain == "Remote Education Site" else 1)


@pytest.fixture
def orgs(tree):
	d = tree.district()
	street, system = tree.street(d), tree.system(d)
	made = {"Street Committee": street}
	for domain in ("Community", "Private Enterprise", "Social Organization", "Remote Education Site"):
		made[domain] = tree.org(rules.DOMAIN_LABELS[domain], "Grassroots", street.name, domain=domain)
	made["Public Institution"] = tree.org("机关", "Grassroots", system.name, domain="Public Institution")
	return made


def new_sheet(org, deductions=(), satisfaction=None, ticked=(), phase="Initial"):
	sheet = frappe.get_doc({"doctype": "Assessment Sheet", "organization": org, "campaign_year": year(), "phase": phase,
		"satisfaction": satisfaction})
	from sanfenlei_app.grading import load_standard

	load_standard(sheet)
	taken = {}
	for points, reason in deductions:
		# spread the points over the items from the first, each at most its maximum: one row
		# of 扣分、加分记录 per item touched
		for row in sheet.items:
			take = min(points, row.max_points - taken.get(row.idx, 0))
			if take > 0:
				sheet.append("entries", {"item_no": row.idx, "points": take, "reason": reason})
				taken[row.idx] = taken.get(row.idx, 0) + take
				points -= take
	for v in sheet.vetoes:
		v.applies = 1 if v.code in ticked else 0
	return sheet.insert()


@pytest.mark.parametrize(
	"domain, deducted, grade, stars, label",
	[
		("Street Committee", 5, "Advanced", 5, "先进"),
		("Community", 12, "Advanced", 4, "先进"),
		("Private Enterprise", 25, "Ordinary", 3, "一般"),
		("Social Organization", 33, "Ordinary", 2, "一般"),
		("Public Institution", 45, "Lagging", 0, "后进"),
		("Remote Education Site", 15, "Advanced", 0, "优秀站点"),
	],
)
def test_a_sheet_of_each_domain_is_graded_through_the_hook(orgs, domain, deducted, grade, stars, label):
	sheet = new_sheet(orgs[domain].name, [(deducted, "对照标准逐项检查扣分")], satisfaction=90)
	assert sheet.standard == TITLES[domain]
	assert sheet.total_score == 100 - deducted
	assert (sheet.grade, sheet.stars, sheet.grade_label) == (grade, stars, label)
	assert sum(r.max_points - r.score for r in sheet.items) == deducted
	assert all(r.score == r.max_points - (r.deduction or 0) for r in sheet.items)
	assert sum(e.points for e in sheet.entries) == deducted and all(e.reason for e in sheet.entries)


def test_seven_infractions_on_a_ten_point_item_score_it_zero_and_leave_the_rest(orgs):
	"""扣完为止 with several deductions per item, each with its own reason and evidence."""
	sheet = new_sheet(orgs["Community"].name, satisfaction=90)
	first = sheet.items[0]  # 组织设置, 8 points
	for n in range(7):
		photo = frappe.get_doc({"doctype": "File", "file_name": f"record-{uid()}.png", "content": png(uid()),
			"is_private": 1}).insert()
		sheet.append("entries", {"item_no": 1, "points": 2, "reason": f"第{n + 1}次缺少组织生活记录",
			"evidence": photo.file_url})
	sheet.save()
	assert first.deduction == 14 and first.score == 0  # 8 - 14 stops at 0
	assert sheet.total_score == 100 - first.max_points and [r.score for r in sheet.items[1:]] == [r.max_points for r in sheet.items[1:]]
	assert "扣完为止" in sheet.explanation and len(sheet.entries) == 7


def test_satisfaction_below_60_makes_a_community_lagging_and_says_why(orgs):
	sheet = new_sheet(orgs["Community"].name, satisfaction=59.9)
	assert (sheet.total_score, sheet.grade, sheet.stars) == (100, "Lagging", 0)
	assert "满意度低于60%" in sheet.veto_applied
	assert [v.applies for v in sheet.vetoes if v.kind == "satisfaction"] == [1]


def test_a_ticked_veto_makes_an_enterprise_lagging(orgs):
	sheet = new_sheet(orgs["Private Enterprise"].name, satisfaction=99, ticked=["P2"])
	assert sheet.grade == "Lagging" and "重大违法违纪" in sheet.veto_applied


@pytest.mark.parametrize(
	"change, message",
	[
		(lambda s: s.append("entries", {"item_no": 1, "points": -3, "reason": "负数"}), "不小于0"),
		(lambda s: s.append("entries", {"item_no": 1, "points": 2, "reason": "  "}), "扣分理由"),
		(lambda s: s.append("entries", {"item_no": 99, "points": 2, "reason": "没有这一项"}), "评分项目序号99不存在"),
		(lambda s: setattr(s.items[0], "deduction", 2), "扣分、加分记录"),  # the first version's way: told where
		(lambda s: setattr(s, "satisfaction", 120), "满意度必须在0%到100%之间"),
	],
)
def test_bad_sheets_are_refused_and_nothing_is_saved(orgs, change, message):
	sheet = new_sheet(orgs["Community"].name, satisfaction=90)
	frappe.db.commit()
	change(sheet)
	with pytest.raises(frappe.ValidationError) as e:
		sheet.save()
	assert message in str(e.value)
	frappe.db.rollback()
	assert frappe.get_doc("Assessment Sheet", sheet.name).total_score == 100


def test_one_sheet_per_organisation_year_and_phase(orgs):
	new_sheet(orgs["Community"].name)
	with pytest.raises(frappe.DuplicateEntryError, match="申报表已存在"):
		new_sheet(orgs["Community"].name)
	assert new_sheet(orgs["Community"].name, phase="Year End").phase == "Year End"


def test_invalid_standards_are_refused_in_chinese():
	std = frappe.copy_doc(frappe.get_doc("Assessment Standard", TITLES["Community"]))
	std.standard_name = f"测试标准-{uid()}"
	std.items[0].max_points += 1
	with pytest.raises(frappe.ValidationError, match="合计应为100分"):
		std.insert()
	std.items[0].max_points -= 1
	std.four_star_min = 78
	with pytest.raises(frappe.ValidationError, match="一般党组织不能评为四星以上"):
		std.insert()


def test_adjusted_version_applies_inside_its_unit_only_after_approval(tree):
	d = tree.district()
	mine, other = tree.street(d, "甲街道"), tree.street(d, "乙街道")
	my_org = tree.org("甲社区", "Grassroots", mine.name, domain="Community")
	other_org = tree.org("乙社区", "Grassroots", other.name, domain="Community")
	admin = make_user(f"adj-{uid()}@test.local", ["Reporting Unit Admin"])
	district_admin = make_user(f"da-{uid()}@test.local", ["District Admin"])
	tree.admin(mine, admin)
	frappe.db.commit()

	base = frappe.get_doc("Assessment Standard", TITLES["Community"])
	items = [{"category": i.category, "content": i.content, "max_points": i.max_points, "deduction_method": i.deduction_method}
		for i in base.items]
	items[0]["max_points"] -= 4
	items.append({"category": "本街特色", "content": "落实街道网格化党建要求", "max_points": 4, "deduction_method": "未落实扣4分"})
	vetoes = [{"code": v.code, "description": v.description, "kind": v.kind, "threshold": v.threshold} for v in base.vetoes]
	name = f"甲街道社区标准-{tree.tag}"
	api = Rest(admin)
	payload = {"standard_name": name, "domain": "Community", "owner_unit": mine.name, "base_standard": base.name,
		"items": items, "vetoes": vetoes, "approval_status": "Approved"}
	r = api.post("/api/resource/Assessment Standard", payload)
	assert r.status_code == 200, r.text
	frappe.db.rollback()
	assert frappe.db.get_value("Assessment Standard", name, "approval_status") == "Pending Approval"  # cannot approve itself
	assert standard_for(my_org.name, year()) == base.name

	bad = dict(payload, standard_name=name + "-2", vetoes=vetoes[1:])
	r = api.post("/api/resource/Assessment Standard", bad)
	assert r.status_code == 417 and "不能删除" in message(r)

	r = Rest(district_admin).put(f"/api/resource/Assessment Standard/{name}", {"approval_status": "Approved"})
	assert r.status_code == 200, r.text
	frappe.db.rollback()
	assert frappe.db.get_value("Assessment Standard", name, "approved_by") == district_admin
	assert standard_for(my_org.name, year()) == name
	assert standard_for(other_org.name, year()) == base.name
	diff = frappe.get_doc("Assessment Standard", name).get_differences()
	assert [i["content"] for i in diff["added_items"]] == ["落实街道网格化党建要求"]
	assert len(diff["changed_items"]) == 1

	sheet = new_sheet(my_org.name)
	assert sheet.standard == name and len(sheet.items) == len(items)
