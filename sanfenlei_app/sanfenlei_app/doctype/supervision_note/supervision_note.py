# Copyright (c) 2026, sanfenlei_app contributors
# License: MIT. See license.txt

import frappe
from frappe.model.document import Document
from frappe.utils import getdate

from sanfenlei_app import rules
from sanfenlei_app.tree import campaign_organization


class SupervisionNote(Document):
	"""督查指导 / 书记点评 (通知三：加强督促检查，强化分类指导；党组织书记定期点评): the superior's note
	on one organisation, written by its unit or the district and shown to the organisation on its
	portal home (its secretary is notified: Notification Supervision Note Notice)."""

	def validate(self):
		org = campaign_organization(self.organization, "督查指导")
		self.reporting_unit = org.reporting_unit
		self.secretary_user = frappe.db.get_value("Party Organization", self.organization, "secretary_user")
		self.quarter = rules.quarter_of(getdate(self.note_date))
		if self.is_new():
			self.author = frappe.session.user
			self.author_name = frappe.utils.get_fullname(frappe.session.user)
