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
