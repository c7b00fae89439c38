"""Scoring schemes as data (issue 16): every kind of scheme a district's notice may write,
graded by ``rules.evaluate`` without a site.  Expected values are worked out by hand in each
test, next to the numbers they come from."""

import random
from decimal import Decimal

import pytest

from sanfenlei_app import rules


def deductions(*points, reason="对照标准检查"):
	return [(p, reason) for p in points]


def scheme(**kw):
	"""The notice's scheme with some keys replaced."""
	s = rules.default_scheme(vetoes=[])
	s.update(kw)
	return s


def items(*spec):
	"""(max_points, kind[, part]) tuples as scheme items."""
	return [{"max_points": m, "kind": k, "part": p[0] if p else ""} for m, k, *p in spec]


# 1. 扣完为止 --------------------------------------------------------------------------------

def test_seven_deductions_of_two_points_leave_a_ten_point_item_at_zero_not_refused():
	s = scheme(items=items((10, "Deduction"), (90, "Deduction")))
	r = rules.evaluate(s, [deductions(*[2] * 7), deductions(3)])
	# 10 - 7 x 2 = -4 -> 0 (扣完为止); 90 - 3 = 87; total 0 + 87 = 87
	assert r["scores"] == [0.0, 87.0] and r["total"] == 87.0 and r["messages"] == []
	assert any("扣完为止" in line for line in r["explanation"])


def test_each_infraction_needs_its_own_reason():
	s = scheme(items=items((100, "Deduction")))
	r = rules.evaluate(s, [[(2, "缺一次组织生活"), (2, "  ")]])
	assert "每一项扣分都要写明扣分理由" in r["messages"]


def test_a_negative_deduction_is_refused_and_not_counted():
	s = scheme(items=items((100, "Deduction")))
	r = rules.evaluate(s, [[(-2, "想加分"), (3, "记录不全")]])
	assert "扣分必须是不小于0的数" in r["messages"] and r["total"] == 97.0  # 100 - 3


# 2. bonus items -------------------------------------------------------------------------------

BONUS = scheme(items=items((100, "Deduction"), (6, "Bonus"), (5, "Bonus")), bonus_cap=10)


def test_a_110_point_scheme_adds_its_bonus_to_the_base():
	r = rules.evaluate(BONUS, [deductions(14), [(6, "创新项目获市级推广")], []])
	# base 100 - 14 = 86; bonus 6 (under its item's 6 and the cap 10): 86 + 6 = 92
	assert r["total"] == 92.0 and r["bonus"] == 6.0 and r["grade"] == "Advanced" and r["stars"] == 5


def test_bonus_is_capped_by_item_and_by_the_scheme():
	r = rules.evaluate(BONUS, [deductions(30), [(4, "创新"), (4, "创新二")], [(5, "区级表彰")]])
	# item 1: 4 + 4 = 8 -> its cap 6; item 2: 5; 6 + 5 = 11 -> the scheme's cap 10; 70 + 10 = 80
	assert r["scores"][1:] == [6.0, 5.0] and r["bonus"] == 10.0 and r["total"] == 80.0
	assert rules.check_scheme(BONUS) == []
	assert "有加分项时须填写加分上限（大于0分）" in rules.check_scheme(dict(BONUS, bonus_cap=0))


# 3. star conditions, a minimum star, intended shares ------------------------------------------

CONDITION = rules.veto_rule("X1", "五星级须有创新项目", "condition", effect="Cap Stars", effect_stars=4)


def test_five_stars_need_the_named_condition():
	s = scheme(vetoes=[CONDITION])
	without = rules.evaluate(s, [deductions(8)])  # 92 points, the condition not ticked (not met)
	assert (without["total"], without["grade"], without["stars"]) == (92.0, "Advanced", 4)
	assert without["vetoes"] == ["未具备：五星级须有创新项目"]
	met = rules.evaluate(s, [deductions(8)], ticked=["X1"])
	assert (met["grade"], met["stars"], met["vetoes"]) == ("Advanced", 5, [])


def test_every_organisation_gets_at_least_the_minimum_star_even_below_60():
	s = scheme(min_stars=1)
	r = rules.evaluate(s, [deductions(50)])  # 50 points: below 60, 后进
	assert (r["grade"], r["stars"]) == ("Lagging", 1)
	assert rules.evaluate(scheme(), [deductions(50)])["stars"] == 0  # the notice: 后进 has none


def test_star_shares_over_their_intention_warn_unless_an_exception_is_recorded():
	# 2 five-star of 10 = 20% > about 10%; 3 four-star = 30% = the intended 30%: not over
	warned = rules.check_star_shares({5: 2, 4: 3}, 10, {5: 10, 4: 30})
	assert len(warned) == 1 and "五星级" in warned[0] and "20.0%" in warned[0]
	assert rules.check_star_shares({5: 2, 4: 3}, 10, {5: 10, 4: 30}, exception=True) == []
	assert rules.check_star_shares({5: 1}, 10, {5: 10}) == []  # exactly 10%


# 4. weighted parts ------------------------------------------------------------------------------

WEIGHTED = scheme(
	parts=[("基本项目", 70), ("民主测评", 30)],
	items=items((60, "Deduction", "基本项目"), (40, "Deduction", "基本项目"), (10, "Penalty", "基本项目"),
		(100, "Rating", "民主测评")),
)


def test_seventy_thirty_weighted_total():
	r = rules.evaluate(WEIGHTED, [deductions(5), deductions(3), [(3, "发生一起违规")], 85])
	# basic 55 + 37 = 92, minus penalties 3 = 89; (89 x 70%) + (85 x 30%) = 62.3 + 25.5 = 87.8
	assert r["parts"] == [("基本项目", 89.0, 70.0), ("民主测评", 85.0, 30.0)]
	assert r["exact"] == Decimal("87.8") and r["total"] == 87.8 and r["grade"] == "Advanced"
	assert rules.check_scheme(WEIGHTED) == []


def test_weights_and_parts_are_checked():
	bad = dict(WEIGHTED, parts=[("基本项目", 70), ("民主测评", 20)])
	assert any("权重合计应为100%" in m for m in rules.check_scheme(bad))
	short = dict(WEIGHTED, items=WEIGHTED["items"][1:])
	assert any("“基本项目”部分扣分项和评分项的分值合计应为100分，现为40分" in m for m in rules.check_scheme(short))


def test_a_rating_outside_its_points_is_refused():
	r = rules.evaluate(WEIGHTED, [[], [], [], 120])
	assert "第4项评分应在0到100分之间" in r["messages"]


# 5. veto kinds ----------------------------------------------------------------------------------


def test_a_veto_that_caps_the_grade():
	cap = rules.veto_rule("V1", "群众满意度低于90%", "satisfaction", 90, effect="Cap Grade", effect_grade="Ordinary")
	r = rules.evaluate(scheme(vetoes=[cap]), [deductions(12)], satisfaction=85)
	# 88 points would be 先进 4★; capped at 一般, whose stars are 1-3: 一般 3★
	assert (r["total"], r["grade"], r["stars"]) == (88.0, "Ordinary", 3)
	assert rules.evaluate(scheme(vetoes=[cap]), [deductions(12)], satisfaction=90)["grade"] == "Advanced"


def test_a_veto_that_caps_the_stars():
	cap = rules.veto_rule("V2", "发生违纪案件", "fact", effect="Cap Stars", effect_stars=2)
	r = rules.evaluate(scheme(vetoes=[cap]), [deductions(7)], ticked=["V2"])
	# 93 points: 先进 5★; at most 2★, and two stars are 一般's: 一般 2★
	assert (r["total"], r["grade"], r["stars"]) == (93.0, "Ordinary", 2)


def test_an_honour_rates_directly_but_a_veto_still_wins():
	honour = rules.veto_rule("H1", "获区级先进基层党组织", "honour", effect="Rate Directly", effect_grade="Advanced")
	lowest = rules.veto_rule("L1", "一年以上不开展组织生活", "fact")
	r = rules.evaluate(scheme(vetoes=[honour, lowest]), [deductions(30)], ticked=["H1"])
	# 70 points: 一般 2★; the honour rates 先进, whose lowest star is 4: 先进 4★
	assert (r["grade"], r["stars"], r["honours"]) == ("Advanced", 4, ["获区级先进基层党组织"])
	both = rules.evaluate(scheme(vetoes=[honour, lowest]), [deductions(30)], ticked=["H1", "L1"])
	assert (both["grade"], both["stars"]) == ("Lagging", 0)


def test_the_notices_vetoes_still_send_straight_to_lagging():
	r = rules.evaluate(rules.default_scheme("Community"), [deductions(0)], ticked=["C1"], satisfaction=95)
	assert (r["total"], r["grade"], r["stars"]) == (100.0, "Lagging", 0)


# 6. four grades -------------------------------------------------------------------------------

FOUR = scheme(levels=[("Advanced", 90), ("Good", 80), ("Ordinary", 60), ("Lagging", None)],
	labels=dict(rules.FOUR_LEVEL_LABELS))


@pytest.mark.parametrize("deducted, grade, stars", [
	(0, "Advanced", 5), (10, "Advanced", 5), (10.1, "Good", 4), (20, "Good", 4), (20.1, "Ordinary", 3),
	(34, "Ordinary", 2), (40, "Ordinary", 1), (40.1, "Lagging", 0)])
def test_four_grades_at_90_80_60(deducted, grade, stars):
	r = rules.evaluate(FOUR, [deductions(deducted)])
	assert (r["grade"], r["stars"]) == (grade, stars)
	assert rules.check_scheme(FOUR) == []


@pytest.mark.parametrize("decimals, rounding, total, grade", [
	(0, "Half Up", 90.0, "Advanced"),  # 89.5 -> 90: 好
	(1, "Half Up", 89.5, "Good"),  # 89.5 stays 89.5: 较好
	(0, "Down", 89.0, "Good"),  # 89.5 -> 89: 较好
])
def test_the_stated_rule_for_a_total_at_a_boundary(decimals, rounding, total, grade):
	r = rules.evaluate(dict(FOUR, decimals=decimals, rounding=rounding), [deductions(10.5)])
	assert (r["total"], r["grade"]) == (total, grade)
	assert rules.grade_label(r["grade"], labels=FOUR["labels"]) == {"Advanced": "好", "Good": "较好"}[grade]


def test_four_level_bands_must_fit_the_grades():
	bad = dict(FOUR, bands=[(95, 5), (85, 4), (73, 3), (66, 2), (60, 1)])
	messages = rules.check_scheme(bad)
	assert any("“好”等次的分数线（90分）" in m for m in messages)


# 7. exact arithmetic ----------------------------------------------------------------------------


def test_the_total_is_exact_and_rounded_once():
	s = scheme(items=items(*[(5, "Deduction")] * 20))
	entries = [deductions(0.35)] * 13 + [deductions(5)] * 3 + [deductions(0.6)] + [[]] * 3
	r = rules.evaluate(s, entries)
	# 13 x (5 - 0.35) = 60.45; 3 x 0 = 0; 5 - 0.6 = 4.4; 3 x 5 = 15: exactly 79.85, rounded once to 79.9: 一般
	assert r["exact"] == Decimal("79.85") and r["total"] == 79.9 and r["grade"] == "Ordinary"
	# rounding each item first (4.65 -> 4.7) would have given 61.1 + 19.4 = 80.5: 先进
	assert r["scores"][0] == 4.65


# 8. shares adding to 100.0% ---------------------------------------------------------------------


def test_one_in_each_grade_adds_up_to_100():
	shares = rules.shares_adding_to_100([1, 1, 1])
	assert shares == [Decimal("33.4"), Decimal("33.3"), Decimal("33.3")] and sum(shares) == 100
	assert rules.shares_adding_to_100([2, 1]) == [Decimal("66.7"), Decimal("33.3")]
	assert rules.shares_adding_to_100([0, 0, 0]) == [None, None, None]


def test_shares_always_add_to_100_and_stay_within_a_tenth_of_the_exact_share():
	rng = random.Random(16)
	for _ in range(2000):
		counts = [rng.randint(0, 40) for _ in range(rng.choice((3, 4)))]
		if not sum(counts):
			continue
		shares = rules.shares_adding_to_100(counts)
		assert sum(shares) == 100, counts
		for c, s in zip(counts, shares):
			assert abs(s - Decimal(c) * 100 / sum(counts)) < Decimal("0.1"), (counts, shares)


def test_a_veto_may_cap_the_stars_at_zero_and_parts_must_exist():
	zero = rules.veto_rule("Z", "发生案件", "fact", effect="Cap Stars", effect_stars=0)
	assert rules.check_scheme(scheme(vetoes=[zero])) == []
	r = rules.evaluate(scheme(vetoes=[zero]), [deductions(15)], ticked=["Z"])
	assert (r["total"], r["stars"]) == (85.0, 0)
	typo = dict(WEIGHTED, items=WEIGHTED["items"][:3] + [dict(WEIGHTED["items"][3], part="民主侧评")])
	assert any("“民主侧评”不在本标准的组成部分中" in m for m in rules.check_scheme(typo))


def test_item_score_of_one_item():
	assert rules.item_score(10, [(2, "缺记录"), (9, "未开展")]) == (0.0, [])  # 扣完为止
	assert rules.item_score(10, [(0.35, "缺页")]) == (9.65, [])
