# Copyright (c) 2026, sanfenlei_app contributors
# License: MIT. See license.txt

import frappe
from frappe import _

from sanfenlei_app import rules
from sanfenlei_app.campaign_document import CampaignDocument
from sanfenlei_app.tree import campaign_organization

SHEET = "Assessment Sheet"


class CommitmentRating(CampaignDocument):
	"""评诺·满意度测评: the rating of the members' and the masses' representatives at year end of how
	the organisation kept its commitments.  Its satisfaction (`rules.satisfaction_percent`) is the
	satisfaction of the organisation's Year End sheet (grading.grade_sheet_doc reads it), which the
	domain's satisfaction veto compares with its threshold."""

	def validate(self):
		org = campaign_organization(self.organization, "满意度测评", graded=True)
		self.reporting_unit = org.reporting_unit
		other = frappe.db.exists("Commitment Rating", {"organization": self.organization,
			"campaign_year": self.campaign_year, "name": ["!=", self.name]})
		if other:
			frappe.throw(_("“{0}”{1}年度的满意度测评已经填写（{2}）").format(self.organization, self.campaign_year, other),
				frappe.DuplicateEntryError)
		try:
			self.satisfaction = rules.satisfaction_percent(
				(self.members_satisfied or 0) + (self.masses_satisfied or 0),
				(self.members_basic or 0) + (self.masses_basic or 0),
				(self.members_unsatisfied or 0) + (self.masses_unsatisfied or 0))
		except ValueError as e:
			frappe.throw(str(e))
		if self.satisfaction is None:
			frappe.throw(_("请填写党员和群众的测评票数"))
		year = frappe.db.get_value("Campaign Year", self.campaign_year, "year")
		if self.meeting_date and frappe.utils.getdate(self.meeting_date).year != year:
			frappe.throw(_("党员群众代表会议日期须在{0}年内（活动年度）").format(year))
		sheet = year_end_sheet(self.organization, self.campaign_year)
		if sheet and sheet.docstatus == 1:
			frappe.throw(_("年底验收已经认定（{0}），满意度测评不能再修改").format(sheet.name))
		self.year_end_sheet = sheet.name if sheet else None

	def on_update(self):
		"""The open Year End sheet is graded again with this satisfaction (its veto included)."""
		from sanfenlei_app.grading import grade_sheet_doc

		if not self.year_end_sheet:
			return
		sheet = frappe.get_doc(SHEET, self.year_end_sheet)
		grade_sheet_doc(sheet)
		sheet.db_update()
		for veto in sheet.vetoes:
			veto.db_update()


def year_end_sheet(organization, campaign_year):
	return frappe.db.get_value(SHEET, {"organization": organization, "campaign_year": campaign_year,
		"phase": "Year End", "docstatus": ["<", 2]}, ["name", "docstatus"], as_dict=True)


def rated_satisfaction(organization, campaign_year):
	"""The satisfaction (percent) the organisation's 评诺 gave in ``campaign_year``, or None."""
	return frappe.db.get_value("Commitment Rating", {"organization": organization, "campaign_year": campaign_year},
		"satisfaction")
