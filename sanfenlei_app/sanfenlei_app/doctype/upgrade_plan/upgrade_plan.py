# Copyright (c) 2026, sanfenlei_app contributors
# License: MIT. See license.txt
"""争创目标和整改措施 (推动晋位升级), reviewed by the superior, and the target responsibility
letter (目标责任书) the organisation and its superior sign on it.  The rules are
`rules.check_upgrade_plan`, `rules.plan_due_date` and `rules.check_letter_signature`."""

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime

from sanfenlei_app import rules
from sanfenlei_app.campaign_document import CampaignDocument
from sanfenlei_app.sanfenlei_app.doctype.campaign_year.campaign_year import (
	get_current_year,
)
from sanfenlei_app.tree import campaign_organization

REVIEWER_ROLES = {"Reporting Unit": {"Reporting Unit Admin", "District Admin"}, "District": {"District Admin"}}
UNDER_REVIEW, APPROVED = "Plan Under Review", "Plan Approved"


class UpgradePlan(CampaignDocument):
	# besides its read-only fields (the review, the responsibility letter's signatures): the revoke's reason
	server_owned = ("cancel_reason",)
	# the reviewer's opinion, written while the plan is under review
	step_owned = {"Plan Under Review": ("review_opinion",)}

	def before_validate(self):
		self.campaign_year = self.campaign_year or get_current_year()
		if self.is_new():
			self.workflow_state = "Draft"
			for field in ("reviewed_by", "reviewed_on", "letter_org_signed_by", "letter_org_signed_on",
					"letter_superior_signed_by", "letter_superior_signed_on", "cancel_reason"):
				self.set(field, None)
			self.letter_status = "Not Signed"

	def validate(self):
		self.fill_from_ledger()
		duplicate = frappe.db.exists(
			"Upgrade Plan",
			{"organization": self.organization, "campaign_year": self.campaign_year,
			 "name": ["!=", self.name], "docstatus": ["<", 2]},
		)
		if duplicate:
			frappe.throw(_("“{0}”{1}年度的争创目标已存在（{2}）").format(self.organization, self.campaign_year, duplicate),
				frappe.DuplicateEntryError)
		before = self.get_doc_before_save()
		old = before.workflow_state if before else "Draft"
		if old == UNDER_REVIEW and self.workflow_state == UNDER_REVIEW and not self.may_review():
			frappe.throw(_("争创目标正在由上级审核，审核期间不能修改"))
		if self.workflow_state == "Draft" and old == UNDER_REVIEW and not (self.review_opinion or "").strip():
			frappe.throw(_("退回修改时请填写审核意见，说明需要修改的地方"))
		if self.workflow_state in (UNDER_REVIEW, APPROVED):
			messages = rules.check_upgrade_plan(
				self.start_grade or None, self.start_stars or 0, self.target_grade or None, self.target_stars or 0,
				self.target_honour or None, self.rectification_measures, self.plan_text,
				getdate(self.upgrade_deadline) if self.upgrade_deadline else None, self.year(), self.domain,
			)
			if messages:
				frappe.throw("<br>".join(messages), title=_("争创目标还不能报送"))
		elif len((self.rectification_measures or "").strip()) > rules.MEASURES_MAX_CHARS:
			frappe.throw(rules.check_measures(self.rectification_measures)[0])
		if self.workflow_state == UNDER_REVIEW and old == "Draft" and (self.review_opinion or "").strip():
			# resubmitted after a return: the return's opinion goes to the plan's timeline, so that
			# the approval's opinion (目标责任书's 上级审核意见) is never the old return reason
			self.add_comment("Info", _("退回意见：{0}").format(self.review_opinion))
			self.review_opinion = None
		if self.workflow_state == APPROVED and old != APPROVED:
			self.reviewed_by, self.reviewed_on = frappe.session.user, now_datetime()

	def year(self):
		return frappe.db.get_value("Campaign Year", self.campaign_year, "year")

	def fill_from_ledger(self):
		"""Start grade and stars from April's approved grading; due date and reviewer from the domain."""
		org = campaign_organization(self.organization, "争创目标")
		detail = frappe.db.get_value("Party Organization", self.organization,
			["org_level", "parent_party_organization", "reporting_unit", "domain"], as_dict=True)
		self.reporting_unit, self.domain = detail.reporting_unit, org.domain
		is_unit = detail.org_level == "Reporting Unit"
		self.reviewer_level = "District" if is_unit else rules.plan_reviewer(self.domain)
		self.letter_superior = detail.parent_party_organization if is_unit else detail.reporting_unit
		sheet = frappe.db.get_value(
			"Assessment Sheet",
			{"organization": self.organization, "campaign_year": self.campaign_year, "phase": "Initial", "docstatus": 1},
			["name", "decided_grade", "decided_stars"], as_dict=True,
		)
		if sheet:
			self.initial_sheet, self.start_grade, self.start_stars = sheet.name, sheet.decided_grade, sheet.decided_stars or 0
		elif self.domain:
			frappe.throw(_("“{0}”{1}年度的年初分类定级尚未审核通过，请在定级后再制定争创目标").format(
				self.organization, self.campaign_year))
		year = frappe.db.get_value("Campaign Year", self.campaign_year, ["street_targets_due", "other_targets_due"], as_dict=True)
		self.due_date = rules.plan_due_date("Street Committee" if is_unit else self.domain,
			year.street_targets_due, year.other_targets_due)

	def may_review(self, user=None):
		roles = set(frappe.get_roles(user or frappe.session.user))
		return bool(roles & REVIEWER_ROLES[self.reviewer_level or "Reporting Unit"])

	def before_cancel(self):
		"""撤销 (the workflow's revoke, District Admin only) needs a reason."""
		from sanfenlei_app import review

		review.guard_docstatus(self)  # only the workflow's 撤销争创目标审核 gets here
		review.revoking(self)

	def on_submit(self):
		if not self.reviewed_by:
			self.db_set({"reviewed_by": frappe.session.user, "reviewed_on": now_datetime()})

	# ------------------------------------------------------------ 目标责任书

	def may_sign(self, side, user):
		if side == "organization":
			org = frappe.get_doc("Party Organization", self.organization)
			return user == org.secretary_user or user in {r.user for r in org.unit_admins}
		superior = frappe.get_doc("Party Organization", self.letter_superior)
		if superior.org_level == "District":
			return "District Admin" in frappe.get_roles(user)
		return user in {r.user for r in superior.unit_admins} or user == superior.secretary_user

	def superior_letter_pending(self):
		"""逐级签订: a unit signs with its organisations after its own letter with the district."""
		own = frappe.db.get_value("Upgrade Plan",
			{"organization": self.letter_superior, "campaign_year": self.campaign_year, "docstatus": 1},
			"letter_status")
		return own is not None and own != "Signed by Both Sides"

	@frappe.whitelist(methods=["POST"])
	def sign_letter(self, side):
		if side not in ("organization", "superior"):
			frappe.throw(_("签订方只能是本组织或上级党组织"))
		self.check_permission("read")
		user = frappe.session.user
		already = self.get(f"letter_{'org' if side == 'organization' else 'superior'}_signed_by")
		messages = rules.check_letter_signature(side, self.may_sign(side, user), self.docstatus == 1, already)
		if not messages and side == "superior" and self.superior_letter_pending():
			messages = [_("请先与区委组织部签订本单位的目标责任书，再与所属党组织签订（逐级签订）")]
		if messages:
			frappe.throw("<br>".join(messages), title=_("不能签订目标责任书"))
		prefix = "letter_org" if side == "organization" else "letter_superior"
		self.set(f"{prefix}_signed_by", user)
		self.set(f"{prefix}_signed_on", now_datetime())
		both = self.letter_org_signed_by and self.letter_superior_signed_by
		self.letter_status = "Signed by Both Sides" if both else "Signed by One Side"
		self.flags.ignore_permissions = True
		self.save_as_server(f"{prefix}_signed_by", f"{prefix}_signed_on", "letter_status")
		return {"letter_status": self.letter_status}
