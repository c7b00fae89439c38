# Copyright (c) 2026, sanfenlei_app contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.utils import getdate

from sanfenlei_app import rules
from sanfenlei_app.campaign_document import CampaignDocument
from sanfenlei_app.tree import campaign_organization


class SupervisionNote(CampaignDocument):
	"""督查指导 / 书记点评 (通知三：加强督促检查，强化分类指导；党组织书记定期点评): the superior's note
	on one organisation, written by its unit or the district and shown to the organisation on its
	portal home (its secretary is notified: Notification Supervision Note Notice)."""

	def before_validate(self):
		from sanfenlei_app.sanfenlei_app.doctype.campaign_year.campaign_year import (
			get_current_year,
		)

		self.campaign_year = self.campaign_year or get_current_year()

	def validate(self):
		if not self.is_new():
			self.check_author()
		org = campaign_organization(self.organization, "督查指导")
		self.reporting_unit = org.reporting_unit
		self.secretary_user = frappe.db.get_value("Party Organization", self.organization, "secretary_user")
		self.quarter = rules.quarter_of(getdate(self.note_date))
		if self.is_new():
			self.author = frappe.session.user
			self.author_name = frappe.utils.get_fullname(frappe.session.user)

	def on_trash(self):
		self.check_author()

	def check_author(self):
		"""A note is its author's words: only the author, or the district, changes or deletes it."""
		if frappe.session.user != self.get_doc_before_save_or_db("author") and not (
				set(frappe.get_roles()) & {"District Admin", "System Manager"}):
			frappe.throw(_("这条{0}由{1}填写，只有填写人本人或区委组织部可以修改或删除").format(
				_(self.kind), self.author_name or self.author), frappe.PermissionError)

	def get_doc_before_save_or_db(self, field):
		before = self.get_doc_before_save()
		return before.get(field) if before else frappe.db.get_value(self.doctype, self.name, field)
