"""Deadlines and rate targets of the campaign year (plain rules)."""

import datetime

from sanfenlei_app import rules


def test_notice_deadlines_and_community_targets():
	assert rules.DEFAULT_DEADLINES == {
		"classification_list_due": (4, 18),
		"street_targets_due": (4, 27),
		"other_targets_due": (5, 7),
		"summary_due": (12, 3),
		"assistance_due": (5, 31),
	}
	assert rules.COMMUNITY_TARGETS["advanced_honour"] == 10
	assert rules.COMMUNITY_TARGETS["four_star_upgrade"] == 20
	assert rules.COMMUNITY_TARGETS["ordinary_upgrade"] == 15
	assert [rules.COMMUNITY_TARGETS[f"{n}_star_upgrade"] for n in ("three", "two", "one")] == [25, 30, 35]
	assert rules.COMMUNITY_TARGETS["lagging_conversion"] == rules.COMMUNITY_TARGETS["lagging_star"] == 100


def community():
	return {("Community", k): v for k, v in rules.COMMUNITY_TARGETS.items()}


def test_other_domains_must_aim_higher_than_communities():
	targets = community() | {("Private Enterprise", "ordinary_upgrade"): 16}
	assert rules.check_rate_targets(targets) == []
	targets[("Private Enterprise", "ordinary_upgrade")] = 15  # equal is not higher
	(message,) = rules.check_rate_targets(targets)
	assert "非公企业" in message and "一般党组织升级率" in message and "应高于社区" in message


def test_a_community_target_of_100_is_matched_not_exceeded():
	targets = community() | {("Public Institution", "lagging_conversion"): 100}
	assert rules.check_rate_targets(targets) == []
	targets[("Public Institution", "lagging_conversion")] = 99
	assert len(rules.check_rate_targets(targets)) == 1


def test_targets_follow_an_edited_community_target():
	targets = community() | {("Community", "advanced_honour"): 12, ("Social Organization", "advanced_honour"): 11}
	assert len(rules.check_rate_targets(targets)) == 1


def test_targets_outside_0_100_are_refused():
	assert rules.check_rate_targets({("Community", "advanced_honour"): 120})
	assert rules.check_rate_targets({("Community", "advanced_honour"): -1})


def test_defaults_for_other_domains_are_higher_and_capped():
	for key, value in rules.COMMUNITY_TARGETS.items():
		other = rules.default_other_domain_target(value)
		assert other > value or other == value == 100


def test_campaign_dates_must_lie_in_the_year_and_phases_in_order():
	d = datetime.date
	assert rules.check_campaign_dates(2012, {"survey_start": d(2012, 3, 20), "survey_end": d(2012, 3, 31)}) == []
	assert rules.check_campaign_dates(2012, {"summary_due": d(2013, 12, 3)})
	(message,) = rules.check_campaign_dates(2012, {"grading_start": d(2012, 4, 30), "grading_end": d(2012, 4, 1)})
	assert "分类评定级次" in message


def test_campaign_phase_and_its_deadline():
	import datetime as dt

	from sanfenlei_app import rules as r

	d = lambda m, day: dt.date(2012, m, day)  # noqa: E731
	dates = {f"{p}_{e}": d(*md) for p, (s, t) in r.DEFAULT_PHASES.items() for e, md in (("start", s), ("end", t))}
	dates.update({k: d(*md) for k, md in r.DEFAULT_DEADLINES.items()})
	assert r.campaign_phase(dates, d(3, 25)) == ("survey", "组织现状调查", d(3, 31))
	assert r.campaign_phase(dates, d(4, 10)) == ("grading", "分类评定级次", d(4, 18))
	assert r.campaign_phase(dates, d(5, 2)) == ("upgrading", "推动晋位升级", d(5, 7))
	assert r.campaign_phase(dates, d(8, 1)) == ("upgrading", "推动晋位升级", d(11, 30))
	assert r.campaign_phase(dates, d(12, 2)) == ("acceptance", "总结检查验收", d(12, 3))
	assert r.campaign_phase(dates, d(1, 5)) == ("survey", "即将开始：组织现状调查", d(3, 31))
	assert r.campaign_phase(dates, d(12, 20)) == (None, "本年度活动已结束", None)
