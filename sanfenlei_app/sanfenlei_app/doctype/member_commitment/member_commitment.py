# Copyright (c) 2026, sanfenlei_app contributors
# License: MIT. See license.txt
"""党员公开承诺书 (附件8): the secretary writes it down with the member; only the member,
logged in as themself, confirms it (涉及本人签名部分必须由本人签名)."""

import frappe
from frappe import _
from frappe.utils import now_datetime

from sanfenlei_app import permissions, rules
from sanfenlei_app.campaign_document import CampaignDocument
from sanfenlei_app.sanfenlei_app.doctype.campaign_year.campaign_year import (
	get_current_year,
)
from sanfenlei_app.tree import campaign_organization


class MemberCommitment(CampaignDocument):
	@classmethod
	def permission_query(cls, user, doctype):
		"""A party member reads their own commitment alone (附件8)."""
		return permissions.member_query_conditions(user, doctype)

	@classmethod
	def record_permission(cls, doc, ptype, user):
		return permissions.member_has_permission(doc, ptype, user)

	def before_validate(self):
		self.campaign_year = self.campaign_year or get_current_year()
		if self.is_new():
			self.confirmed, self.confirmed_on = 0, None

	def validate(self):
		campaign_organization(self.organization, "党员公开承诺书")
		before = self.get_doc_before_save()
		if self.confirmed and not (before and before.confirmed) and not self.flags.confirming:
			frappe.throw(rules.check_member_confirmation(self.member_user, None)[0], frappe.PermissionError)
		if before and before.confirmed and (before.commitments != self.commitments or before.member_user != self.member_user):
			frappe.throw(_("党员本人已确认的承诺书不能再修改"))
		duplicate = frappe.db.exists("Member Commitment",
			{"member_user": self.member_user, "campaign_year": self.campaign_year, "name": ["!=", self.name]})
		if duplicate:
			frappe.throw(_("该党员{0}年度的公开承诺书已存在（{1}）").format(self.campaign_year, duplicate),
				frappe.DuplicateEntryError)

	@frappe.whitelist(methods=["POST"])
	def confirm(self):
		messages = rules.check_member_confirmation(self.member_user, frappe.session.user)
		if messages:
			frappe.throw(messages[0], frappe.PermissionError)
		if self.confirmed:
			frappe.throw(_("您已于{0}确认过这份承诺书").format(self.confirmed_on))
		self.confirmed, self.confirmed_on = 1, now_datetime()
		self.flags.confirming = True
		self.flags.ignore_permissions = True
		self.save_as_server("confirmed", "confirmed_on")
		return {"confirmed": 1}
