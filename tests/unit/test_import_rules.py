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


# ----------------------------------------------------------------- users with roles and assignments
from sanfenlei_app.import_rules import plan_results, plan_users, read_stars, resolve_organization, split_cell  # noqa: E402

ROLES = (["Campaign Leader", "Organization Secretary", "Reporting Unit Admin"],
	{"Campaign Leader": "部门领导", "Organization Secretary": "党组织书记", "Reporting Unit Admin": "上报单位管理员"})
ORGS = {"望平社区党委": "望平", "猛追湾街道党工委": "猛追湾", "双桥子望平社区党委": "望平社区", "另一个望平": "望平"}
UNITS = {"猛追湾街道党工委"}


def user(n, email, **kw):
	return {"row": n, "email": email, "full_name": kw.pop("full_name", "张三"), **kw}


def test_an_organisation_is_named_by_its_full_or_unique_short_name():
	assert resolve_organization("望平社区", ORGS) == "双桥子望平社区党委"
	assert resolve_organization(" 猛追湾街道党工委 ", ORGS) == "猛追湾街道党工委"
	with pytest.raises(ValueError, match="简称“望平”对应多个党组织（另一个望平、望平社区党委），请填写全称"):
		resolve_organization("望平", ORGS)
	with pytest.raises(ValueError, match="上报单位“没有”不存在，或不在您管理的范围内"):
		resolve_organization("没有", ORGS, what="上报单位")
	assert split_cell("部门领导、 评议部门,党组织书记；\n上报单位管理员") == ["部门领导", "评议部门", "党组织书记", "上报单位管理员"]


def test_users_get_roles_from_words_and_from_their_assignments():
	plan = plan_users([
		user(2, "Sec@X.local", secretary_of="望平社区"),
		user(3, "adm@x.local", roles="上报单位管理员", admin_of="猛追湾"),
		user(4, "lead@x.local", roles="Campaign Leader、部门领导"),
		user(5, "old@x.local", full_name="", roles="党组织书记"),
	], {"old@x.local": {"Organization Secretary"}}, ROLES, ORGS, UNITS)
	assert plan["errors"] == []
	by = {v["email"]: v for v in plan["create"]}
	assert by["sec@x.local"]["roles"] == ["Organization Secretary"] and by["sec@x.local"]["secretary_of"] == ["双桥子望平社区党委"]
	assert by["adm@x.local"]["roles"] == ["Reporting Unit Admin"]  # typed and derived: once
	assert by["adm@x.local"]["admin_of"] == ["猛追湾街道党工委"]
	assert by["lead@x.local"]["roles"] == ["Campaign Leader"]  # a code and its word are one role
	assert by["old@x.local"]["exists"] and not by["sec@x.local"]["exists"]


@pytest.mark.parametrize("row, reason", [
	(user(2, ""), "“邮箱”不能为空（邮箱是登录账号）"),
	(user(2, "not-an-email", roles="部门领导"), "“not-an-email”不是有效的邮箱"),
	(user(2, "new@x.local", full_name="", roles="部门领导"), "新用户须填写“姓名”"),
	(user(2, "a@x.local", roles="系统管理员"), "“系统管理员”不是可选的值（可填写：部门领导、党组织书记、上报单位管理员）"),
	(user(2, "a@x.local", admin_of="望平社区"), "“双桥子望平社区党委”不是上报单位（街道党工委、系统党委或区直机关工委），不能指定单位管理员"),
	(user(2, "a@x.local", secretary_of="望平"), "简称“望平”对应多个党组织（另一个望平、望平社区党委），请填写全称"),
	(user(2, "a@x.local", secretary_of="别的区的社区"), "党组织“别的区的社区”不存在，或不在您管理的范围内"),
	(user(2, "a@x.local"), "请至少填写一个角色，或担任书记的党组织、管理的上报单位"),
	(user(2, "leader@x.local", secretary_of="望平社区"), "“leader@x.local”是部门领导，看全区的账号不能兼任书记或单位管理员（任职后只能看到所管组织）：请为任职另建一个账号"),
	(user(2, "a@x.local", roles="部门领导", admin_of="猛追湾"), "“a@x.local”是部门领导，看全区的账号不能兼任书记或单位管理员（任职后只能看到所管组织）：请为任职另建一个账号"),
	(user(2, "a@x.local", roles="部门领导", outbox=False), "本系统没有设置发信邮箱，新用户收不到设置密码的邮件：请填写初始密码"),
])
def test_every_bad_user_row_is_reported_with_its_reason(row, reason):
	plan = plan_users([user(3, "good@x.local", roles="部门领导", new_password="Xy#2026-long-pass"), row],
		{"leader@x.local": {"Campaign Leader"}}, ROLES, ORGS, UNITS,
		has_outbox=row.pop("outbox", True))
	assert plan["errors"] == [(2, reason)]
	assert [v["email"] for v in plan["create"]] == ["good@x.local"]  # the good row goes ahead


def test_an_email_twice_in_one_file_is_reported_on_its_second_row():
	plan = plan_users([user(2, "a@x.local", roles="部门领导"), user(3, "A@x.local", roles="党组织书记")], {}, ROLES, ORGS, UNITS)
	assert plan["errors"] == [(3, "邮箱“a@x.local”在本表第2行已经出现")]


def test_one_secretary_per_organisation_in_a_file_and_a_password_alone_for_an_existing_account():
	plan = plan_users([user(2, "a@x.local", secretary_of="望平社区", new_password="p"),
		user(3, "b@x.local", secretary_of="双桥子望平社区党委", new_password="p"),
		user(4, "old@x.local", full_name="", new_password="Xy#2026-long-pass")], {"old@x.local": set()}, ROLES, ORGS, UNITS,
		has_outbox=False)
	assert plan["errors"] == [(3, "党组织“双桥子望平社区党委”在本表第2行已经指定了书记，一个党组织只有一位书记")]
	assert [v["email"] for v in plan["create"]] == ["a@x.local", "old@x.local"]  # a new password alone is a change


# ----------------------------------------------------------------- a previous year's results
DOMAINS = {"望平社区党委": "Community", "猛追湾街道党工委": "Street Committee", "双桥子望平社区党委": "Community",
	"另一个望平": "Remote Education Site"}


def result(n, org, year="2011", phase="年初定级", grade="一般", stars="2", **kw):
	return {"row": n, "organization": org, "year": year, "phase": phase, "grade": grade, "stars": stars, **kw}


@pytest.mark.parametrize("typed, stars", [("", 0), ("0", 0), ("3", 3), ("三星级", 3), ("五星", 5), ("3星", 3), ("3星级", 3),
	("★★★", 3), ("★★★☆☆", 3), ("两星", 2), ("无", 0), ("无星级", 0)])
def test_stars_are_read_as_a_person_writes_them(typed, stars):
	assert read_stars(typed) == stars


@pytest.mark.parametrize("typed", ["六星", "6", "★4", "三颗星", "-1"])
def test_stars_that_are_not_stars_are_refused_never_read_as_none(typed):
	with pytest.raises(ValueError, match=f"星级“{typed}”无法识别"):
		read_stars(typed)


@pytest.mark.parametrize("founded, members, reason", [
	("2011年5月", "", "成立日期“2011年5月”不是有效的日期（如2011-05-01或2011年5月1日）"),
	("13/45/2011", "", "成立日期“13/45/2011”不是有效的日期（如2011-05-01或2011年5月1日）"),
	("2011-02-30", "", "成立日期“2011-02-30”不是有效的日期（如2011-05-01或2011年5月1日）"),
	("", "三十", "党员人数“三十”须是整数（如30）"),
	("", "x", "党员人数“x”须是整数（如30）"),
])
def test_dates_and_numbers_are_checked_row_by_row_not_by_the_database(founded, members, reason):
	typed = {"founded_on": ("Date", "成立日期"), "member_count": ("Int", "党员人数")}
	plan = plan_organizations([row(2, "甲", "某街道", founded_on=founded, member_count=members),
		row(3, "乙", "某街道", founded_on="2011年5月1日", member_count="30人")], {"某街道": ""}, CHOICES, typed)
	assert plan["errors"] == [(2, reason)]
	assert [(v["founded_on"], v["member_count"]) for v in plan["create"]] == [("2011-05-01", "30")]


def test_results_in_every_scheme_s_words_and_in_codes():
	plan = plan_results([
		result(2, "望平社区", grade="先进", stars="四星级"),
		result(3, "望平社区", phase="年终验收", grade="好", stars="5", honour="省级"),
		result(4, "望平社区党委", year="2011年", phase="Year End", grade="较好", stars="3"),
		result(5, "另一个望平", grade="优秀站点", stars=""),
		result(6, "猛追湾", phase="年底验收", grade="较差", stars="0", note="2011年台账"),
	], ORGS, DOMAINS, {})
	assert plan["errors"] == []
	got = [(v["organization"], v["year"], v["phase"], v["grade"], v["stars"], v["honour"]) for v in plan["create"]]
	assert got == [
		("双桥子望平社区党委", 2011, "Initial", "Advanced", 4, ""),
		("双桥子望平社区党委", 2011, "Year End", "Advanced", 5, "provincial"),
		("望平社区党委", 2011, "Year End", "Good", 3, ""),
		("另一个望平", 2011, "Initial", "Advanced", 0, ""),
		("猛追湾街道党工委", 2011, "Year End", "Lagging", 0, ""),
	]
	assert plan["create"][-1]["note"] == "2011年台账"


@pytest.mark.parametrize("row, reason", [
	(result(2, ""), "“党组织”不能为空"),
	(result(2, "没有的社区"), "党组织“没有的社区”不存在，或不在您管理的范围内"),
	(result(2, "望平社区", year="11"), "年度“11”不是2000至2100之间的年份"),
	(result(2, "望平社区", phase=""), "“阶段”不能为空（年初定级或年终验收）"),
	(result(2, "望平社区", phase="半年"), "阶段“半年”无法识别（可填写：年初定级、年终验收）"),
	(result(2, "望平社区", grade=""), "“等次”不能为空"),
	(result(2, "望平社区", grade="优良"), "等次“优良”无法识别（可填写：先进、较好、一般、后进）"),
	(result(2, "望平社区", stars="六星"), "星级“六星”无法识别（填写0至5，或三星级、★★★）"),
	(result(2, "望平社区", grade="后进", stars="1"), "后进（较差）党组织不评定星级，星级应为空或0"),
	(result(2, "另一个望平", grade="一般站点", stars="1"), "远程教育站点不评定星级，星级应为空或0"),
	(result(2, "望平社区", phase="年终验收", honour="世界级"), "荣誉“世界级”无法识别（可填写：全国、省级、市级、区级）"),
	(result(2, "望平社区", honour="区级"), "荣誉只在年终验收时记载，年初定级不填"),
	(result(2, "望平社区党委"), "“望平社区党委”2011年度年初定级已有结果（FLB-2011-00001），未重复导入"),
])
def test_every_bad_result_row_is_reported_with_its_reason(row, reason):
	plan = plan_results([result(3, "猛追湾"), row], ORGS, DOMAINS, {("望平社区党委", 2011, "Initial"): "FLB-2011-00001"})
	assert plan["errors"] == [(2, reason)]
	assert [v["organization"] for v in plan["create"]] == ["猛追湾街道党工委"]


def test_a_result_twice_in_one_file_is_reported_on_its_second_row():
	plan = plan_results([result(2, "猛追湾"), result(3, "猛追湾街道党工委", grade="先进", stars="4")], ORGS, DOMAINS, {})
	assert plan["errors"] == [(3, "“猛追湾街道党工委”2011年度年初定级在本表第2行已经出现")]
