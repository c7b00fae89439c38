"""The March status survey (plain rules)."""

from sanfenlei_app import rules


def complete(**kw):
	values = {f"{key}_judgement": "Yes" for key, _q in rules.SURVEY_ASPECTS}
	values["method_symposium"] = 1
	values.update(kw)
	return values


def test_the_six_aspects_and_six_methods_of_the_notice():
	assert [q for _k, q in rules.SURVEY_ASPECTS] == [
		"组织设置是否合理", "领导班子是否健全", "组织制度是否完善", "隶属关系是否顺畅", "经费场所是否保障落实", "作用发挥是否充分",
	]
	assert [n for _f, n in rules.SURVEY_METHODS] == ["召开座谈会", "入户走访", "问卷调查", "个别访谈", "案例剖析", "群众测评"]


def test_a_complete_survey_passes():
	assert rules.check_survey(complete()) == []


def test_every_aspect_needs_a_judgement():
	values = complete()
	del values["leadership_judgement"]
	(message,) = rules.check_survey(values)
	assert "领导班子是否健全" in message


def test_a_shortcoming_needs_its_problems_written():
	(message,) = rules.check_survey(complete(funding_judgement="No", funding_problems="  "))
	assert "经费场所是否保障落实" in message and "问题" in message
	assert rules.check_survey(complete(funding_judgement="Partly", funding_problems="活动场所不足")) == []


def test_at_least_one_method():
	(message,) = rules.check_survey(complete(method_symposium=0))
	assert "调查方式" in message


def test_summary_counts_problems_per_aspect_and_methods():
	surveys = [
		complete(organization="A", funding_judgement="No", funding_problems="无经费", method_home_visit=1),
		complete(organization="B", funding_judgement="Partly", funding_problems="场所小", leadership_judgement="No", leadership_problems="缺委员"),
		complete(organization="C"),
	]
	s = rules.summarize_surveys(surveys)
	assert s["surveyed"] == 3
	assert s["organizations_with_problems"] == 2
	funding = next(a for a in s["aspects"] if a["key"] == "funding")
	assert (funding["count"], funding["no"], funding["partly"]) == (2, 1, 1)
	assert [p["organization"] for p in funding["problems"]] == ["A", "B"]
	methods = {m["field"]: m["count"] for m in s["methods"]}
	assert methods["method_symposium"] == 3 and methods["method_home_visit"] == 1 and methods["method_case_study"] == 0
	assert s["methods_text"] == "召开座谈会（3个）、入户走访（1个）"


def test_summary_of_no_surveys_is_zero_not_an_error():
	s = rules.summarize_surveys([])
	assert s["surveyed"] == 0 and all(a["count"] == 0 for a in s["aspects"])
