# Copyright (c) 2026, sanfenlei_app contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.utils import getdate

from sanfenlei_app import rules
from sanfenlei_app.campaign_document import CampaignDocument


class MilestoneProgress(CampaignDocument):
	"""措施进展: a progress report on one milestone, with its photo or document (kept once, with the
	report: Frappe attaches the file to it, so whoever may read the report opens the file).  The
	milestone takes the report's status and date (`rules.status_after_report`)."""

	def before_insert(self):
		self.set_from_milestone()

	def validate(self):
		self.set_from_milestone()
		if not frappe.has_permission("Upgrade Milestone", "write", doc=self.milestone):
			frappe.throw(_("您不能报告“{0}”的进展：这项措施不属于您负责的党组织").format(self.milestone), frappe.PermissionError)
		if self.is_new():
			self.reported_by = frappe.session.user
		year = frappe.db.get_value("Campaign Year", self.campaign_year, "year")
		messages = rules.check_report_date(getdate(self.reported_on), year, getdate())
		if messages:
			frappe.throw("<br>".join(messages), title=_("进展报告有误"))

	def set_from_milestone(self):
		self.organization, self.campaign_year = frappe.db.get_value(
			"Upgrade Milestone", self.milestone, ["organization", "campaign_year"]) or (None, None)
		if not self.organization:
			frappe.throw(_("升级措施“{0}”不存在").format(self.milestone))

	def on_update(self):
		refresh_milestone(self.milestone)

	def on_trash(self):
		refresh_milestone(self.milestone, without=self.name)


def refresh_milestone(milestone, without=None):
	"""The milestone's status and last report date from its reports (`rules.status_from_reports`):
	the latest report by date says where it stands; none left: 未开始."""
	reports = frappe.get_all("Milestone Progress", filters={"milestone": milestone, "name": ["!=", without or ""]},
		fields=["status", "reported_on", "creation"])
	doc = frappe.get_doc("Upgrade Milestone", milestone)
	doc.status, doc.last_report_on = rules.status_from_reports(reports)
	doc.flags.ignore_permissions = True  # whoever may report on it may move its status (checked in validate)
	doc.flags.from_report = True
	doc.save_as_server("status", "last_report_on")
