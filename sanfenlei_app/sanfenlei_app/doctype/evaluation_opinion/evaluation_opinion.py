# Copyright (c) 2026, sanfenlei_app contributors
# License: MIT. See license.txt

import frappe
from frappe import _

from sanfenlei_app.campaign_document import CampaignDocument


class EvaluationOpinion(CampaignDocument):
	"""目督办、信访局、民政局 advise on a street committee's self-scoring (综合评定)."""

	def validate(self):
		sheet = frappe.db.get_value("Assessment Sheet", self.sheet, ["domain", "workflow_state", "organization"], as_dict=True)
		if not sheet or sheet.domain != "Street Committee":
			frappe.throw(_("评议意见只针对街道党工委的自评结果"))
		if sheet.workflow_state != "Department Opinions":
			frappe.throw(_("只能在“部门评议”环节提出评议意见"))
		self.organization = sheet.organization
		duplicate = frappe.db.exists(
			"Evaluation Opinion", {"sheet": self.sheet, "department": self.department, "name": ["!=", self.name]}
		)
		if duplicate:
			frappe.throw(_("{0}已对该申报表提出意见（{1}），请修改原意见").format(_(self.department), duplicate))
