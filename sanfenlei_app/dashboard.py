"""Figures for the leaders' workspace 三分类三升级: the Number Cards of type Custom and the
two Script Reports the Dashboard Charts read (Grade Distribution, Review Progress).
Every figure is confined to the user's own subtree (reports.organization_scope)."""

import frappe
from frappe import _

from sanfenlei_app import rules
from sanfenlei_app.annexes import four_level_labels
from sanfenlei_app.reports import organization_scope, sheet_only_scope
from sanfenlei_app.sanfenlei_app.doctype.campaign_year.campaign_year import get_current_year

ORDER = ("Advanced", "Ordinary", "Lagging")
STEP_ORDER = ("Draft", "Mass Preliminary Review", "Party Member Appraisal", "Self Grading", "Members and Masses Review",
	"Superior Decision", "Street Self Scoring", "Department Opinions", "Self Check", "Satisfaction Test",
	"Superior Confirmation", "District Review", "Graded", "Confirmed")


def _year(filters):
	filters = frappe.parse_json(filters) if isinstance(filters, str) else (filters or {})
	return frappe._dict(filters), (filters or {}).get("campaign_year") or get_current_year()


# ----------------------------------------------------------------- number cards (type Custom)


@frappe.whitelist()
def lagging_unassisted(filters=None):
	"""后进党组织中，到帮扶落实日期仍没有任何帮扶记录的 (in the user's scope)."""
	from sanfenlei_app.sanfenlei_app.doctype.assistance_record.assistance_record import lagging_without_assistance

	_f, year = _year(filters)
	names = lagging_without_assistance(year) if year else []
	visible = frappe.get_list("Party Organization", filters={"name": ["in", names]}, pluck="name") if names else []
	return {"value": len(visible), "fieldtype": "Int"}


def _rate_rows(year):
	"""The rates report's rows (in the user's scope) for the rate cards; raises frappe.PermissionError for a role
	the report is not for (a party member, an evaluation department): a card says no more than its report."""
	from sanfenlei_app.sanfenlei_app.report.upgrade_rate_statistics.upgrade_rate_statistics import rows

	if not frappe.get_cached_doc("Report", "Upgrade Rate Statistics").is_permitted():
		frappe.throw(_("您无权查看提升率、升级率统计"), frappe.PermissionError)
	return rows(frappe._dict(campaign_year=year, group_by="Domain")) if year else []


@frappe.whitelist()
def rates_met(filters=None):
	_f, year = _year(filters)
	return {"value": sum(1 for r in _rate_rows(year) if r["met"] == "达到"), "fieldtype": "Int"}


@frappe.whitelist()
def rates_missed(filters=None):
	_f, year = _year(filters)
	return {"value": sum(1 for r in _rate_rows(year) if r["met"] == "未达到"), "fieldtype": "Int"}


# ----------------------------------------------------------------- Grade Distribution (report)


def grade_distribution(filters):
	"""Rows for the charts: grades per domain or per reporting unit, stars, or the movement
	from the start of the year to its end; approved sheets only, one GROUP BY query."""
	filters = frappe._dict(filters or {})
	year = filters.campaign_year or get_current_year()
	view = filters.view or "Domain"
	own = sheet_only_scope(filters)  # the whole district: the sheets alone, no join to the tree
	if own is None:
		join, conditions, values = organization_scope(filters)
		tables, a = f"`tabAssessment Sheet` s join `tabParty Organization` o on o.name = s.organization {join}", "o"
	else:
		(conditions, values), tables, a = own, "`tabAssessment Sheet` s", "s"
	conditions += ["s.docstatus = 1", "s.campaign_year = %(year)s"]
	values["year"] = year
	if view == "Movement":
		data = frappe.db.sql(
			f"""select s.decided_grade as grade, s.phase, count(*) as n
			from {tables}
			where {" and ".join(conditions)} group by s.decided_grade, s.phase""", values, as_dict=True)
		counts = {(d.grade, d.phase): d.n for d in data}
		four = four_level_labels(False, year)
		return [{"label": rules.grade_label(g, labels=four), "initial": counts.get((g, "Initial"), 0),
			"year_end": counts.get((g, "Year End"), 0)} for g in (rules.GRADES if four else ORDER)]
	conditions.append("s.phase = %(phase)s")
	values["phase"] = filters.phase or "Initial"
	if view == "Stars":
		data = frappe.db.sql(
			f"""select s.decided_stars as stars, count(*) as n
			from {tables}
			where {" and ".join(conditions)} and s.decided_stars between 1 and 5 group by s.decided_stars""",
			values, as_dict=True)
		counts = {d.stars: d.n for d in data}
		return [{"label": rules.STAR_LABELS[n], "count": counts.get(n, 0)} for n in range(5, 0, -1)]
	key = f"{a}.domain" if view == "Domain" else f"{a}.reporting_unit"
	data = frappe.db.sql(
		f"""select {key} as k,
			sum(s.decided_grade = 'Advanced') as advanced, sum(s.decided_grade = 'Good') as good,
			sum(s.decided_grade = 'Ordinary') as ordinary,
			sum(s.decided_grade = 'Lagging') as lagging
		from {tables}
		where {" and ".join(conditions)} group by {key} order by {key}""", values, as_dict=True)
	if view == "Domain":
		labels = [rules.DOMAIN_CHART_LABELS.get(d.k, d.k) for d in data]
	else:  # units told apart on the axis: 猛追湾街道, not “中共..” a dozen times
		short = dict(frappe.get_all("Party Organization", filters={"name": ["in", [d.k for d in data]]},
			fields=["name", "short_name"], as_list=True)) if data else {}
		labels = rules.unit_chart_labels([(d.k, short.get(d.k)) for d in data])
	return [{"label": label, "advanced": int(d.advanced or 0), "good": int(d.good or 0),
		"ordinary": int(d.ordinary or 0), "lagging": int(d.lagging or 0)} for label, d in zip(labels, data)]


def grade_distribution_columns(view):
	if view == "Movement":
		cols = [("label", "级次"), ("initial", "年初"), ("year_end", "年底")]
	elif view == "Stars":
		cols = [("label", "星级"), ("count", "党组织数")]
	else:
		four = four_level_labels(False)  # a four-level district's charts show its four grades
		cols = [("label", "领域" if view == "Domain" else "上报单位")] + [
			(g.lower(), rules.grade_label(g, labels=four)) for g in (rules.GRADES if four else ORDER)]
	return [{"fieldname": f, "label": label, "fieldtype": "Data" if f == "label" else "Int", "width": 200 if f == "label" else 90}
		for f, label in cols]


# ----------------------------------------------------------------- Review Progress (report)


def review_progress(filters):
	"""View "Current": sheets waiting at each step now.  View "Over Time": per day, how many
	sheets reached each step that day (from the sheets' step log)."""
	filters = frappe._dict(filters or {})
	year = filters.campaign_year or get_current_year()
	join, conditions, values = organization_scope(filters)
	conditions += ["s.campaign_year = %(year)s", "s.docstatus < 2"]
	values["year"] = year
	if filters.phase:
		conditions.append("s.phase = %(phase)s")
		values["phase"] = filters.phase
	where = " and ".join(conditions)
	if (filters.view or "Current") == "Current":
		data = frappe.db.sql(
			f"""select s.workflow_state as state, count(*) as n
			from `tabAssessment Sheet` s join `tabParty Organization` o on o.name = s.organization {join}
			where {where} group by s.workflow_state""", values, as_dict=True)
		counts = {d.state: d.n for d in data}
		return [{"label": _(st), "count": counts[st]} for st in STEP_ORDER if counts.get(st)]
	data = frappe.db.sql(
		f"""select date(st.at) as day, st.to_state as state, count(*) as n
		from `tabAssessment Sheet Step` st
		join `tabAssessment Sheet` s on s.name = st.parent and st.parenttype = 'Assessment Sheet'
		join `tabParty Organization` o on o.name = s.organization {join}
		where {where} group by date(st.at), st.to_state order by day""", values, as_dict=True)
	days = {}
	for d in data:
		days.setdefault(d.day, {})[d.state] = d.n
	if len(days) == 1:  # a line needs two points: the day before the first had none
		days = {frappe.utils.add_days(d.day, -1): {}, **days}
	# 04-12, not 2026-04-12: a dozen dates fit the axis, the year is the filter's
	return [{"label": str(day)[5:], **{_key(st): states.get(st, 0) for st in STEP_ORDER[1:]}} for day, states in days.items()]


def _key(state):
	return state.lower().replace(" ", "_")


def review_progress_columns(view):
	if (view or "Current") == "Current":
		return [{"fieldname": "label", "label": "环节", "fieldtype": "Data", "width": 200},
			{"fieldname": "count", "label": "申报表数", "fieldtype": "Int", "width": 100}]
	return [{"fieldname": "label", "label": "日期", "fieldtype": "Data", "width": 110}] + [
		{"fieldname": _key(st), "label": _(st), "fieldtype": "Int", "width": 90} for st in STEP_ORDER[1:]]


def chart_of(columns, rows, kind="bar"):
	"""Frappe chart data with the columns' Chinese labels as the series names (the
	workspace's Dashboard Charts use the report's own chart). Up to four columns each is a series,
	even one all zero (年底 before December), so that the legend names each; of more (the review's
	steps) those with a count; no rows give a chart without labels, which the workspace shows as
	无数据 and the report page leaves out."""
	if not rows:
		return {"data": {}, "type": kind}
	series = [c for c in columns if c["fieldname"] != "label"]
	if len(series) > 4:  # the review's dozen steps: those reached, so that the legend holds every one
		series = [c for c in series if any(r.get(c["fieldname"]) for r in rows)]
	return {
		"data": {"labels": [r["label"] for r in rows],
			"datasets": [{"name": c["label"], "values": [r.get(c["fieldname"]) or 0 for r in rows]} for c in series]},
		"type": kind,
	}


def units_without_admin():
	"""The reporting units (街道党工委、系统党委、区直机关工委) that have organisations to grade and
	no unit administrator: nobody would decide their sheets at 上级评定.  Returns [unit name]."""
	return frappe.db.sql_list(
		"""select u.name from `tabParty Organization` u
		where u.org_level = 'Reporting Unit' and u.status = 'Active'
		and exists (select 1 from `tabParty Organization` o where o.reporting_unit = u.name
			and o.org_level = 'Grassroots' and o.status = 'Active')
		and not exists (select 1 from `tabParty Organization Admin` a where a.parent = u.name
			and a.parenttype = 'Party Organization')
		order by u.lft""")


@frappe.whitelist()
def units_without_admin_count(filters=None):
	"""Number card 没有单位管理员的上报单位 (in the user's scope)."""
	names = units_without_admin()
	visible = frappe.get_list("Party Organization", filters={"name": ["in", names]}, pluck="name") if names else []
	return {"value": len(visible), "fieldtype": "Int"}


@frappe.whitelist()
def milestones_due_soon(filters=None):
	"""Number card 一周内到期的升级措施: milestones not done whose date is within the next
	``rules.DUE_SOON_DAYS`` days (today included), in the user's scope (Frappe's permissions)."""
	from frappe.utils import add_days, nowdate

	today = nowdate()
	return _milestone_count([["status", "!=", "Done"], ["due_date", "between", [today, add_days(today, rules.DUE_SOON_DAYS)]]])


@frappe.whitelist()
def milestones_overdue(filters=None):
	"""Number card 逾期的升级措施: milestones past their date and not done, in the user's scope."""
	return _milestone_count([["is_overdue", "=", 1]])


def _milestone_count(filters):
	"""A card's count of milestones the user may read (0 for a role that reads none, such as an
	evaluation department: the workspace shows its cards to everyone)."""
	if not frappe.has_permission("Upgrade Milestone", "read"):
		return {"value": 0, "fieldtype": "Int"}
	return {"value": len(frappe.get_list("Upgrade Milestone", filters=filters, pluck="name", limit_page_length=0)),
		"fieldtype": "Int"}


def notify_units_without_admin():
	"""Daily: tell every District Admin, in the desk's notifications (and by e-mail where the site
	sends it), which reporting units have organisations to grade and no administrator."""
	from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification

	units = units_without_admin()
	if not units:
		return
	admins = frappe.get_all("User", filters={"enabled": 1, "name": ["in", frappe.get_all("Has Role",
		filters={"role": "District Admin", "parenttype": "User"}, pluck="parent") or [""]]}, pluck="name")
	if not admins:
		return
	subject = _("{0}个上报单位还没有单位管理员，其党组织的申报表无人评定：{1}").format(len(units), "、".join(units[:10])
		+ ("等" if len(units) > 10 else ""))
	enqueue_create_notification(sorted(admins), {"type": "Alert", "document_type": "Party Organization",
		"document_name": units[0], "subject": subject, "email_content": subject})


def extend_bootinfo(bootinfo):
	"""hooks.extend_bootinfo: the current campaign year, so that every report opens on it
	(a required filter left empty would greet the user with “缺少筛选条件”)."""
	if frappe.session.user != "Guest":
		bootinfo["sanfenlei"] = {"current_year": get_current_year()}
