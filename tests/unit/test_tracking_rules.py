"""April to November, tracked: the milestones' and the commitments' rules (rules.py), without a site."""

import datetime
import random

import pytest

from sanfenlei_app import rules

D = datetime.date


def test_quarters_of_the_year():
	assert [rules.quarter_of(D(2026, m, 1)) for m in range(1, 13)] == [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]


@pytest.mark.parametrize("status, due, overdue, due_in", [
	("Not Started", D(2026, 5, 1), True, -30),
	("In Progress", D(2026, 5, 31), False, 0),  # the day itself is still in time
	("In Progress", D(2026, 6, 7), False, 7),
	("Done", D(2026, 5, 1), False, None),  # done: neither overdue nor due
])
def test_a_milestone_is_overdue_after_its_date_unless_done(status, due, overdue, due_in):
	today = D(2026, 5, 31)
	assert rules.milestone_is_overdue(status, due, today) is overdue
	assert rules.milestone_due_in(status, due, today) == due_in


def test_a_milestones_checks():
	assert rules.check_milestone("整理台账", "王书记", D(2026, 6, 1), 2026) == []
	assert rules.check_milestone(" ", "", D(2027, 1, 1), 2026) == ["请填写措施内容", "请填写责任人", "完成时限须在2026年内（活动年度）"]


def test_the_next_due_and_the_status_after_a_report():
	ms = [{"status": "Done", "due_date": D(2026, 4, 1)}, {"status": "In Progress", "due_date": D(2026, 9, 1)},
		{"status": "Not Started", "due_date": D(2026, 5, 1)}]
	assert rules.next_due(ms, D(2026, 6, 1))["due_date"] == D(2026, 5, 1)  # overdue first
	assert rules.next_due([ms[0]], D(2026, 6, 1)) is None
	assert rules.status_after_report("Done") == "Done" and rules.status_after_report("In Progress") == "In Progress"


def test_quarter_progress_against_a_count_by_hand_over_random_years():
	rng = random.Random(2012)
	for _ in range(200):
		today = D(2026, rng.randint(1, 12), rng.randint(1, 28))
		ms = [{"status": rng.choice(rules.MILESTONE_STATUSES), "due_date": D(2026, rng.randint(1, 12), rng.randint(1, 28)),
			"reports": rng.randint(0, 2)} for _ in range(rng.randint(0, 30))]
		got = rules.quarter_progress(ms, today)
		for q in (1, 2, 3, 4):
			mine = [m for m in ms if (m["due_date"].month - 1) // 3 + 1 == q]
			assert got[q] == {"due": len(mine), "done": sum(m["status"] == "Done" for m in mine),
				"overdue": sum(m["status"] != "Done" and m["due_date"] < today for m in mine),
				"reported": sum(m["reports"] > 0 for m in mine)}


@pytest.mark.parametrize("votes, percent", [
	((30, 10, 40), 50.0), ((32, 0, 38), 45.7), ((70, 0, 10), 87.5), ((1, 1, 1), 66.7), ((2, 0, 1), 66.7),
	((0, 0, 5), 0.0), ((5, 0, 0), 100.0), ((0, 0, 0), None),
])
def test_satisfaction_is_the_share_satisfied_or_basically_satisfied(votes, percent):
	assert rules.satisfaction_percent(*votes) == percent


def test_a_negative_count_is_refused_and_a_fulfilment_needs_a_public_commitment():
	with pytest.raises(ValueError, match="票数不能为负数"):
		rules.satisfaction_percent(-1, 2, 3)
	assert rules.check_fulfilment(True, "清理楼道") == []
	assert rules.check_fulfilment(False, " ") == ["承诺书经书记（党员本人）确认公示后，才能记录践诺情况", "请写明践诺的具体情况"]
