"""Upgrade Rate Statistics on a hand-built small district whose every rate is known."""

import frappe

from sanfenlei_app.sanfenlei_app.report.upgrade_rate_statistics.upgrade_rate_statistics import execute

from .test_status_survey import year


def graded(org, phase, grade, stars, honour=None):
	from sanfenlei_app.grading import load_standard

	sheet = frappe.get_doc({"doctype": "Assessment Sheet", "organization": org, "campaign_year": year(), "phase": phase})
	load_standard(sheet)
	sheet.insert()
	sheet.db_set({"decided_grade": grade, "decided_stars": stars, "honour": honour, "docstatus": 1,
		"workflow_state": "Graded" if phase == "Initial" else "Confirmed"})


def test_rates_of_a_hand_built_street(tree):
	d = tree.district()
	street = tree.street(d)
	o = {n: tree.org(n, "Grassroots", street.name, domain="Community").name for n in ("A1", "A2", "O1", "O2", "L1", "L2")}
	graded(o["A1"], "Initial", "Advanced", 5)
	graded(o["A1"], "Year End", "Advanced", 5, honour="provincial")  # honour: counts
	graded(o["A2"], "Initial", "Advanced", 4)
	graded(o["A2"], "Year End", "Advanced", 4)
	graded(o["O1"], "Initial", "Ordinary", 3)
	graded(o["O1"], "Year End", "Advanced", 4)  # ordinary -> advanced, three stars -> four
	graded(o["O2"], "Initial", "Ordinary", 2)  # no year-end result: missing
	graded(o["L1"], "Initial", "Lagging", 0)
	graded(o["L1"], "Year End", "Ordinary", 1)
	graded(o["L2"], "Initial", "Lagging", 0)
	graded(o["L2"], "Year End", "Lagging", 0)

	_cols, rows = execute({"campaign_year": year(), "reporting_unit": street.name, "group_by": "Reporting Unit"})
	got = {r["rate_key"]: (r["numerator"], r["denominator"], r["value"], r["met"]) for r in rows}
	assert got["advanced_honour"] == (1, 2, "50.0%", "达到")  # target 10%
	assert got["four_star_upgrade"] == (0, 1, "0.0%", "未达到")
	assert got["ordinary_upgrade"] == (1, 2, "50.0%", "达到")  # target 15%
	assert got["three_star_upgrade"] == (1, 1, "100.0%", "达到")
	assert got["two_star_upgrade"] == (0, 1, "待年终验收", "待年终验收")  # its only organisation (O2) not yet accepted
	assert got["one_star_upgrade"] == (0, 0, "—", "—")  # zero denominator
	assert got["lagging_conversion"] == (1, 2, "50.0%", "未达到")  # target 100%
	assert got["lagging_star"] == (1, 2, "50.0%", "未达到")
	missing = {r["rate_key"]: r["missing"] for r in rows}
	assert missing["ordinary_upgrade"] == o["O2"] and missing["two_star_upgrade"] == o["O2"]
	assert all(r["scope"] == street.name for r in rows)


def test_alike_organisations_are_counted_together_in_every_grouping(tree):
	"""The report counts alike organisations in one SQL group; every grouping gives the same
	numbers per domain, and each organisation without a year-end result is still named."""
	d = tree.district()
	street = tree.street(d)
	up = [tree.org(f"升{i}", "Grassroots", street.name, domain="Community").name for i in range(3)]
	waiting = [tree.org(f"待{i}", "Grassroots", street.name, domain="Community").name for i in range(2)]
	firm = tree.org("企业", "Grassroots", street.name, domain="Private Enterprise").name
	for org in up:  # three alike: ordinary with three stars, advanced with four at year end
		graded(org, "Initial", "Ordinary", 3)
		graded(org, "Year End", "Advanced", 4)
	for org in waiting:  # two alike, both without a year-end result
		graded(org, "Initial", "Ordinary", 3)
	graded(firm, "Initial", "Ordinary", 3)
	graded(firm, "Year End", "Ordinary", 3)

	def by_domain(group_by):
		rows = execute({"campaign_year": year(), "reporting_unit": street.name, "group_by": group_by})[1]
		return {(r["domain"], r["rate_key"]): (r["numerator"], r["denominator"], set(filter(None, r["missing"].split("、"))))
			for r in rows}

	per_domain = by_domain("Domain")
	community, firms = frappe._("Community"), frappe._("Private Enterprise")
	assert per_domain[(community, "ordinary_upgrade")] == (3, 5, set(waiting))
	assert per_domain[(community, "three_star_upgrade")] == (3, 5, set(waiting))
	assert per_domain[(firms, "ordinary_upgrade")] == (0, 1, set())
	assert by_domain("Reporting Unit") == per_domain  # one unit here: the same groups
	district = by_domain("District")
	assert district[(frappe._("全部领域"), "ordinary_upgrade")] == (3, 6, set(waiting))


def test_from_april_to_november_the_rates_wait_for_the_acceptance(tree):
	"""A year whose organisations have only their April grades: the report reads 待年终验收 for every
	rate with a population (none "0.0% 未达到"), the card of missed rates counts none, and the
	first year-end result ends the waiting for its rates only."""
	from sanfenlei_app import dashboard
	from sanfenlei_app.grading import load_standard

	april = "2031"
	if not frappe.db.exists("Campaign Year", april):
		frappe.get_doc({"doctype": "Campaign Year", "year": 2031}).insert()
	d = tree.district()
	street = tree.street(d)

	def sheet(org, phase, grade, stars):
		doc = frappe.get_doc({"doctype": "Assessment Sheet", "organization": org, "campaign_year": april, "phase": phase})
		load_standard(doc)
		doc.insert()
		doc.db_set({"decided_grade": grade, "decided_stars": stars, "docstatus": 1,
			"workflow_state": "Graded" if phase == "Initial" else "Confirmed"})

	starts = {"A": ("Advanced", 4), "O3": ("Ordinary", 3), "O2": ("Ordinary", 2), "O1": ("Ordinary", 1), "L": ("Lagging", 0)}
	o = {}
	for n, (grade, stars) in starts.items():
		o[n] = tree.org(n, "Grassroots", street.name, domain="Community").name
		sheet(o[n], "Initial", grade, stars)
	filters = {"campaign_year": april, "reporting_unit": street.name, "group_by": "Reporting Unit"}
	_cols, rows = execute(filters)
	assert len(rows) == 8
	for r in rows:
		assert (r["value"], r["met"]) == ("待年终验收", "待年终验收"), r
	assert dashboard.rates_missed({"campaign_year": april})["value"] == 0
	assert dashboard.rates_met({"campaign_year": april})["value"] == 0
	print("rates waiting in April:", [r["rate"] for r in rows])

	sheet(o["L"], "Year End", "Ordinary", 1)  # December: the lagging one is accepted first
	_cols, rows = execute(filters)
	got = {r["rate_key"]: (r["value"], r["met"]) for r in rows}
	assert got["lagging_conversion"] == ("100.0%", "达到") and got["lagging_star"] == ("100.0%", "达到")
	assert all(got[k] == ("待年终验收", "待年终验收") for k in got if not k.startswith("lagging")), got


def test_the_rates_export_is_the_reports_rows_in_the_official_layout(tree):
	"""导出Excel（正式格式） of the rates report over REST, re-read with openpyxl: title, 填报单位, 填报时间,
	the header row (repeated on printed pages), the report's own rows and numbers, the notes; refused
	to a role that may not see the report."""
	import io

	from openpyxl import load_workbook

	from sanfenlei_app.excel import RATE_COLUMNS, RATE_NOTES

	from .conftest import Rest, message, role_users

	street = tree.street(tree.district())
	o = {n: tree.org(n, "Grassroots", street.name, domain="Community").name for n in ("A", "O", "L")}
	graded(o["A"], "Initial", "Advanced", 4)
	graded(o["A"], "Year End", "Advanced", 5)
	graded(o["O"], "Initial", "Ordinary", 3)
	graded(o["L"], "Initial", "Lagging", 0)
	graded(o["L"], "Year End", "Ordinary", 1)
	users = role_users(district="District Admin", sec="Organization Secretary")
	frappe.db.commit()
	filters = {"campaign_year": year(), "group_by": "Reporting Unit", "reporting_unit": street.name}
	r = Rest(users["district"]).get("/api/method/sanfenlei_app.excel.export_rates", **filters)
	assert r.status_code == 200 and r.content[:2] == b"PK", (r.status_code, r.text[:300])
	ws = load_workbook(io.BytesIO(r.content)).active
	cells = [[c for c in row] for row in ws.iter_rows(values_only=True)]
	assert cells[0][0] == f"{year()}年度“三分类三升级”活动升级率统计表"
	assert cells[1][0] == f"填报单位：{street.name}" and str(cells[1][len(RATE_COLUMNS) // 2]).startswith("填报时间：")
	assert list(cells[2]) == [label for _f, label, _w in RATE_COLUMNS] and ws.print_title_rows.replace("$", "") == "3:3"
	_cols, report = execute(filters)
	got = [list(row) for row in cells[3:3 + len(report)]]
	want = [[row.get(f) if row.get(f) != "" else None for f, _l, _w in RATE_COLUMNS] for row in report]
	assert got == want, (got[:2], want[:2])
	assert [row[0] for row in cells if row and row[0] in RATE_NOTES] == list(RATE_NOTES)
	print("\nrates export:", len(report), "rows;", [row[2:6] for row in got[:3]])
	r = Rest(users["sec"]).get("/api/method/sanfenlei_app.excel.export_rates", **filters)
	assert r.status_code == 403 and "升级率统计" in message(r), r.status_code
