# Copyright (c) 2026, sanfenlei_app contributors
# License: MIT. See license.txt
"""基层党组织公开承诺书 (附件7).  The secretary confirms it; once confirmed it is published on
the portal (公示, /gongshi) and can no longer be changed."""

import frappe
from frappe import _
from frappe.utils import now_datetime
from frappe.website.website_generator import WebsiteGenerator

from sanfenlei_app.campaign_document import CampaignDocument
from sanfenlei_app.sanfenlei_app.doctype.campaign_year.campaign_year import (
	get_current_year,
)
from sanfenlei_app.tree import campaign_organization


class OrganizationCommitment(CampaignDocument, WebsiteGenerator):
	def before_validate(self):
		self.campaign_year = self.campaign_year or get_current_year()
		if self.is_new():
			self.confirmed_by = self.confirmed_on = None
			self.published = 0

	def validate(self):
		org = campaign_organization(self.organization, "公开承诺书")
		self.reporting_unit = org.reporting_unit
		duplicate = frappe.db.exists("Organization Commitment",
			{"organization": self.organization, "campaign_year": self.campaign_year, "name": ["!=", self.name]})
		if duplicate:
			frappe.throw(_("“{0}”{1}年度的公开承诺书已存在（{2}）").format(self.organization, self.campaign_year, duplicate),
				frappe.DuplicateEntryError)
		before = self.get_doc_before_save()
		if before and before.confirmed_by and (before.commitments != self.commitments or not self.published):
			frappe.throw(_("承诺书已由书记确认并公示，不能再修改"))
		super().validate()

	def autoname(self):
		# WebsiteGenerator would name it after its title (the organisation): one per year is needed
		from frappe.model.naming import set_name_from_naming_options

		set_name_from_naming_options(self.meta.autoname, self)

	def make_route(self):
		return f"gongshi/{self.name.lower()}"

	@frappe.whitelist(methods=["POST"])
	def confirm(self):
		"""The organisation's secretary confirms (书记签字) and the commitment is published."""
		self.check_permission("read")
		secretary = frappe.db.get_value("Party Organization", self.organization, "secretary_user")
		if frappe.session.user != secretary:
			frappe.throw(_("只有本党组织书记本人才能确认公开承诺书"), frappe.PermissionError)
		if self.confirmed_by:
			frappe.throw(_("承诺书已于{0}确认").format(self.confirmed_on))
		self.confirmed_by, self.confirmed_on, self.published = frappe.session.user, now_datetime(), 1
		self.flags.ignore_permissions = True
		self.save_as_server("confirmed_by", "confirmed_on", "published")
		return self.route

	def get_context(self, context):
		context.no_cache = 1
		context.title = _("{0}公开承诺书").format(self.organization)
