# Copyright (c) 2026, sanfenlei_app contributors
# License: MIT. See license.txt

import frappe
from frappe import _

from sanfenlei_app import rules
from sanfenlei_app.campaign_document import CampaignDocument
from sanfenlei_app.sanfenlei_app.doctype.campaign_year.campaign_year import (
	get_current_year,
)
from sanfenlei_app.tree import campaign_organization


class StatusSurvey(CampaignDocument):
	def before_validate(self):
		self.campaign_year = self.campaign_year or get_current_year()

	def validate(self):
		org = campaign_organization(self.organization, "组织现状调查")
		self.reporting_unit, self.domain = org.reporting_unit, org.domain
		duplicate = frappe.db.exists(
			"Status Survey",
			{"organization": self.organization, "campaign_year": self.campaign_year, "name": ["!=", self.name]},
		)
		if duplicate:
			frappe.throw(
				_("“{0}”在{1}年度已有组织现状调查（{2}），每个党组织每年只填一份").format(
					self.organization, self.campaign_year, duplicate
				),
				frappe.DuplicateEntryError,
			)
		messages = rules.check_survey(self.as_dict())
		if messages:
			frappe.throw("<br>".join(messages), title=_("组织现状调查填写不完整"))


def on_doctype_update():
	frappe.db.add_unique("Status Survey", ["organization", "campaign_year"], constraint_name="unique_org_year")
