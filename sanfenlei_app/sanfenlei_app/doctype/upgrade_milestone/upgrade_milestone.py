# Copyright (c) 2026, sanfenlei_app contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

from sanfenlei_app import rules
from sanfenlei_app.campaign_document import CampaignDocument
from sanfenlei_app.tree import campaign_organization


class UpgradeMilestone(CampaignDocument):
	"""升级措施: one measure of an organisation's upgrade plan as a milestone — what, who, by when,
	its status and progress reports (Milestone Progress).  The rules are `rules.check_milestone`
	and `rules.milestone_is_overdue`."""
	# where it stands comes from its progress reports (milestone_progress.refresh_milestone)
	server_owned = ("status",)


	def validate(self):
		org = campaign_organization(self.organization, "升级措施", graded=True)
		self.reporting_unit, self.domain = org.reporting_unit, org.domain
		self.secretary_user = frappe.db.get_value("Party Organization", self.organization, "secretary_user")
		self.upgrade_plan = frappe.db.get_value("Upgrade Plan", {"organization": self.organization,
			"campaign_year": self.campaign_year, "docstatus": ["<", 2]}, "name")
		due = getdate(self.due_date) if self.due_date else None
		year = frappe.db.get_value("Campaign Year", self.campaign_year, "year")
		messages = rules.check_milestone(self.measure, self.responsible, due, year)
		if messages:
			frappe.throw("<br>".join(messages), title=_("升级措施有误"))
		before = self.get_doc_before_save()
		if before and before.due_date and getdate(before.due_date) != due and not self.flags.from_report:
			may_extend = bool(set(frappe.get_roles()) & {"Reporting Unit Admin", "District Admin", "System Manager"})
			message = rules.check_due_date_change(getdate(before.due_date), due, before.status, getdate(nowdate()), may_extend)
			if message:
				frappe.throw(message, frappe.PermissionError)
		self.quarter = rules.quarter_of(due)
		self.is_overdue = int(rules.milestone_is_overdue(self.status, due, getdate(nowdate())))

	def on_trash(self):
		if frappe.db.exists("Milestone Progress", {"milestone": self.name}):
			frappe.throw(_("这项措施已经报告过进展，不能删除；可以把状态改为已完成"))


def mark_overdue_milestones():
	"""Daily (scheduler): flag every milestone past its date and not done, unflag the others (one
	UPDATE, the site's date — the rule of `rules.milestone_is_overdue`)."""
	frappe.db.sql(
		"""update `tabUpgrade Milestone` set is_overdue = (status != 'Done' and due_date < %(today)s)""",
		{"today": nowdate()},
	)
