"""The year-end rates, computed on a small district whose every rate is known by hand."""

from sanfenlei_app import rules


def org(name, start, stars, end=None, end_stars=None, honour=None):
	return {"organization": name, "start_grade": start, "start_stars": stars, "end_grade": end,
		"end_stars": end_stars, "honour": honour}


DISTRICT = [
	# advanced at the start: A1 wins a provincial honour, A2 a district one (not enough), A3 nothing
	org("A1", "Advanced", 5, "Advanced", 5, "provincial"),
	org("A2", "Advanced", 4, "Advanced", 5, "district"),  # also a four-star that reached five
	org("A3", "Advanced", 4, "Advanced", 4),
	# ordinary: O1 becomes advanced, O2 honoured at district level, O3 stays, O4 has no year-end sheet
	org("O1", "Ordinary", 3, "Advanced", 4),
	org("O2", "Ordinary", 2, "Ordinary", 2, "district"),
	org("O3", "Ordinary", 1, "Ordinary", 1),
	org("O4", "Ordinary", 3),
	# lagging: L1 becomes ordinary with one star, L2 stays lagging
	org("L1", "Lagging", 0, "Ordinary", 1),
	org("L2", "Lagging", 0, "Lagging", 0),
]


def test_every_rate_of_the_hand_built_district():
	rates = rules.compute_rates(DISTRICT, rules.COMMUNITY_TARGETS)
	got = {k: (r["numerator"], r["denominator"]) for k, r in rates.items()}
	assert got == {
		"advanced_honour": (1, 3),
		"four_star_upgrade": (1, 2),
		"ordinary_upgrade": (2, 4),
		"three_star_upgrade": (1, 2),  # O1 up, O4 missing
		"two_star_upgrade": (0, 1),
		"one_star_upgrade": (0, 1),
		"lagging_conversion": (1, 2),
		"lagging_star": (1, 2),
	}
	assert rates["advanced_honour"]["display"] == "33.3%" and rates["advanced_honour"]["met"] is True  # target 10%
	assert rates["two_star_upgrade"]["display"] == "0.0%" and rates["two_star_upgrade"]["met"] is False
	assert rates["lagging_conversion"]["met"] is False  # 50% against 100%


def test_missing_year_end_results_count_as_not_upgraded_and_are_listed():
	rates = rules.compute_rates(DISTRICT)
	assert rates["ordinary_upgrade"]["missing"] == ["O4"]
	assert rates["three_star_upgrade"]["missing"] == ["O4"]
	assert rates["advanced_honour"]["missing"] == []


def test_a_zero_denominator_shows_a_dash_not_zero():
	rates = rules.compute_rates([org("A1", "Advanced", 5, "Advanced", 5)], rules.COMMUNITY_TARGETS)
	lag = rates["lagging_conversion"]
	assert (lag["numerator"], lag["denominator"], lag["value"], lag["display"], lag["met"]) == (0, 0, None, "—", None)


def test_a_missing_organisation_never_counts_even_with_an_honour():
	rates = rules.compute_rates([org("A1", "Advanced", 5, honour="national")])
	assert (rates["advanced_honour"]["numerator"], rates["advanced_honour"]["denominator"]) == (0, 1)


def test_groups_of_alike_organisations_count_as_many():
	"""The report counts alike organisations in SQL: a record with ``count`` stands for that many."""
	copies = DISTRICT * 3  # every organisation three times over
	grouped = []
	for r in DISTRICT:
		if r["end_grade"]:
			grouped.append(dict(r, organization=None, count=3))
		else:  # without a year-end result each one is named
			grouped += [dict(r), dict(r), dict(r)]
	one_by_one, by_groups = rules.compute_rates(copies), rules.compute_rates(grouped)
	assert by_groups == one_by_one
	assert by_groups["ordinary_upgrade"]["numerator"] == 6 and by_groups["ordinary_upgrade"]["denominator"] == 12
	assert by_groups["ordinary_upgrade"]["missing"] == ["O4", "O4", "O4"]


def test_before_any_year_end_result_every_rate_waits_for_the_acceptance():
	"""April to November: the district's organisations have their start and no end — every rate
	with a population reads 待年终验收 (never "0.0% 未达到"), one without reads "—"; the first
	year-end result of a population ends the waiting for that rate only."""
	april = [{**r, "end_grade": None, "end_stars": None, "honour": None} for r in DISTRICT]
	rates = rules.compute_rates(april, rules.COMMUNITY_TARGETS)
	swept = []
	for key in rules.RATE_KEYS:
		r = rates[key]
		assert r["denominator"] > 0 and r["pending"] and r["value"] is None and r["met"] is None, key
		assert r["display"] == "待年终验收" and rules.met_word(r) == "待年终验收", key
		swept.append(key)
	assert rules.compute_rates([], rules.COMMUNITY_TARGETS)["advanced_honour"]["display"] == "—"
	assert rules.met_word(rules.compute_rates([], rules.COMMUNITY_TARGETS)["advanced_honour"]) == "—"
	# December: L2's result arrives — the lagging rates are measured (0 of 2), the others still wait
	december = [r if r["organization"] != "L2" else org("L2", "Lagging", 0, "Lagging", 0) for r in april]
	rates = rules.compute_rates(december, rules.COMMUNITY_TARGETS)
	assert rates["lagging_conversion"]["display"] == "0.0%" and rules.met_word(rates["lagging_conversion"]) == "未达到"
	assert [k for k in rules.RATE_KEYS if rates[k]["pending"]] == [k for k in rules.RATE_KEYS if not k.startswith("lagging")]
	print("rates swept before the acceptance:", swept)


def test_the_summary_draft_says_the_rates_wait():
	april = [{**r, "end_grade": None, "end_stars": None, "honour": None} for r in DISTRICT]
	rates = rules.compute_rates(april, rules.COMMUNITY_TARGETS)
	text = rules.annual_summary_draft("某街道", 2026, rates, rules.grade_movements(april), len(april))
	assert "未达到目标" not in text and text.count("待年终验收") == len(rules.RATE_KEYS)
	assert "先进党组织提升率：年初3个，待年终验收（目标10%）" in text
