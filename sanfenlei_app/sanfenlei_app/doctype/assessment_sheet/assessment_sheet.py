# Copyright (c) 2026, sanfenlei_app contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from sanfenlei_app.sanfenlei_app.doctype.campaign_year.campaign_year import get_current_year


class AssessmentSheet(Document):
	"""分类定级申报表 (附件2).  Grading itself runs in the validate hook
	`sanfenlei_app.grading.grade_sheet_doc` (see hooks.py)."""

	def before_validate(self):
		self.campaign_year = self.campaign_year or get_current_year()

	def validate(self):
		org = frappe.db.get_value(
			"Party Organization", self.organization, ["org_level", "status", "reporting_unit", "domain"], as_dict=True
		)
		if not org or org.org_level == "District" or not org.domain:
			frappe.throw(_("只有参加分类定级的党组织（含街道党工委）才能填报分类定级申报表"))
		if org.status == "Dissolved":
			frappe.throw(_("“{0}”已撤销，不能再填报分类定级申报表").format(self.organization))
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
