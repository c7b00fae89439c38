"""Demo (and benchmark) grading sheets, written in bulk.

`bench --site S sanfenlei-demo --sheets` gives every graded organisation of the demo an
approved Initial sheet (and, with ``--year-end``, an approved Year End one) scored item by
item against its domain's standard with deterministic pseudo-random deductions.  The
grading itself is `rules.grade_sheet`, the same function the validate hook calls; rows
are written with `frappe.db.bulk_insert` because 100,000 organisations do not go through
the ORM one by one in reasonable time.  Sheets already present are kept.
"""

import datetime
import random

import frappe
from frappe.utils import now_datetime

from sanfenlei_app import rules
from sanfenlei_app.bulk import reserve_sheet_names
from sanfenlei_app.grading import standard_for

MEASURES = [
	"健全“三会一课”制度，每月开展一次主题党日活动，书记带头讲党课",
	"调整充实班子，开展结对帮扶，半年内完成整顿转化",
	"建立党员示范岗和志愿服务队，联系服务群众",
	"规范站点管理，配齐管理员，定期组织党员群众收看",
	"完善阵地建设，推行党务公开，接受群众监督",
]
# left without sheets so that a demo secretary (secretary2@) can walk the steps from the start
LEFT_UNGRADED = ("双桥子街道望平社区党委",)
SHEET_FIELDS = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "organization", "campaign_year",
	"phase", "reporting_unit", "domain", "standard", "satisfaction", "total_score", "grade", "grade_label", "stars",
	"decided_grade", "decided_stars", "upgrade_target", "rectification_measures", "upgrade_deadline",
	"workflow_state", "honour", "due_date", "is_overdue")
ITEM_FIELDS = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "parent", "parenttype",
	"parentfield", "idx", "category", "content", "max_points", "deduction_method", "item_kind", "deduction", "score")
ENTRY_FIELDS = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "parent", "parenttype",
	"parentfield", "idx", "item_no", "points", "reason")


def _standards(campaign_year):
	"""Per domain: the standard's name, items, thresholds and bands (demo units have no own versions)."""
	out = {}
	for domain in rules.DOMAINS:
		org = frappe.db.get_value("Party Organization", {"domain": domain}, "name")
		name = org and standard_for(org, campaign_year)
		if name:
			std = frappe.get_doc("Assessment Standard", name)
			out[domain] = (name, std.items, std.thresholds(), std.bands() if std.gets_stars else None)
	return out


def _deductions(rng, items, level):
	"""About ``level`` points of deduction over the standard's items, each within its points."""
	full = sum(i.max_points for i in items) or 100
	return [round(min(i.max_points, level * i.max_points / full * rng.uniform(0.5, 1.5)), 1) for i in items]


def make_sheets(campaign_year="2012", phase="Initial", seed=2012, batch=500, update_ledger=True):
	"""Approved sheets for every active graded organisation lacking one; returns how many.  In each
	street at most 30% of the remote education sites are 优秀站点 (附件5/6: 原则上不超过30%)."""
	rng = random.Random(f"{seed}-{phase}")
	standards = _standards(campaign_year)
	year = frappe.get_doc("Campaign Year", campaign_year)
	due = year.classification_list_due if phase == "Initial" else year.summary_due
	have = set(frappe.get_all("Assessment Sheet", filters={"campaign_year": campaign_year, "phase": phase,
		"docstatus": ["<", 2]}, pluck="organization"))
	orgs = [o for o in frappe.get_all("Party Organization", filters={"domain": ["is", "set"], "status": "Active"},
		fields=["name", "domain", "reporting_unit"], order_by="lft")
		if o.name not in have and o.domain in standards and o.name not in LEFT_UNGRADED]
	names = reserve_sheet_names(campaign_year, len(orgs))
	now, user = now_datetime(), frappe.session.user
	sheets, items, entries = [], [], []
	# 优秀站点比例原则上不超过30%: the demo's streets keep to it (no exception is recorded)
	sites = {}
	for o in orgs:
		if o.domain == "Remote Education Site":
			sites[o.reporting_unit] = sites.get(o.reporting_unit, 0) + 1
	excellent = dict.fromkeys(sites, 0)
	for n, org in enumerate(orgs, 1):
		name, std_items, thresholds, bands = standards[org.domain]
		site = org.domain == "Remote Education Site"
		levels = (6, 14, 22, 24, 26, 30, 45) if site else (2, 6, 10, 14, 18, 22, 26, 30, 45)
		while True:
			deductions = _deductions(rng, std_items, rng.choice(levels))
			result = rules.grade_sheet([(i.max_points, [(d, "对照标准检查")] if d else []) for i, d in zip(std_items, deductions)],
				domain=org.domain, thresholds=thresholds, bands=bands)
			if not site or result["grade"] != "Advanced":
				break
			if (excellent[org.reporting_unit] + 1) <= rules.EXCELLENT_SITE_SHARE * sites[org.reporting_unit]:
				excellent[org.reporting_unit] += 1
				break
			levels = (22, 24, 26, 30, 45)  # this street has its share of excellent sites
		grade, stars = result["grade"], result["stars"]
		sheet_name = names[n - 1]
		honour = None
		if phase == "Year End" and grade == "Advanced" and rng.random() < 0.15:
			honour = rng.choice(rules.HONOURS)
		target = {"Advanced": "Consolidate", "Ordinary": "Advanced", "Lagging": "Ordinary"}[grade]
		sheets.append((sheet_name, now, now, user, user, 1, org.name, campaign_year, phase, org.reporting_unit, org.domain,
			name, 90.0, result["total"], grade, rules.grade_label(grade, org.domain), stars, grade, stars, target,
			rng.choice(MEASURES), datetime.date(year.year, 11, 30), "Graded" if phase == "Initial" else "Confirmed",
			honour, due, 0))
		k = 0
		for idx, (item, d, score) in enumerate(zip(std_items, deductions, result["scores"]), 1):
			items.append((f"{sheet_name}-{idx}", now, now, user, user, 1, sheet_name, "Assessment Sheet", "items", idx,
				item.category, item.content, item.max_points, item.deduction_method, "Deduction", d, score))
			if d:
				k += 1
				entries.append((f"{sheet_name}-e{k}", now, now, user, user, 1, sheet_name, "Assessment Sheet", "entries", k,
					idx, d, "对照标准检查"))
		if len(sheets) >= batch:
			_flush(sheets, items, entries)
			frappe.publish_progress(n * 100 / len(orgs), title="生成演示申报表", description=f"{n}/{len(orgs)}")
	_flush(sheets, items, entries)
	if update_ledger:
		_update_ledger(campaign_year, phase)
	frappe.db.commit()
	return len(orgs)


def _flush(sheets, items, entries):
	if sheets:
		frappe.db.bulk_insert("Assessment Sheet", SHEET_FIELDS, sheets)
		frappe.db.bulk_insert("Assessment Sheet Item", ITEM_FIELDS, items)
		frappe.db.bulk_insert("Assessment Sheet Entry", ENTRY_FIELDS, entries)
	sheets.clear()
	items.clear()
	entries.clear()


def _update_ledger(campaign_year, phase):
	"""The organisations' current grade, as approval (on_submit) would have written it."""
	frappe.db.sql(
		"""update `tabParty Organization` o join `tabAssessment Sheet` s on s.organization = o.name
		set o.current_grade = s.decided_grade, o.current_stars = s.decided_stars, o.current_grade_year = s.campaign_year
		where s.campaign_year = %s and s.phase = %s and s.docstatus = 1""",
		(campaign_year, phase),
	)


EXAMPLE_ORG = "猛追湾街道望平社区党委"


def make_examples(campaign_year="2012"):
	"""One of each April-to-December document for the demo secretary's organisation and its
	street: approved and signed upgrade plans, the published commitment, a member's
	confirmed commitment and the street's annual summary draft (needs the Initial sheets)."""
	if not frappe.db.exists("Party Organization", EXAMPLE_ORG):
		return 0
	street = frappe.db.get_value("Party Organization", EXAMPLE_ORG, "reporting_unit")
	district_admin, unit_admin = "district@sanfenlei.local", "street@sanfenlei.local"
	secretary, member = "secretary@sanfenlei.local", "member@sanfenlei.local"
	now, made = now_datetime(), 0
	for org, org_signer, superior_signer in ((street, unit_admin, district_admin), (EXAMPLE_ORG, secretary, unit_admin)):
		if frappe.db.exists("Upgrade Plan", {"organization": org, "campaign_year": campaign_year}):
			continue
		start = frappe.db.get_value("Assessment Sheet", {"organization": org, "campaign_year": campaign_year,
			"phase": "Initial", "docstatus": 1}, "decided_grade")
		if not start:
			continue
		target = {"Advanced": ("Advanced", 5, "municipal"), "Ordinary": ("Advanced", 4, None),
			"Lagging": ("Ordinary", 1, None)}[start]
		plan = frappe.get_doc({"doctype": "Upgrade Plan", "organization": org, "campaign_year": campaign_year,
			"target_grade": target[0], "target_stars": target[1], "target_honour": target[2],
			"rectification_measures": MEASURES[0], "plan_text": "一、加强班子建设；二、规范组织生活；三、联系服务群众。",
			"upgrade_deadline": f"{campaign_year}-11-30"}).insert(ignore_permissions=True)
		plan.db_set({"workflow_state": "Plan Approved", "docstatus": 1, "reviewed_by": superior_signer, "reviewed_on": now,
			"letter_org_signed_by": org_signer, "letter_org_signed_on": now, "letter_superior_signed_by": superior_signer,
			"letter_superior_signed_on": now, "letter_status": "Signed by Both Sides"})
		made += 1
	if not frappe.db.exists("Organization Commitment", {"organization": EXAMPLE_ORG, "campaign_year": campaign_year}):
		doc = frappe.get_doc({"doctype": "Organization Commitment", "organization": EXAMPLE_ORG, "campaign_year": campaign_year,
			"commitments": "一、每月开展一次主题党日活动，党员参与率达到90%以上。\n二、建立党员志愿服务队，每周开展便民服务。\n"
			"三、年内完成“一般”到“先进”的晋位升级，接受党员群众监督。"}).insert(ignore_permissions=True)
		doc.confirmed_by, doc.confirmed_on, doc.published = secretary, now, 1
		doc.save(ignore_permissions=True)
		made += 1
	if frappe.db.exists("User", member) and not frappe.db.exists("Member Commitment", {"member_user": member,
			"campaign_year": campaign_year}):
		frappe.get_doc({"doctype": "Member Commitment", "organization": EXAMPLE_ORG, "campaign_year": campaign_year,
			"member_name": "张党员", "member_user": member,
			"commitments": "一、带头学习，按时参加组织生活。\n二、联系服务5户群众，每季度走访一次。"}).insert(ignore_permissions=True)
		made += 1
	made += _walk_example_sheet(campaign_year, street, secretary, unit_admin, district_admin)
	if not frappe.db.exists("Survey Special Report", {"reporting_unit": street, "campaign_year": campaign_year}):
		report = frappe.get_doc({"doctype": "Survey Special Report", "reporting_unit": street, "campaign_year": campaign_year,
			"report_date": f"{campaign_year}-03-28",
			"conclusion": "下一步，街道党工委将针对调查发现的问题，结合分类定级结果，逐一制定整改措施，推动基层党组织晋位升级。"})
		report.insert(ignore_permissions=True)
		report.db_set("owner", unit_admin)
		made += 1
	if not frappe.db.exists("Annual Summary", {"reporting_unit": street, "campaign_year": campaign_year}):
		frappe.get_doc({"doctype": "Annual Summary", "reporting_unit": street, "campaign_year": campaign_year}).insert(
			ignore_permissions=True)
		made += 1
	frappe.db.commit()
	return made


def _walk_example_sheet(campaign_year, street, secretary, unit_admin, district_admin):
	"""The example organisation's April sheet as a walked one: the masses' and members' meetings,
	the self-assessment and the vote, the secretary's confirmation, the street's decision and the
	district's approval with the review's log (what 附件2 prints). Returns 1 if it was walked now."""
	name = frappe.db.get_value("Assessment Sheet", {"organization": EXAMPLE_ORG, "campaign_year": campaign_year,
		"phase": "Initial", "docstatus": 1}, "name")
	if not name or frappe.db.get_value("Assessment Sheet", name, "mass_meeting_date"):
		return 0
	sheet = frappe.get_doc("Assessment Sheet", name)
	grade, stars = sheet.decided_grade, sheet.decided_stars
	names = {"Advanced": "先进", "Ordinary": "一般", "Lagging": "后进"}
	at = lambda day, hour: f"{campaign_year}-04-{day:02d} {hour:02d}:00:00"  # noqa: E731
	sheet.db_set({"mass_meeting_date": f"{campaign_year}-04-05", "mass_attendance": 46, "mass_grade": grade,
		"member_meeting_date": f"{campaign_year}-04-06", "member_attendance": 38, "member_grade": grade,
		"self_grade": grade, "self_basis": "对照社区党组织评分标准逐项自查，班子团结、组织生活规范，服务群众有成效。",
		"votes_for": 35, "votes_against": 1, "votes_abstain": 2, "contact_phone": "028-84000000",
		"secretary_confirmed_by": secretary, "secretary_confirmed_on": at(8, 9),
		"decision_reason": f"经街道党工委会议研究，同意评定为“{names.get(grade, '')}”。",
		"district_opinion": "经审核，同意街道党工委评定意见。"})
	for from_state, to_state, user, when in (("Draft", "Superior Decision", secretary, at(8, 9)),
			("Superior Decision", "District Review", unit_admin, at(12, 10)),
			("District Review", "Graded", district_admin, at(16, 15))):
		sheet.append("steps", {"from_state": from_state, "to_state": to_state, "user": user,
			"user_name": frappe.utils.get_fullname(user), "at": when})
		sheet.steps[-1].db_insert()
	return 1


def make_tracking_examples(campaign_year):
	"""推动晋位升级 examples for the demo secretary's organisation: three measures as milestones of
	this year (done in May with its report, in progress due in September, not started due in
	December), a 践诺 record of the published commitment and the street's 督查指导 note.  Dates
	are month and day of the campaign year; returns how many documents were made."""
	if not frappe.db.exists("Party Organization", EXAMPLE_ORG) or frappe.db.exists(
			"Upgrade Milestone", {"organization": EXAMPLE_ORG, "campaign_year": campaign_year}):
		return 0
	year = frappe.db.get_value("Campaign Year", campaign_year, "year")
	made = 0
	for measure, who, (month, day), status, report in (
		("健全“三会一课”台账，每月主题党日有记录", "王秀英（书记）", (5, 31), "Done", "1至5月主题党日记录已整理归档"),
		("建立党员志愿服务队，每周开展便民服务", "刘志强（组织委员）", (9, 30), "In Progress", "志愿服务队已组建，已开展服务12次"),
		("完成党员活动室改造并向居民开放", "陈建华（宣传委员）", (12, 20), "Not Started", None),
	):
		doc = frappe.get_doc({"doctype": "Upgrade Milestone", "organization": EXAMPLE_ORG, "campaign_year": campaign_year,
			"measure": measure, "responsible": who, "due_date": datetime.date(year, month, day)}).insert(ignore_permissions=True)
		made += 1
		if report:
			frappe.get_doc({"doctype": "Milestone Progress", "milestone": doc.name, "status": status, "progress_report": report,
				"reported_on": datetime.date(year, month, day - 1)}).insert(ignore_permissions=True)
			made += 1
	pledge = frappe.db.get_value("Organization Commitment", {"organization": EXAMPLE_ORG, "campaign_year": campaign_year,
		"published": 1})
	if pledge:
		frappe.db.set_value("Organization Commitment", pledge, "confirmed_on", datetime.datetime(year, 5, 7, 10, 0))
		frappe.get_doc({"doctype": "Commitment Fulfilment", "organization_commitment": pledge,
			"commitment_item": "一、每月开展一次主题党日活动",
			"what_done": "六月主题党日：组织党员清理小区楼道杂物", "fulfilled_on": datetime.date(year, 6, 28)}).insert(
			ignore_permissions=True)
		made += 1
	note = frappe.get_doc({"doctype": "Supervision Note", "organization": EXAMPLE_ORG, "campaign_year": campaign_year,
		"note_date": datetime.date(year, 7, 15), "content": "三会一课记录规范，志愿服务队需明确服务时间并公示。"}).insert(
		ignore_permissions=True)
	street_admin = "street@sanfenlei.local"  # written by the street, as its administrator would
	if frappe.db.exists("User", street_admin):
		note.db_set({"author": street_admin, "author_name": frappe.utils.get_fullname(street_admin)})
	frappe.db.commit()
	return made + 1
