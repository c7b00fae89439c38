# Copyright (c) 2026, sanfenlei_app contributors
# License: MIT. See license.txt

import frappe
from frappe import _

from sanfenlei_app import permissions, review
from sanfenlei_app.campaign_document import CampaignDocument
from sanfenlei_app.sanfenlei_app.doctype.campaign_year.campaign_year import (
	get_current_year,
)
from sanfenlei_app.tree import campaign_organization

MEASURES_LIMIT = 150  # 附件3: “升级措施”栏填主要措施，字数不超过150字


class AssessmentSheet(CampaignDocument):
	"""分类定级申报表 (附件2).  Grading itself runs in the validate hook
	`sanfenlei_app.grading.grade_sheet_doc` (see hooks.py)."""

	# besides its read-only fields: the revoke's reason (carried by the workflow's revoke action alone)
	server_owned = ("cancel_reason",)
	# what each review step records, written only while the sheet is at that step (review.py says by whom)
	step_owned = review.STEP_RECORDS

	@classmethod
	def permission_query(cls, user, doctype):
		"""An evaluation department reads the street committees' sheets besides its own subtree's."""
		return permissions.sheet_query_conditions(user, doctype)

	@classmethod
	def record_permission(cls, doc, ptype, user):
		return permissions.sheet_has_permission(doc, ptype, user)

	def before_validate(self):
		self.campaign_year = self.campaign_year or get_current_year()
		if self.is_new():
			self.workflow_state = "Draft"  # every sheet starts at the beginning of its path
			self.steps = []
			if self.amended_from:  # an amendment restarts the review: the scoring stays, the results go
				for field in REVIEW_FIELDS:
					self.set(field, None)

	def validate(self):
		org = campaign_organization(self.organization, "分类定级申报表", graded=True)
		self.reporting_unit, self.domain = org.reporting_unit, org.domain
		duplicate = frappe.db.exists(
			"Assessment Sheet",
			{"organization": self.organization, "campaign_year": self.campaign_year, "phase": self.phase,
			 "name": ["!=", self.name], "docstatus": ["<", 2]},
		)
		if duplicate:
			frappe.throw(
				_("“{0}”{1}年度{2}的申报表已存在（{3}）").format(
					self.organization, self.campaign_year, _(self.phase), duplicate
				),
				frappe.DuplicateEntryError,
			)
		if len(self.rectification_measures or "") > MEASURES_LIMIT:
			frappe.throw(_("整改措施不超过150字，现为{0}字；详细内容可另附材料").format(len(self.rectification_measures)))
		before = self.get_doc_before_save()
		if before and before.workflow_state != self.workflow_state:
			review.on_transition(self, before.workflow_state, self.workflow_state)
		else:
			review.check_edit_rights(self)
		self.set_deadline()
		self.current_owner_email = review.responsible_email(self)

	def set_deadline(self):
		"""Initial sheets are due with the classification list (04-18), year-end ones with
		the summary (12-03); a sheet not yet at the district's review by then is overdue."""
		field = "classification_list_due" if self.phase == "Initial" else "summary_due"
		self.due_date = frappe.db.get_value("Campaign Year", self.campaign_year, field)
		self.is_overdue = int(is_overdue(self.workflow_state, self.due_date, self.docstatus))

	def on_submit(self):
		"""已定级: the decision becomes the organisation's ledger entry."""
		refresh_current_grading(self.organization)

	def before_cancel(self):
		"""撤销定级 (the workflow's revoke, District Admin only): a reason, and a step in the log."""
		review.guard_docstatus(self)  # only the workflow's 撤销定级 gets here
		review.log_step(self, self.get_doc_before_save().workflow_state, self.workflow_state, "撤销定级", review.revoking(self))

	def on_cancel(self):
		"""The organisation's grade and stars go back to what its remaining approved sheets say."""
		refresh_current_grading(self.organization)


# what the review records; an amendment starts without them (the scoring is kept)
REVIEW_FIELDS = (
	"mass_meeting_date", "mass_attendance", "mass_grade", "member_meeting_date", "member_attendance", "member_grade",
	"self_grade", "self_basis", "votes_for", "votes_against", "votes_abstain", "decided_grade", "decided_stars",
	"decision_reason", "self_check_report", "appraisal_meeting_date", "self_check_grade", "district_opinion",
	"return_reason", "cancel_reason", "secretary_confirmed_by", "secretary_confirmed_on",
)


def refresh_current_grading(organization):
	"""Set the organisation's current grade, stars and year from its approved sheets
	(rules.current_grading), or clear them when none is left."""
	from sanfenlei_app import rules

	approved = frappe.db.sql(
		"""select y.year, s.phase, s.decided_grade as grade, s.decided_stars as stars, s.campaign_year
		from `tabAssessment Sheet` s join `tabCampaign Year` y on y.name = s.campaign_year
		where s.organization = %s and s.docstatus = 1""", organization, as_dict=True)
	latest = rules.current_grading(approved)
	frappe.db.set_value(
		"Party Organization", organization,
		{"current_grade": latest.grade if latest else None, "current_stars": (latest.stars or 0) if latest else 0,
		 "current_grade_year": latest.campaign_year if latest else None},
		update_modified=False,
	)


@frappe.whitelist(methods=["POST"])
def confirm_as_secretary(name):
	"""书记签名: the organisation's own secretary confirms the sheet, logged in as itself."""
	sheet = frappe.get_doc("Assessment Sheet", name)
	secretary = frappe.db.get_value("Party Organization", sheet.organization, "secretary_user")
	if not secretary or frappe.session.user != secretary:
		frappe.throw(_("只有本组织书记本人登录后才能确认签名"), frappe.PermissionError)
	sheet.db_set({"secretary_confirmed_by": frappe.session.user, "secretary_confirmed_on": frappe.utils.now_datetime()})
	return sheet.secretary_confirmed_on


def is_overdue(workflow_state, due_date, docstatus=0, today=None):
	from frappe.utils import getdate, nowdate

	if not due_date or docstatus != 0 or workflow_state in ("District Review", "Graded", "Confirmed"):
		return False
	return getdate(today or nowdate()) > getdate(due_date)


def mark_overdue_sheets():
	"""Daily: flag sheets past their deadline that have not reached the district (one UPDATE).
	"Today" is the site's date (System Settings time zone), the same date a save uses
	(is_overdue), never the database server's clock."""
	from frappe.utils import nowdate

	frappe.db.sql(
		"""update `tabAssessment Sheet` set is_overdue = (
			docstatus = 0 and due_date is not null and due_date < %(today)s
			and ifnull(workflow_state, '') not in ('District Review', 'Graded', 'Confirmed'))""",
		{"today": nowdate()},
	)


def on_doctype_update():
	"""The indexes the reports' queries need (docs/BENCHMARKS.md measures them against their floors):
	one covering the whole-district summaries' GROUP BY (附件4/6, the charts, the rates' starts:
	year, phase and status, then domain, unit, grades and organisation, all read from the index),
	one covering the rates' pairing of each organisation's start with its year-end result, and
	the number cards' (a step's sheets, the overdue ones)."""
	frappe.db.add_index("Assessment Sheet", ["campaign_year", "phase", "docstatus", "domain", "reporting_unit",
		"decided_grade", "decided_stars", "grade", "stars", "organization"], "year_phase_summary")
	frappe.db.add_index("Assessment Sheet", ["organization", "campaign_year", "phase", "docstatus", "decided_grade",
		"decided_stars", "honour"], "org_year_phase_result")
	# the workspace's cards: sheets waiting at a step, overdue sheets
	frappe.db.add_index("Assessment Sheet", ["workflow_state"], "workflow_state")
	frappe.db.add_index("Assessment Sheet", ["is_overdue"], "is_overdue")
