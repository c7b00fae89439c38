"""Upgrade plans, responsibility letters, commitments and the annual summary, as the notice says."""

import datetime

import pytest

from sanfenlei_app import rules

DEADLINE = datetime.date(2012, 11, 30)
STREET_DUE, OTHER_DUE = datetime.date(2012, 4, 27), datetime.date(2012, 5, 7)


def plan(start, stars, **kw):
	values = dict(measures="对照标准逐项整改", deadline=DEADLINE, year=2012, domain="Community")
	values.update(kw)
	return rules.check_upgrade_plan(start, stars, values.pop("target_grade", None), values.pop("target_stars", None),
		values.pop("target_honour", None), values.pop("measures"), values.pop("plan_text", None), values.pop("deadline"),
		values.pop("year"), values.pop("domain"))


def test_due_dates_streets_by_04_27_others_by_05_07():
	assert rules.plan_due_date("Street Committee", STREET_DUE, OTHER_DUE) == STREET_DUE
	for domain in rules.GRASSROOTS_DOMAINS:
		assert rules.plan_due_date(domain, STREET_DUE, OTHER_DUE) == OTHER_DUE
	assert rules.plan_reviewer("Street Committee") == "District"
	assert rules.plan_reviewer("Community") == "Reporting Unit"


def test_advanced_consolidates_and_aims_higher():
	assert plan("Advanced", 5, target_grade="Advanced", target_honour="provincial") == []
	assert plan("Advanced", 4, target_grade="Advanced", target_stars=5) == []
	assert plan("Advanced", 4, target_grade="Advanced", target_stars=4)[0].startswith("先进党组织重在巩固提高")
	# a district honour is not the national/provincial/municipal one the notice asks of them
	assert plan("Advanced", 5, target_grade="Advanced", target_honour="district")
	assert "先进党组织的目标不能低于“先进”" in plan("Advanced", 4, target_grade="Ordinary", target_honour="national")


def test_ordinary_aims_at_advanced():
	assert plan("Ordinary", 2, target_grade="Advanced", target_stars=4) == []
	assert plan("Ordinary", 3, target_honour="district") == []  # 区及以上先进(示范)党组织 counts too
	assert plan("Ordinary", 2, target_grade="Ordinary", target_stars=2)
	assert "目标星级不能低于现有的三星级" in plan("Ordinary", 3, target_grade="Ordinary", target_stars=2, target_honour="district")


def test_lagging_needs_a_rectification_plan():
	assert plan("Lagging", 0, target_grade="Ordinary") == ["后进党组织必须提交整顿转化方案（详细方案）"]
	assert plan("Lagging", 0, target_grade="Ordinary", plan_text="一、整顿班子…") == []
	assert "后进党组织重在整顿转化：争创目标应为“一般”或“先进”" in plan("Lagging", 0, plan_text="x")


def test_stars_measures_and_deadline():
	assert "先进党组织的星级只能是4至5星级" in plan("Ordinary", 2, target_grade="Advanced", target_stars=3)
	assert "目标星级必须在一至五星级之间" in plan("Ordinary", 2, target_grade="Advanced", target_stars=6)
	assert plan("Ordinary", 0, target_grade="Advanced", domain="Remote Education Site") == []
	assert "远程教育站点不评定星级" in plan("Ordinary", 0, target_grade="Advanced", target_stars=4, domain="Remote Education Site")
	assert plan("Ordinary", 2, target_grade="Advanced", measures="措" * 150) == []
	assert plan("Ordinary", 2, target_grade="Advanced", measures="措" * 151)[0].startswith("升级措施只填主要措施，不超过150字（现为151字）")
	assert plan("Ordinary", 2, target_grade="Advanced", measures="  ") == ["请填写整改（升级）措施"]
	assert plan("Ordinary", 2, target_grade="Advanced", deadline=datetime.date(2013, 1, 1)) == ["升级时限必须在2012年内"]
	assert plan("Ordinary", 2, target_grade="Advanced", deadline=None) == ["请填写升级时限"]
	assert "争创目标只能是“先进”或“一般”" in plan("Ordinary", 2, target_grade="Lagging")


def test_reporting_unit_without_a_grade_needs_only_measures_and_deadline():
	assert plan(None, 0, domain=None) == []


@pytest.mark.parametrize(
	"side, may, approved, already, expected",
	[
		("organization", True, True, None, []),
		("superior", True, True, None, []),
		("organization", True, False, None, ["争创目标经上级审核通过后，才能签订目标责任书"]),
		("superior", False, True, None, ["您不能代表上级党组织签订这份目标责任书"]),
		("organization", True, True, "a@x", ["本组织已由 a@x 签订，不能重复签订"]),
	],
)
def test_letter_signature(side, may, approved, already, expected):
	assert rules.check_letter_signature(side, may, approved, already) == expected


def test_member_commitment_only_by_the_member():
	assert rules.check_member_confirmation("m@x", "m@x") == []
	assert rules.check_member_confirmation("m@x", "secretary@x")[0].startswith("涉及本人签名部分必须由本人签名")
	assert rules.check_member_confirmation(None, "m@x") == ["这份承诺书还没有指定党员本人的账号，无法确认"]
	assert "一式三份" in rules.MEMBER_COMMITMENT_NOTE and "人手一份" in rules.ORG_COMMITMENT_NOTE


def test_movements_and_the_summary_draft():
	records = [
		{"organization": "A", "start_grade": "Advanced", "start_stars": 4, "end_grade": "Advanced", "end_stars": 5},
		{"organization": "B", "start_grade": "Ordinary", "start_stars": 2, "end_grade": "Ordinary", "end_stars": 2},
		{"organization": "C", "start_grade": "Ordinary", "start_stars": 3, "end_grade": "Ordinary", "end_stars": 1},
		{"organization": "D", "start_grade": "Lagging", "start_stars": 0, "end_grade": "Ordinary", "end_stars": 1},
		{"organization": "E", "start_grade": "Lagging", "start_stars": 0},
	]
	moves = rules.grade_movements(records)
	assert (moves["up"], moves["same"], moves["down"], moves["missing"]) == (2, 1, 1, 1)
	assert moves["matrix"][("Lagging", "Missing")] == 1
	rates = rules.compute_rates(records, rules.COMMUNITY_TARGETS)
	text = rules.annual_summary_draft("甲街道党工委", 2012, rates, moves, len(records))
	assert "年初参加分类定级的基层党组织共5个" in text and "晋位升级2个" in text and "尚未完成年底认定1个" in text
	assert "后进党组织转化率：1/2，50.0%（目标100%，未达到目标）" in text
	assert "一星级党组织升级率：0/0，—（目标35%，无可比对象）" in text
	# the same organisations counted in groups (as the reports query them) move alike
	grouped = [dict(records[0], organization=None, count=4), *records[1:]]
	moves = rules.grade_movements(grouped)
	assert (moves["up"], moves["same"], moves["down"], moves["missing"], moves["total"]) == (5, 1, 1, 1, 8)
