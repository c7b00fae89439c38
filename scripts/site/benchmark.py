"""Speed and memory of the reports, the dashboards, the Excel export, grading and bulk
creation, each next to its floor measured in the same run (scripts/benchmark.sh).

    scripts/site/in_site.py --site S benchmark.run   (scripts/benchmark.sh)

The floor of a report is the fastest query we can write for the same output on the same data,
with the indexes the app ships, fetched as plain tuples (no formatting): for a whole-district
summary one GROUP BY over the sheets alone (they carry their domain and reporting unit), for a
list the sheets joined to the tree for its order. Report and floor run interleaved (report,
floor, report, floor, ...) so that the machine's noise falls on both alike; the table gives the
best and the median of RUNS runs of each, and the ratio of the bests.
"""

import statistics
import time
import tracemalloc

import frappe

from sanfenlei_app.sanfenlei_app.doctype.campaign_year.campaign_year import get_current_year

RUNS = 7


def interleaved(fn, floor, runs=RUNS):
	"""Runs ``fn`` and ``floor`` alternately ``runs`` times each (a rollback before each run);
	returns (fn's result, fn's times in ms, floor's result, floor's times in ms)."""
	times, floor_times, out, floor_out = [], [], None, None
	for _ in range(runs):
		for f, bucket in ((fn, times), (floor, floor_times)):
			frappe.db.rollback()
			t = time.perf_counter()
			result = f()
			bucket.append((time.perf_counter() - t) * 1000)
			if f is fn:
				out = result
			else:
				floor_out = result
	return out, times, floor_out, floor_times


def timed(fn, runs=3):
	out, times = None, []
	for _ in range(runs):
		frappe.db.rollback()
		t = time.perf_counter()
		out = fn()
		times.append((time.perf_counter() - t) * 1000)
	return out, statistics.median(times)


def floor_sql(query, values=None):
	"""The floor: the query alone, its rows as tuples."""
	return lambda: frappe.db.sql(query, values or {})


def hand_sql(query, values=None):
	return lambda: frappe.db.sql(query, values or {}, as_dict=True)


def whole_list(annex, filters):
	"""A list report's every row (what its Excel export reads), without the desk's paging."""
	from sanfenlei_app import annexes

	return lambda: annexes.report_rows(annex, annexes.normalize(dict(filters)))


def whole_ledger(filters):
	from sanfenlei_app.sanfenlei_app.report.classification_ledger.classification_ledger import rows

	return lambda: rows(frappe._dict(filters))


def report(name, filters):
	"""The report's own server work: its module's execute() (what the desk's report page waits for,
	without Frappe's generic wrapping)."""
	module = frappe.get_module(
		f"sanfenlei_app.sanfenlei_app.report.{frappe.scrub(name)}.{frappe.scrub(name)}")
	return lambda: module.execute(frappe._dict(filters))[1]


# The eight rates by hand: (who is in the denominator, who of them counts in the numerator).
_STARS, _HIGHER = "ifnull(i.decided_stars, 0)", "('national', 'provincial', 'municipal')"
_RATES_BY_HAND = [
	("advanced_honour", "i.decided_grade = 'Advanced'", f"e.honour in {_HIGHER}"),
	("four_star_upgrade", f"i.decided_grade != 'Lagging' and {_STARS} = 4", "e.decided_stars >= 5"),
	("ordinary_upgrade", "i.decided_grade = 'Ordinary'",
		f"(e.decided_grade = 'Advanced' or e.honour in {_HIGHER[:-1]}, 'district'))"),
	("three_star_upgrade", f"i.decided_grade != 'Lagging' and {_STARS} = 3", "e.decided_stars > 3"),
	("two_star_upgrade", f"i.decided_grade != 'Lagging' and {_STARS} = 2", "e.decided_stars > 2"),
	("one_star_upgrade", f"i.decided_grade != 'Lagging' and {_STARS} = 1", "e.decided_stars > 1"),
	("lagging_conversion", "i.decided_grade = 'Lagging'", "e.decided_grade in ('Ordinary', 'Advanced')"),
	("lagging_star", "i.decided_grade = 'Lagging'", "e.decided_stars >= 1"),
]
RATE_SUMS = ", ".join(f"sum({who}) as d_{key}, sum({who} and e.decided_grade is not null and {up}) as n_{key}"
	for key, who, up in _RATES_BY_HAND)


def reports_rows(year):
	"""(what, kind, report, floor, check) for each report: kind "list" or "summary"."""
	y = {"year": year}
	f = {"campaign_year": year}
	annex_filter = "s.campaign_year = %(year)s and s.phase = 'Initial' and s.docstatus < 2"
	counts = """count(*), sum(coalesce(s.decided_grade, s.grade) = 'Advanced'), sum(coalesce(s.decided_grade, s.grade) = 'Good'),
		sum(coalesce(s.decided_grade, s.grade) = 'Ordinary'), sum(coalesce(s.decided_grade, s.grade) = 'Lagging')"""
	stars = ", ".join(f"sum(coalesce(s.decided_stars, s.stars) = {n})" for n in (5, 4, 3, 2, 1))
	lists = """select o.name, o.domain, o.reporting_unit, coalesce(s.decided_grade, s.grade),
		coalesce(nullif(s.upgrade_target, ''), p.target_grade), coalesce(nullif(s.rectification_measures, ''),
		p.rectification_measures), coalesce(s.upgrade_deadline, p.upgrade_deadline)
		from `tabAssessment Sheet` s join `tabParty Organization` o on o.name = s.organization
		left join `tabUpgrade Plan` p on p.organization = s.organization and p.campaign_year = s.campaign_year
		and p.docstatus = 1
		where {where} order by {order}"""
	return [
		("附件3 Annex 3 Classification List", "list", whole_list("annex3", f), floor_sql(
			lists.format(where=f"{annex_filter} and o.domain != 'Remote Education Site'", order="o.domain, o.lft"), y)),
		("附件4 Annex 4 Classification Summary", "summary", report("Annex 4 Classification Summary", f), floor_sql(
			f"""select g.* from (select s.domain, s.reporting_unit, {counts}, {stars} from `tabAssessment Sheet` s
			where {annex_filter} and s.domain != 'Remote Education Site' group by s.domain, s.reporting_unit) g
			left join `tabParty Organization` u on u.name = g.reporting_unit order by g.domain, u.lft""", y)),
		("附件5 Annex 5 Remote Site List", "list", whole_list("annex5", f), floor_sql(
			lists.format(where=f"{annex_filter} and o.domain = 'Remote Education Site'", order="o.lft"), y)),
		("附件6 Annex 6 Remote Site Summary", "summary", report("Annex 6 Remote Site Summary", f), floor_sql(
			f"""select g.* from (select s.reporting_unit, {counts} from `tabAssessment Sheet` s
			where {annex_filter} and s.domain = 'Remote Education Site' group by s.reporting_unit) g
			left join `tabParty Organization` u on u.name = g.reporting_unit order by u.lft""", y)),
		("分类管理台账 Classification Ledger", "list", whole_ledger(f), floor_sql(
			"""select o.name, o.reporting_unit, o.domain, s.campaign_year,
			max(case when s.phase = 'Initial' then s.decided_grade end), max(case when s.phase = 'Initial' then s.decided_stars end),
			max(case when s.phase = 'Year End' then s.decided_grade end), max(case when s.phase = 'Year End' then s.decided_stars end)
			from `tabAssessment Sheet` s join `tabParty Organization` o on o.name = s.organization
			where s.docstatus = 1 and s.campaign_year = %(year)s
			group by o.name, o.reporting_unit, o.domain, s.campaign_year order by s.campaign_year desc, min(o.lft)""", y)),
		("升级率 Upgrade Rate Statistics", "summary", report("Upgrade Rate Statistics", dict(f, group_by="Domain")), hand_sql(
			f"""select i.domain, {RATE_SUMS},
			group_concat(case when e.name is null then i.organization end order by i.reporting_unit, i.organization
				separator '、') missing
			from `tabAssessment Sheet` i
			left join `tabAssessment Sheet` e on e.organization = i.organization and e.campaign_year = i.campaign_year
			and e.phase = 'Year End' and e.docstatus = 1
			where i.phase = 'Initial' and i.docstatus = 1 and i.campaign_year = %(year)s group by i.domain""", y)),
		("图表 Grade Distribution (by unit)", "summary", report("Grade Distribution", dict(f, view="Reporting Unit")), floor_sql(
			"""select s.reporting_unit, sum(s.decided_grade = 'Advanced'), sum(s.decided_grade = 'Good'),
			sum(s.decided_grade = 'Ordinary'), sum(s.decided_grade = 'Lagging') from `tabAssessment Sheet` s
			where s.docstatus = 1 and s.campaign_year = %(year)s and s.phase = 'Initial'
			group by s.reporting_unit order by s.reporting_unit""", y)),
	]


def _same_rates(report_rows, by_hand):
	"""Every domain's eight numerators and denominators, and who has no year-end result."""
	mine = sorted((r["domain"], r["rate_key"], r["numerator"], r["denominator"]) for r in report_rows)
	hand = sorted((frappe._(d["domain"]), key, int(d[f"n_{key}"] or 0), int(d[f"d_{key}"] or 0))
		for d in by_hand for key, _w, _u in _RATES_BY_HAND)
	missing_mine = {m for r in report_rows for m in r["missing"].split("、") if m}
	missing_hand = {m for d in by_hand for m in (d["missing"] or "").split("、") if m}
	return mine == hand and missing_mine == missing_hand


def _same_list(report_rows, floor, sites=False):
	"""The same organisations, each with the same grade, target, measures and deadline."""
	from sanfenlei_app.annexes import SITE_TARGET_LABELS, TARGET_LABELS, TICK

	if sites:
		TARGET_LABELS = SITE_TARGET_LABELS  # noqa: N806

	mine = sorted((r["organization"], r["advanced"] == TICK, r["ordinary"] == TICK, r["lagging"] == TICK,
		r["target"], r["measures"], str(r["deadline"] or "")) for r in report_rows if not r.get("is_heading"))
	hand = sorted((d[0], d[3] == "Advanced", d[3] == "Ordinary", d[3] == "Lagging", TARGET_LABELS.get(d[4] or "", ""),
		d[5] or "", str(d[6] or "")) for d in floor)
	return mine == hand


def _same_summary(report_rows, floor):
	"""Each domain's and unit's count and grades (附件4: the floor's rows lead with the domain)."""
	mine = sorted((r.get("domain"), r["reporting_unit"], r["total"], r["advanced"], r["ordinary"], r["lagging"])
		for r in report_rows if not r.get("is_heading") and not r.get("is_total"))
	hand = sorted((d[0], d[1], int(d[2]), int(d[3] or 0), int(d[5] or 0), int(d[6] or 0)) for d in floor)
	return mine == hand


def _same_sites(report_rows, floor):
	"""附件6: each unit's count and grades."""
	mine = sorted((r["reporting_unit"], r["total"], r["advanced"], r["ordinary"], r["lagging"])
		for r in report_rows if not r.get("is_heading") and not r.get("is_total"))
	hand = sorted((d[0], int(d[1]), int(d[2] or 0), int(d[4] or 0), int(d[5] or 0)) for d in floor)
	return mine == hand


def _same_distribution(report_rows, floor):
	"""The units' grades (the chart labels the units by their short names)."""
	mine = sorted((r["advanced"], r["good"], r["ordinary"], r["lagging"]) for r in report_rows)
	hand = sorted(tuple(int(v or 0) for v in d[1:]) for d in floor)
	return mine == hand


def _same_ledger(report_rows, floor):
	return sorted(r["organization"] for r in report_rows) == sorted(d[0] for d in floor)


SAME_NUMBERS = {"附件3 Annex 3 Classification List": _same_list, "升级率 Upgrade Rate Statistics": _same_rates,
	"附件4 Annex 4 Classification Summary": _same_summary, "附件6 Annex 6 Remote Site Summary": _same_sites,
	"附件5 Annex 5 Remote Site List": lambda mine, floor: _same_list(mine, floor, sites=True), "图表 Grade Distribution (by unit)": _same_distribution,
	"分类管理台账 Classification Ledger": _same_ledger}


def cards_rows():
	"""(what, "card", the card's own count, its floor: count(*) with the same filter)."""
	from frappe.desk.doctype.number_card.number_card import get_result

	out = []
	for name in ("先进党组织", "后进党组织", "待区委组织部审核的申报表", "逾期申报表"):
		card = frappe.get_doc("Number Card", name)
		filters = frappe.parse_json(card.filters_json)
		field, op, value = filters[0][1], filters[0][2], filters[0][3]
		table = f"tab{card.document_type}"
		if op == "in":
			cond, vals = f"`{field}` in %(v)s", {"v": tuple(value)}
		else:
			cond, vals = f"`{field}` = %(v)s", {"v": value}
		out.append((f"数字卡片 {name}", "card", lambda card=card: get_result(card, card.filters_json),
			floor_sql(f"select count(*) from `{table}` where {cond}", vals)))
	return out


def measure_export(year):
	from sanfenlei_app.excel import build_workbook

	frappe.db.rollback()
	t = time.perf_counter()
	content = build_workbook(["annex3"], {"campaign_year": year})
	ms = (time.perf_counter() - t) * 1000
	tracemalloc.start()  # a second run for memory: tracing slows Python down, so it is not timed
	build_workbook(["annex3"], {"campaign_year": year})
	_current, peak = tracemalloc.get_traced_memory()
	tracemalloc.stop()
	rows = frappe.db.sql("""select count(*) from `tabAssessment Sheet` s join `tabParty Organization` o
		on o.name = s.organization where s.campaign_year = %s and s.phase = 'Initial' and s.docstatus < 2
		and o.domain != 'Remote Education Site'""", year)[0][0]
	return rows, ms, peak / 1024 / 1024, len(content) / 1024


def thirty_item_standard():
	"""An approved 30-item standard (10 × 4 + 20 × 3 = 100 points) adjusted by the largest unit."""
	unit = frappe.db.sql("""select reporting_unit, count(*) n from `tabParty Organization`
		where domain = 'Community' group by reporting_unit order by n desc limit 1""")[0][0]
	name = frappe.db.get_value("Assessment Standard", {"standard_name": "基准测试30项标准"})
	if not name:
		base = frappe.db.get_value("Assessment Standard", {"domain": "Community", "owner_unit": ["is", "not set"],
			"approval_status": "Approved"})
		std = frappe.get_doc({"doctype": "Assessment Standard", "standard_name": "基准测试30项标准", "domain": "Community",
			"owner_unit": unit, "base_standard": base,
			"vetoes": [{k: v.get(k) for k in ("code", "description", "kind", "threshold")}
				for v in frappe.get_doc("Assessment Standard", base).vetoes],
			"items": [{"category": f"类{i // 5}", "content": f"评分要点{i}", "max_points": 4 if i < 10 else 3}
				for i in range(30)]}).insert(ignore_permissions=True)
		std.db_set("approval_status", "Approved")
		name = std.name
	return unit, name


def measure_save(year):
	"""Saving a 30-item sheet, with the grading hook and with it replaced by a no-op."""
	import sanfenlei_app.grading as grading

	unit, _std = thirty_item_standard()
	org = frappe.db.get_value("Party Organization", {"reporting_unit": unit, "domain": "Community", "status": "Active"})
	frappe.db.delete("Assessment Sheet", {"organization": org, "campaign_year": year, "phase": "Year End"})
	sheet = frappe.get_doc({"doctype": "Assessment Sheet", "organization": org, "campaign_year": year, "phase": "Year End"})
	grading.load_standard(sheet)
	sheet.insert(ignore_permissions=True)
	assert len(sheet.items) == 30, len(sheet.items)

	def save(i):
		doc = frappe.get_doc("Assessment Sheet", sheet.name)
		doc.entries = [e for e in doc.entries if e.item_no != i % 30 + 1]
		if i % 3:
			doc.append("entries", {"item_no": i % 30 + 1, "points": (i % 3) * 0.5, "reason": "基准测试"})
		doc.save(ignore_permissions=True)

	def run(n=20):
		t = time.perf_counter()
		for i in range(n):
			save(i)
		return (time.perf_counter() - t) * 1000 / n

	with_hook = statistics.median(run() for _ in range(3))
	original = grading.grade_sheet_doc
	grading.grade_sheet_doc = lambda doc, method=None: None
	try:
		without = statistics.median(run() for _ in range(3))
	finally:
		grading.grade_sheet_doc = original
	frappe.db.rollback()
	return with_hook, without


def measure_bulk():
	"""Bulk creation of the sheets of the largest unit for a fresh campaign year (rolled back)."""
	from sanfenlei_app import bulk

	unit, n = frappe.db.sql("""select reporting_unit, count(*) n from `tabParty Organization`
		where domain is not null and domain != '' and status = 'Active' group by reporting_unit
		order by n desc limit 1""")[0]
	if not frappe.db.exists("Campaign Year", "2099"):
		frappe.get_doc({"doctype": "Campaign Year", "year": 2099}).insert(ignore_permissions=True)
	todo = bulk.missing_organizations(unit, "2099", "Initial")
	original_commit = frappe.db.commit
	frappe.db.commit = lambda: None  # measured, then rolled back
	try:
		t = time.perf_counter()
		created = bulk._create(todo, "2099", "Initial")
		ms = (time.perf_counter() - t) * 1000
	finally:
		frappe.db.commit = original_commit
		frappe.db.rollback()
	return unit, created, ms


def goal_of(kind, orgs):
	"""The goal (text) and the test (report best ms, floor best ms → bool) of a row's kind at a
	site of ``orgs`` organisations: reports within 1.5× their floor; whole-district summaries also
	≤ 100 ms at 20,000 organisations and ≤ 500 ms at 100,000; number cards within max(1.5× floor,
	floor + 5 ms)."""
	if kind == "card":
		return "≤ max(1.5× floor, floor + 5 ms)", lambda ms, base: ms <= max(1.5 * base, base + 5)
	if kind == "summary":
		cap = 100 if orgs <= 30000 else 500
		return f"≤ 1.5× floor and ≤ {cap} ms", lambda ms, base: ms <= 1.5 * base and ms <= cap
	return "≤ 1.5× floor", lambda ms, base: ms <= 1.5 * base


def run(skip_bulk=0, runs=RUNS):
	frappe.set_user("Administrator")
	frappe.db.sql("set session group_concat_max_len = 67108864")  # the rates' floor lists every missing name
	year = get_current_year()
	orgs = frappe.db.count("Party Organization")
	sheets = frappe.db.count("Assessment Sheet")
	lines = [f"site {frappe.local.site}: {orgs} organisations, {sheets} sheets, campaign year {year}; "
		f"report and floor interleaved, {int(runs)} runs each", "",
		"| what | rows | report best ms | report median ms | floor best ms | floor median ms | ratio (best) | goal | met |",
		"|---|---|---|---|---|---|---|---|---|"]
	print("\n".join(lines), flush=True)
	checked, missed = [], []
	for what, kind, fn, floor in reports_rows(year) + cards_rows():
		result, times, floor_out, floor_times = interleaved(fn, floor, int(runs))
		n = len(result) if isinstance(result, list) else result
		goal, test = goal_of(kind, orgs)
		best, base = min(times), min(floor_times)
		ok = test(best, base)
		missed += [] if ok else [what]
		lines.append(f"| {what} | {n} | {best:.1f} | {statistics.median(times):.1f} | {base:.1f} | "
			f"{statistics.median(floor_times):.1f} | {best / base:.2f} | {goal} | {'yes' if ok else 'NO'} |")
		print(lines[-1], flush=True)
		if what in SAME_NUMBERS:
			checked.append(f"{what}: {'yes' if SAME_NUMBERS[what](result, floor_out) else 'NO'}")
		elif kind == "card":
			checked.append(f"{what}: {'yes' if int(result) == int(floor_out[0][0]) else 'NO'}")

	def row(what, n, ms, goal, ok):
		lines.append(f"| {what} | {n} | {ms:.1f} | | | | | {goal} | {'yes' if ok else 'NO'} |")
		print(lines[-1], flush=True)

	for name in ("Annex 3 Classification List", "Classification Ledger"):  # the desk's first page
		shown, ms = timed(report(name, {"campaign_year": year}), runs=int(runs))
		row(f"first screen of {name} in the desk (page 1)", len(shown), ms, "< 1,000 ms", ms < 1000)
	rows, ms, peak, kb = measure_export(year)
	what = f"Excel 附件3 export ({kb:.0f} KB file, peak Python memory {peak:.1f} MB"
	if rows > 20000:  # the goal is for 20,000 rows: scaled down linearly from a larger site
		ok = ms / rows * 20000 < 3000
		what += f"; scaled to 20,000 rows: {ms / rows * 20:.1f} s"
	else:
		ok = ms < 3000
	row(what + ")", rows, ms, "< 3 s for 20,000 rows, flat memory", ok)
	with_hook, without = measure_save(year)
	row(f"save a 30-item sheet, grading hook on (off: {without:.1f} ms)", 30, with_hook, "≤ 2× without the hook",
		with_hook <= 2 * without)
	if not int(skip_bulk):
		unit, created, ms = measure_bulk()
		projected = ms / max(created, 1) * 2000
		row(f"bulk creation of sheets for {unit} (projected to 2,000: {projected / 1000:.0f} s)", created, ms,
			"< 30 s for 2,000", projected < 30000)
	lines += ["", "The report's numbers equal its floor's: " + "; ".join(checked)]
	print(lines[-1], flush=True)
	return "\n".join(lines)
