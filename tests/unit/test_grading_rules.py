"""The grading rules of the notice (plain, no site)."""

import pytest

from sanfenlei_app import rules


def sheet(total_deducted, **kw):
	"""A one-item 100-point sheet with ``total_deducted`` points taken off."""
	return rules.grade_sheet([(100, [(total_deducted, "扣分理由")] if total_deducted else [])], **kw)


@pytest.mark.parametrize(
	"total, grade, stars",
	[
		(100.0, "Advanced", 5),
		(90.0, "Advanced", 5),
		(89.9, "Advanced", 4),
		(80.0, "Advanced", 4),
		(79.9, "Ordinary", 3),
		(73.0, "Ordinary", 3),
		(72.9, "Ordinary", 2),
		(66.0, "Ordinary", 2),
		(65.9, "Ordinary", 1),
		(60.0, "Ordinary", 1),
		(59.9, "Lagging", 0),
		(0.0, "Lagging", 0),
	],
)
def test_grade_and_stars_at_the_boundaries(total, grade, stars):
	result = sheet(round(100 - total, 1))
	assert result["total"] == total
	assert (result["grade"], result["stars"]) == (grade, stars)


def test_deductions_are_per_item_and_stop_at_zero():
	result = rules.grade_sheet([(10, [(4, "会议记录不全"), (3, "未按时换届")]), (20, [(25, "全部未落实")]), (70, [])])
	assert result["scores"] == [3.0, 0.0, 70.0]  # 扣完为止: the 20-point item cannot go below 0
	assert result["total"] == 73.0


def test_negative_deduction_is_refused():
	result = rules.grade_sheet([(10, [(-2, "加分")]), (90, [])])
	assert "扣分必须是不小于0的数" in result["messages"]
	assert result["total"] == 100.0  # the negative deduction is not applied


def test_a_deduction_needs_a_reason():
	assert "每一项扣分都要写明扣分理由" in rules.grade_sheet([(100, [(5, "  ")])])["messages"]
	assert rules.grade_sheet([(100, [(0, "")])])["messages"] == []


def test_total_is_to_one_decimal():
	result = rules.grade_sheet([(30, [(2.5, "制度不全")]), (70, [(0.1, "记录缺页"), (0.2, "签名缺失")])])
	assert result["scores"] == [27.5, 69.7]
	assert result["total"] == 97.2  # not 97.19999999999999


@pytest.mark.parametrize("domain", ["Community", "Private Enterprise", "Social Organization", "Public Institution"])
def test_every_fact_veto_makes_the_organisation_lagging_and_is_named(domain):
	vetoes = rules.DEFAULT_VETOES[domain]
	for code, text, kind, _threshold in vetoes:
		if kind != "fact":
			continue
		result = sheet(0, vetoes=vetoes, ticked=[code], satisfaction=95.0, domain=domain)
		assert (result["grade"], result["stars"], result["vetoes"]) == ("Lagging", 0, [text])


@pytest.mark.parametrize(
	"domain, threshold",
	[("Community", 60.0), ("Social Organization", 50.0), ("Public Institution", 50.0)],
)
def test_satisfaction_veto_exactly_at_and_just_below_the_threshold(domain, threshold):
	vetoes = rules.DEFAULT_VETOES[domain]
	at = sheet(5, vetoes=vetoes, satisfaction=threshold, domain=domain)
	assert (at["grade"], at["vetoes"]) == ("Advanced", [])
	below = sheet(5, vetoes=vetoes, satisfaction=round(threshold - 0.1, 1), domain=domain)
	assert below["grade"] == "Lagging"
	assert below["vetoes"] and "满意度低于" in below["vetoes"][0]


def test_private_enterprises_have_no_satisfaction_veto():
	result = sheet(0, vetoes=rules.DEFAULT_VETOES["Private Enterprise"], satisfaction=10.0)
	assert result["grade"] == "Advanced"


def test_vetoes_listed_as_the_notice_lists_them():
	counts = {d: len(v) for d, v in rules.DEFAULT_VETOES.items()}
	assert counts == {"Community": 5, "Private Enterprise": 3, "Social Organization": 4, "Public Institution": 4,
		"Street Committee": 0, "Remote Education Site": 0}


def test_remote_education_sites_get_site_names_and_no_stars():
	result = sheet(5, domain="Remote Education Site")
	assert (result["grade"], result["stars"]) == ("Advanced", 0)
	assert rules.grade_label("Advanced", "Remote Education Site") == "优秀站点"
	assert rules.grade_label("Lagging", "Remote Education Site") == "后进站点"
	assert rules.grade_label("Ordinary") == "一般"


def test_satisfaction_outside_0_100_is_refused():
	assert "满意度必须在0%到100%之间" in sheet(0, satisfaction=101)["messages"]


@pytest.mark.parametrize(
	"grade, stars, ok",
	[("Advanced", 4, True), ("Advanced", 5, True), ("Advanced", 3, False), ("Ordinary", 3, True),
	 ("Ordinary", 4, False), ("Ordinary", 1, True), ("Lagging", 1, False), ("Lagging", 0, True)],
)
def test_superior_sets_stars_within_the_band_of_the_grade(grade, stars, ok):
	assert (rules.check_stars_decision(grade, stars, "结合平时掌握情况") == []) == ok


def test_a_stars_decision_needs_a_reason():
	assert rules.check_stars_decision("Advanced", 5, "") == ["调整星级须写明理由"]


def test_standard_items_sum_to_exactly_100():
	assert rules.check_standard_items([20, 30, 50]) == []
	assert "现为99.5分" in rules.check_standard_items([20, 30, 49.5])[0]
	assert rules.check_standard_items([20, 30, 50, 0])


def test_default_bands_agree_with_the_grades():
	assert rules.check_thresholds_and_bands(rules.DEFAULT_THRESHOLDS, rules.DEFAULT_STAR_BANDS) == []


@pytest.mark.parametrize(
	"bands",
	[
		((90, 5), (78, 4), (73, 3), (66, 2), (60, 1)),  # an ordinary organisation would get four stars
		((90, 5), (85, 4), (80, 3), (66, 2), (60, 1)),  # an advanced one would get three stars
		((90, 5), (80, 4), (73, 3), (66, 2), (55, 1)),  # a lagging one would get a star
		((90, 5), (80, 4), (73, 3), (66, 3), (60, 1)),  # two bands for three stars
	],
)
def test_bands_inconsistent_with_grades_are_refused(bands):
	assert rules.check_thresholds_and_bands(rules.DEFAULT_THRESHOLDS, bands)


def test_adjusted_standard_may_change_items_and_add_vetoes_only():
	district = {"items": [50, 50], "vetoes": ["C1", "C2"], "thresholds": dict(rules.DEFAULT_THRESHOLDS),
		"bands": list(rules.DEFAULT_STAR_BANDS)}
	ok = dict(district, items=[30, 30, 40], vetoes=["C1", "C2", "X1"])
	assert rules.check_adjusted_standard(district, ok) == []
	assert "不能删除" in rules.check_adjusted_standard(district, dict(ok, vetoes=["C1"]))[0]
	assert rules.check_adjusted_standard(district, dict(ok, thresholds={"advanced": 85.0, "ordinary": 60.0}))
	assert rules.check_adjusted_standard(district, dict(ok, bands=[(95, 5), (80, 4), (73, 3), (66, 2), (60, 1)]))
	assert rules.check_adjusted_standard(district, dict(ok, items=[30, 30]))


def test_excellent_sites_over_30_percent_need_an_exception():
	assert rules.check_excellent_site_share(3, 10) is None
	message = rules.check_excellent_site_share(4, 10)
	assert message and "超过30%" in message
	assert rules.check_excellent_site_share(4, 10, exception=True) is None
	assert rules.check_excellent_site_share(0, 0) is None


def test_current_grading_is_the_latest_approved_result():
	april = {"year": 2012, "phase": "Initial", "grade": "Ordinary", "stars": 2}
	december = {"year": 2012, "phase": "Year End", "grade": "Advanced", "stars": 4}
	next_april = {"year": 2013, "phase": "Initial", "grade": "Advanced", "stars": 5}
	assert rules.current_grading([december, april]) is december  # December re-grades April
	assert rules.current_grading([april, next_april, december]) is next_april
	assert rules.current_grading([april]) is april  # December's result revoked: April's is back
	assert rules.current_grading([]) is None  # nothing left: no current grade
