# Copyright (c) 2026, sanfenlei_app contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.utils import getdate

from sanfenlei_app import rules
from sanfenlei_app.campaign_document import CampaignDocument


class CommitmentFulfilment(CampaignDocument):
	"""践诺: what was done through the year for a public commitment — the organisation's (附件7) or
	a member's (附件8) — with its photo or document, kept once with the record.  The rule is
	`rules.check_fulfilment`."""

	def before_insert(self):
		self.set_from_commitment()

	def validate(self):
		commitment = self.set_from_commitment()
		if not frappe.has_permission(self.commitment_type, "write", doc=self.commitment_name()):
			frappe.throw(_("您不能记录“{0}”的践诺情况：这份承诺书不属于您负责的党组织").format(self.commitment_name()),
				frappe.PermissionError)
		confirmed = commitment.get("published") if self.commitment_type == "Organization Commitment" else commitment.get("confirmed")
		messages = rules.check_fulfilment(confirmed, self.what_done)
		if messages:
			frappe.throw("<br>".join(messages), title=_("践诺记录有误"))
		self.quarter = rules.quarter_of(getdate(self.fulfilled_on))
		if self.is_new():
			self.recorded_by = frappe.session.user

	def commitment_name(self):
		"""The commitment this record is for: the link of its kind (the other one is cleared)."""
		if self.commitment_type == "Member Commitment":
			self.organization_commitment = None
			return self.member_commitment
		self.member_commitment = None
		return self.organization_commitment

	def set_from_commitment(self):
		name = self.commitment_name()
		fields = ["organization", "campaign_year"] + (["member_name", "confirmed"] if self.commitment_type == "Member Commitment"
			else ["published"])
		commitment = frappe.db.get_value(self.commitment_type, name, fields, as_dict=True) if name else None
		if not commitment:
			frappe.throw(_("请选择{0}").format(_(self.commitment_type)) if not name else _("承诺书“{0}”不存在").format(name))
		self.organization, self.campaign_year = commitment.organization, commitment.campaign_year
		self.member_name = commitment.get("member_name")
		return commitment
