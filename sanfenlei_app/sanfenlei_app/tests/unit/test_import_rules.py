"""The organisation import's rules (import_rules.py), without a site."""

import pytest

from sanfenlei_app.import_rules import normalize_choice, plan_organizations

CHOICES = {
	"org_level": (["", "District", "Reporting Unit", "Grassroots"], {"District": "区委组织部", "Reporting Unit": "上报单位", "Grassroots": "基层党组织"}),
	"domain": (["", "Community", "Street Committee"], {"Community": "社区", "Street Committee": "街道党工委"}),
}


def row(n, name, parent="", **kw):
	return {"row": n, "organization_name": name, "parent_party_organization": parent, "org_level": "Grassroots", **kw}


def test_a_choice_is_its_code_or_the_word_the_screens_show():
	codes, words = CHOICES["domain"]
	assert normalize_choice("社区", codes, words) == "Community"
	assert normalize_choice(" Community ", codes, words) == "Community"
	assert normalize_choice("", codes, words) == ""
	with pytest.raises(ValueError, match="“乡村”不是可选的值（可填写：社区、街道党工委）"):
		normalize_choice("乡村", codes, words)


def test_a_committee_and_its_branches_in_one_file_in_any_order():
	plan = plan_organizations([
		row(2, "一支部", "机关党委"), row(3, "二支部", "JG"), row(4, "机关党委", "某街道", short_name="JG", org_form="Party Committee"),
	], {"某街道": ""}, CHOICES)
	assert plan["errors"] == []
	assert [v["organization_name"] for v in plan["create"]] == ["机关党委", "一支部", "二支部"]
	by = {v["organization_name"]: v for v in plan["create"]}
	assert by["二支部"]["parent_party_organization"] == "机关党委"  # found by its short name
	assert by["一支部"]["parent_party_organization"] == "机关党委"


def test_bad_rows_are_reported_by_number_and_the_good_rows_go_ahead():
	plan = plan_organizations([
		row(2, "好社区", "某街道", domain="社区"),
		row(3, "错上级社区", "某街到"),
		row(4, "错领域社区", "某街道", domain="乡村"),
		row(5, "错领域社区的支部", "错领域社区"),
		row(6, ""),
		row(7, "好社区"),
		row(8, "旧社区", "某街道"),
	], {"某街道": "", "旧社区": ""}, CHOICES)
	assert [v["organization_name"] for v in plan["create"]] == ["好社区"]
	assert plan["create"][0]["domain"] == "Community" and plan["create"][0]["org_level"] == "Grassroots"
	reasons = dict(plan["errors"])
	assert sorted(reasons) == [3, 4, 5, 6, 7, 8]
	assert reasons[3] == "上级党组织“某街到”不存在（本表和系统中都没有）"
	assert reasons[4].startswith("“乡村”不是可选的值")
	assert reasons[5] == "上级党组织“错领域社区”（第4行）未能导入"
	assert reasons[6] == "“全称”不能为空"
	assert reasons[7] == "党组织“好社区”在本表第2行已经出现"
	assert reasons[8] == "党组织“旧社区”已存在，未重复导入"


def test_a_short_name_shared_by_two_organisations_is_refused_and_a_cycle_is_reported():
	plan = plan_organizations([row(2, "甲支部", "同名"), row(3, "乙", "丙"), row(4, "丙", "乙")],
		{"一号党委": "同名", "二号党委": "同名"}, CHOICES)
	reasons = dict(plan["errors"])
	assert reasons[2] == "简称“同名”对应多个党组织（一号党委、二号党委），请填写全称"
	assert "成环" in reasons[3] and "成环" in reasons[4]
	assert plan["create"] == []
