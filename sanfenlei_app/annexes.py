"""The notice's statistics tables 附件3–6: their layout and their data.

One definition per annex serves both the Script Report (columns and rows on the desk) and
the Excel export in the official layout (sanfenlei_app/excel.py).  Each annex's data comes
from one set-based query over the tree (GROUP BY, lft/rgt), never a query per organisation.
The data is produced as *blocks*: (block title, rows, total row) — 附件3 and 附件4 are
"分领域(行业)分别统计", one block per domain; 附件5 and 附件6 have a single block.
"""

import itertools

import frappe
from frappe.utils import getdate, nowdate

from sanfenlei_app import rules
from sanfenlei_app.reports import organization_scope

SITE = "Remote Education Site"
DOMAIN_ORDER = ", ".join(f"'{d}'" for d in rules.DOMAINS)  # the notice's order of the domains
TICK = "√"
TARGET_LABELS = {"Advanced": "争创先进", "Ordinary": "争创一般", "Consolidate": "巩固提高"}
SITE_TARGET_LABELS = {"Advanced": "争创优秀", "Ordinary": "争创一般", "Consolidate": "巩固提高"}


def col(fieldname, label, group=None, width=10, kind="text"):
	return frappe._dict(fieldname=fieldname, label=label, group=group, width=width, kind=kind)


THREE = ("advanced", "ordinary", "lagging")
FOUR = ("advanced", "good", "ordinary", "lagging")  # 好 / 较好 / 一般 / 较差 of a four-level district


def list_columns(name_label, grades, fields=THREE):
	"""附件3 / 附件5: name, the grade ticked under 所分类别, target, measures, deadline."""
	return [
		col("idx", "序号", width=6, kind="int"),
		col("organization", name_label, width=30),
		*[col(field, label, "所分类别", 6, "tick") for field, label in zip(fields, grades)],
		col("target", "升级目标", width=11),
		col("measures", "升级措施", width=48, kind="long"),
		col("deadline", "升级时限", width=13, kind="date"),
	]


def summary_columns(unit_label, total_label, groups, extra, fields=THREE):
	"""附件4 / 附件6: per unit, the total and each grade's count and share, then ``extra``."""
	out = [col("idx", "序号", width=6, kind="int"), col("reporting_unit", unit_label, width=26),
		col("total", total_label, width=10, kind="int")]
	for field, group in zip(fields, groups):
		out += [col(field, "个数", group, 7, "int"), col(f"{field}_share", "比例", group, 8, "pct")]
	return out + extra


STAR_COLUMNS = [col(f"star{n}", label, "星级党组织", 7, "int")
	for n, label in zip((5, 4, 3, 2, 1), ("五星级", "四星级", "三星级", "二星级", "一星级"))]
SHARE_CHECK = [col("share_check", "优秀站点比例（原则上不超过30%）", width=22)]

FILL_NOTES = ["“升级措施”栏填主要措施，字数不超过150字。", "“升级时限”指完成升级目标的截止时间。", "“所分类别”栏，在选择项下划“√”。"]

ANNEXES = {
	"annex3": frappe._dict(
		number=3,
		report="Annex 3 Classification List",
		title="全区“三分类三升级”活动基层党组织分类名单统计表",
		columns=list_columns("党组织名称", ("先进", "一般", "后进")),
		notes=[
			"说明：1.此表分领域（行业）分别统计。",
			"2.“升级目标”是指争创“先进”、“一般”党组织的目标。",
			*[f"{i}.{n}" for i, n in enumerate(FILL_NOTES, 3)],
			"6.此表由各区（市）县委组织部和有关领域（行业）主管部门党组织汇总后上报。",
			"7.表格行数可根据实际情况增减。",
		],
	),
	"annex4": frappe._dict(
		number=4,
		report="Annex 4 Classification Summary",
		title="全区“三分类三升级”活动基层党组织分类情况汇总表",
		columns=summary_columns("上报单位", "党组织总数", ("先进党组织", "一般党组织", "后进党组织"), STAR_COLUMNS),
		notes=[
			"说明：1.此表分领域（行业）分别统计。",
			"2.此表由各街道党工委、系统党委、区直机关工委汇总后上报。",
			"3.表格行数可根据实际情况增减。",
		],
	),
	"annex5": frappe._dict(
		number=5,
		report="Annex 5 Remote Site List",
		title="全区“三分类三升级”活动远程教育站点分类名单统计表",
		columns=list_columns("站点名称", ("优秀", "一般", "后进")),
		notes=[
			"说明：1.此表仅街道填报。",
			"2.“升级目标”是指争创“优秀”、“一般”站点的目标。",
			*[f"{i}.{n}" for i, n in enumerate(FILL_NOTES, 3)],
			"6.表格行数可根据实际情况增减。",
		],
	),
	"annex6": frappe._dict(
		number=6,
		report="Annex 6 Remote Site Summary",
		title="全区“三分类三升级”活动远程教育站点分类情况汇总表",
		columns=summary_columns("街道", "站点总数", ("优秀站点", "一般站点", "后进站点"),
			SHARE_CHECK),
		notes=["说明：1.此表由各街道汇总后上报。", "2.表格行数可根据实际情况增减。"],
	),
}


def four_level_labels(sites, campaign_year=None, domain=None):
	"""The grade names of a four-level district ({grade: name}) in ``campaign_year`` (default the
	current one): from the district-wide standards in force that year (a year's own standard
	before a general one) of the annex's domains — remote sites for 附件5/6, the others for
	附件3/4 (only ``domain``'s, when given).  None when they grade in three levels, as the notice."""
	if not campaign_year:
		from sanfenlei_app.sanfenlei_app.doctype.campaign_year.campaign_year import get_current_year

		campaign_year = get_current_year()
	# every report asks this: kept in the cache for a minute, dropped when a standard is saved
	key = f"{LABEL_CACHE}:{int(bool(sites))}:{campaign_year}:{domain or ''}"
	cached = frappe.cache.get_value(key)
	if cached is not None:
		return cached or None
	labels = _four_level_labels(sites, campaign_year, domain)
	frappe.cache.set_value(key, labels or {}, expires_in_sec=60)
	return labels


LABEL_CACHE = "sanfenlei_four_level_labels"


def clear_label_cache(doc=None, method=None):
	"""Assessment Standard on_update / on_trash: the scheme's grade names may have changed."""
	frappe.cache.delete_keys(LABEL_CACHE)


def _four_level_labels(sites, campaign_year, domain):
	rows = frappe.get_all("Assessment Standard",
		filters={"owner_unit": ("is", "not set"), "approval_status": "Approved", "domain": ("=" if sites else "!=", SITE)},
		or_filters=[["campaign_year", "is", "not set"], ["campaign_year", "=", campaign_year or ""]],
		fields=["name", "domain", "grade_levels", "campaign_year", "version", "modified"])
	in_force = {}
	for r in sorted(rows, key=lambda r: (bool(r.campaign_year), r.version or 0, r.modified)):
		in_force[r.domain] = r  # the last (a year's own, the newest version) wins
	four = [r.name for d, r in sorted(in_force.items()) if r.grade_levels == "4" and (not domain or d == domain)]
	return frappe.get_cached_doc("Assessment Standard", four[0]).labels() if four else None


def spec(annex, filters=None):
	"""The annex as the district's scheme prints it: four grade columns (好/较好/一般/较差) for a
	four-level district, the notice's three otherwise."""
	base = ANNEXES[annex]
	sites = annex in ("annex5", "annex6")
	labels = four_level_labels(sites, (filters or {}).get("campaign_year"))
	if not labels:
		return base
	names = [labels[g] for g in ("Advanced", "Good", "Ordinary", "Lagging")]
	if annex in ("annex3", "annex5"):
		columns = list_columns("站点名称" if sites else "党组织名称", names, FOUR)
	else:
		groups = [f"{n}站点" if sites and not n.endswith("站点") else (n if sites else f"{n}党组织") for n in names]
		columns = summary_columns("街道" if sites else "上报单位", "站点总数" if sites else "党组织总数", groups,
			SHARE_CHECK if sites else STAR_COLUMNS, FOUR)
	return frappe._dict(base, columns=columns)


def normalize(filters):
	filters = frappe._dict(filters or {})
	if not filters.campaign_year:
		from sanfenlei_app.sanfenlei_app.doctype.campaign_year.campaign_year import get_current_year

		filters.campaign_year = get_current_year()
	if not filters.campaign_year:
		frappe.throw("请先设置活动年度")
	filters.phase = filters.phase or "Initial"
	if filters.phase not in ("Initial", "Year End"):
		frappe.throw("阶段只能是年初定级或年底验收")
	return filters


def sheet_scope(filters, sites):
	"""The sheets of the year and phase inside the report's scope (not cancelled)."""
	join, conditions, values = organization_scope(filters)
	conditions += ["s.campaign_year = %(year)s", "s.phase = %(phase)s", "s.docstatus < 2"]
	if filters.get("approved_only"):
		conditions.append("s.docstatus = 1")
	conditions.append("o.domain = %(site)s" if sites else "o.domain != %(site)s")
	values.update(year=filters.campaign_year, phase=filters.phase, site=SITE)
	if filters.get("page_organizations") is not None:  # the desk's page of a list (reports.organization_page)
		conditions.append("s.organization in %(page_organizations)s")
		values["page_organizations"] = tuple(filters.page_organizations) or ("",)
	return join, " and ".join(conditions), values


# ----------------------------------------------------------------- 附件3 / 附件5: the lists

LIST_QUERY = """select o.name as organization, o.domain, o.reporting_unit,
		coalesce(s.decided_grade, s.grade) as grade,
		coalesce(nullif(s.upgrade_target, ''), p.target_grade) as target,
		coalesce(nullif(s.rectification_measures, ''), p.rectification_measures) as measures,
		coalesce(s.upgrade_deadline, p.upgrade_deadline) as deadline
	from `tabAssessment Sheet` s
	join `tabParty Organization` o on o.name = s.organization
	{join}
	left join `tabUpgrade Plan` p on p.organization = s.organization and p.campaign_year = s.campaign_year
		and p.docstatus = 1
	where {where}
	order by field(o.domain, {order}), o.lft"""


def list_records(filters, sites, as_iterator=False):
	join, where, values = sheet_scope(filters, sites)
	return frappe.db.sql(LIST_QUERY.format(join=join, where=where, order=DOMAIN_ORDER), values, as_dict=True,
		as_iterator=as_iterator)


def list_row(idx, r, sites):
	labels = SITE_TARGET_LABELS if sites else TARGET_LABELS
	return {
		"idx": idx,
		"organization": r["organization"],
		"advanced": TICK if r["grade"] == "Advanced" else "",
		"good": TICK if r["grade"] == "Good" else "",
		"ordinary": TICK if r["grade"] == "Ordinary" else "",
		"lagging": TICK if r["grade"] == "Lagging" else "",
		"target": labels.get(r["target"] or "", ""),
		"measures": r["measures"] or "",
		"deadline": getdate(r["deadline"]) if r["deadline"] else None,
		"domain": r["domain"],
		"reporting_unit": r["reporting_unit"],
	}


def list_blocks(filters, sites, as_iterator=False):
	"""Blocks of rows, one per domain (附件3) or one (附件5).  With ``as_iterator`` the rows
	are streamed from the cursor: each block's rows must be read before the next block."""
	records = list_records(filters, sites, as_iterator)
	for domain, group in itertools.groupby(records, key=lambda r: r["domain"]):
		rows = (list_row(idx, r, sites) for idx, r in enumerate(group, 1))
		yield block_title(domain, sites), (rows if as_iterator else list(rows)), None


def block_title(domain, sites):
	return None if sites else f"领域（行业）：{rules.DOMAIN_LABELS.get(domain, domain)}"


# ----------------------------------------------------------------- 附件4 / 附件6: the summaries

SUMMARY_QUERY = """select {unit}.domain, {unit}.reporting_unit, count(*) as total,
		sum(coalesce(s.decided_grade, s.grade) = 'Advanced') as advanced,
		sum(coalesce(s.decided_grade, s.grade) = 'Good') as good,
		sum(coalesce(s.decided_grade, s.grade) = 'Ordinary') as ordinary,
		sum(coalesce(s.decided_grade, s.grade) = 'Lagging') as lagging,
		sum(coalesce(s.decided_stars, s.stars) = 5) as star5, sum(coalesce(s.decided_stars, s.stars) = 4) as star4,
		sum(coalesce(s.decided_stars, s.stars) = 3) as star3, sum(coalesce(s.decided_stars, s.stars) = 2) as star2,
		sum(coalesce(s.decided_stars, s.stars) = 1) as star1
	from `tabAssessment Sheet` s
	{join}
	where {where}
	group by {unit}.domain, {unit}.reporting_unit"""


def in_tree_order(records):
	"""The domains in the notice's order, the units in the tree's (their positions come with the
	grouped rows, ``unit_lft``, joined after the GROUP BY; else one small query)."""
	if records and "unit_lft" in records[0]:
		lft = {r["reporting_unit"]: r["unit_lft"] or 0 for r in records}
	else:
		units = {r["reporting_unit"] for r in records if r["reporting_unit"]}
		lft = dict(frappe.db.sql("select name, lft from `tabParty Organization` where name in %s", [tuple(units)])) if units else {}
	order = {d: i for i, d in enumerate(rules.DOMAINS)}
	return sorted(records, key=lambda r: (order.get(r["domain"], 99), lft.get(r["reporting_unit"], 0)))


COUNT_FIELDS = ("total", "advanced", "good", "ordinary", "lagging", "star5", "star4", "star3", "star2", "star1")


def summary_row(idx, r, exceptions=()):
	row = {k: int(r.get(k) or 0) for k in COUNT_FIELDS}
	row.update(idx=idx, reporting_unit=r["reporting_unit"], domain=r.get("domain"))
	# an official table adds up: the grades' shares make exactly 100.0%
	for g, value in zip(FOUR, rules.shares_adding_to_100([row[g] for g in FOUR])):
		row[f"{g}_share"] = value
	if r.get("domain") == SITE:
		over = rules.check_excellent_site_share(row["advanced"], row["total"], r["reporting_unit"] in exceptions)
		if over:
			row["share_check"] = "超过30%"
		elif row["total"] and row["advanced"] / row["total"] > rules.EXCELLENT_SITE_SHARE:
			row["share_check"] = "超过30%（区委组织部已登记例外）"
		else:
			row["share_check"] = "符合"
	return row


def summary_query(filters, sites):
	"""附件4/6's GROUP BY: over the sheets alone when the scope needs no tree (the sheets carry
	their domain and reporting unit), else joined to the tree. Returns (query, values)."""
	from sanfenlei_app.reports import sheet_only_scope

	own = sheet_only_scope(filters)
	if own is None:
		join, where, values = sheet_scope(filters, sites)
		return SUMMARY_QUERY.format(unit="o", join="join `tabParty Organization` o on o.name = s.organization " + join,
			where=where), values
	conditions, values = own
	conditions += ["s.campaign_year = %(year)s", "s.phase = %(phase)s", "s.docstatus < 2",
		"s.domain = %(site)s" if sites else "s.domain != %(site)s"]
	if filters.get("approved_only"):
		conditions.append("s.docstatus = 1")
	values.update(year=filters.campaign_year, phase=filters.phase, site=SITE)
	return SUMMARY_QUERY.format(unit="s", join="", where=" and ".join(conditions)), values


def summary_blocks(filters, sites):
	query, values = summary_query(filters, sites)
	# the units' tree positions joined to the grouped rows (a dozen), not to the sheets
	query = f"""select g.*, u.lft as unit_lft from ({query}) g
		left join `tabParty Organization` u on u.name = g.reporting_unit"""
	records = in_tree_order(frappe.db.sql(query, values, as_dict=True))
	exceptions = set()
	if sites:
		exceptions = {r[0] for r in frappe.db.sql("""select street from `tabSite Share Exception`
			where parent = %s and parenttype = 'Campaign Year' and stars = 0""", filters.campaign_year)}
	by_domain = {}
	for r in records:
		by_domain.setdefault(r["domain"], []).append(r)
	for domain, group in by_domain.items():
		rows = [summary_row(i, r, exceptions) for i, r in enumerate(group, 1)]
		total = {k: sum(r[k] for r in rows) for k in COUNT_FIELDS}
		total.update(reporting_unit="合计", domain=domain)
		total = summary_row(None, total, exceptions)
		total["reporting_unit"] = "合计"
		if sites:
			total["share_check"] = "—"
		yield block_title(domain, sites), rows, total


def blocks(annex, filters, as_iterator=False):
	sites = annex in ("annex5", "annex6")
	if annex in ("annex3", "annex5"):
		return list_blocks(filters, sites, as_iterator)
	return summary_blocks(filters, sites)


# ----------------------------------------------------------------- header lines


def filing_unit(filters):
	"""填报单位: the chosen unit, else the user's own organisations, else the district."""
	if filters.get("reporting_unit"):
		return filters.reporting_unit
	from sanfenlei_app.permissions import permitted_nodes

	nodes = permitted_nodes()
	if nodes:
		return "、".join(nodes)
	return frappe.db.get_value("Party Organization", {"org_level": "District"}, "name") or ""


def filing_date():
	d = getdate(nowdate())
	return f"{d.year}年{d.month}月{d.day}日"


# ----------------------------------------------------------------- Script Report glue


def report_columns(annex, filters=None, layout=None):
	from frappe import _

	out = []
	for c in (layout or spec(annex, filters)).columns:
		label = f"{c.group}·{c.label}" if c.group else c.label
		fieldtype = {"int": "Int", "pct": "Data", "date": "Date", "long": "Small Text"}.get(c.kind, "Data")
		width = max(60, c.width * 9, len(label) * 14 + 40)  # a Chinese label, the sort and menu icons
		out.append({"fieldname": c.fieldname, "label": _(label), "fieldtype": fieldtype, "width": width})
	return out


def report_rows(annex, filters, layout=None):
	"""The desk's rows: each block led by a heading row, then its rows and its total (``layout``:
	the annex's ``spec``, when the caller has it already)."""
	shares = [c.fieldname for c in (layout or spec(annex, filters)).columns if c.kind == "pct"]  # none in the lists
	out = []
	for title, rows, total in blocks(annex, filters):
		if title:
			out.append({"organization" if annex == "annex3" else "reporting_unit": title, "is_heading": 1})
		out.extend((display(r, shares) for r in rows) if shares else rows)
		if total:
			out.append(display(total, shares) | {"is_total": 1})
	return out


def display(row, shares):
	"""Shares as the desk shows them: 33.3%, or — without a total."""
	out = dict(row)
	for field in shares:
		out[field] = "—" if row.get(field) is None else f"{row[field]:.1f}%"
	return out


def execute_report(annex, filters):
	"""The desk's Script Report of an annex: its columns and rows; a list (附件3/5) a page of
	organisations at a time (``page``, in tree order), with a line saying which page."""
	from sanfenlei_app.reports import organization_page, page_message

	filters = normalize(filters)
	layout = spec(annex, filters)  # looked up once: the scheme's grade names
	message = None
	if annex in ("annex3", "annex5"):
		filters.page_organizations, page, pages, total = organization_page(filters, filters.get("page"))
		message = page_message(page, pages, total)
	return report_columns(annex, filters, layout), report_rows(annex, filters, layout), message, None, None
