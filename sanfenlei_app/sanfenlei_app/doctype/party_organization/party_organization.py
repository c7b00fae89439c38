# Copyright (c) 2026, sanfenlei_app contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.utils.nestedset import NestedSet

from sanfenlei_app import permissions, rules
from sanfenlei_app.campaign_document import CampaignDocument
from sanfenlei_app.permissions import (
	clear_user_permission_cache,
	sync_org_user_permissions,
)


class PartyOrganization(CampaignDocument, NestedSet):
	# the tree itself: a confined user's subtrees (its placement rules are its own validate's)
	scope_field = None

	@classmethod
	def permission_query(cls, user, doctype):
		return permissions.org_query_conditions(user, doctype)

	@classmethod
	def record_permission(cls, doc, ptype, user):
		return permissions.org_has_permission(doc, ptype, user)

	nsm_parent_field = "parent_party_organization"

	def validate(self):
		if not self.is_new():
			# lft/rgt belong to the tree, never to the caller: a stale form or a REST
			# client sending them must not corrupt the nested set.
			self.lft, self.rgt = frappe.db.get_value("Party Organization", self.name, ["lft", "rgt"])
		parent = None
		if self.parent_party_organization:
			parent = frappe.db.get_value(
				"Party Organization",
				self.parent_party_organization,
				["name", "org_level", "unit_kind", "reporting_unit", "status"],
				as_dict=True,
			)
		problem = rules.check_org_placement(
			org_level=self.org_level,
			unit_kind=self.unit_kind,
			domain=self.domain,
			parent_level=parent.org_level if parent else None,
			parent_unit_kind=self._unit_kind_of(parent) if parent else None,
		)
		if problem:
			frappe.throw(_(problem), title=_("Invalid Organization"))
		if parent and (self.is_new() or self.has_value_changed("parent_party_organization")):
			# The parent link ignores User Permissions (see the DocType), so placing an
			# organisation is checked here: only under a node the user may edit.
			if not frappe.has_permission("Party Organization", "write", doc=parent.name):
				frappe.throw(
					_("您无权在“{0}”之下设立或移入党组织").format(parent.name), frappe.PermissionError
				)
		self.reporting_unit = self._reporting_unit_of(parent)
		if self.org_level != "Reporting Unit":
			self.unit_kind = None
		if self.status == "Active":
			self.status_date = None
		elif not self.status_date:
			frappe.throw(_("党组织已{0}，请填写{0}日期").format(_("撤销") if self.status == "Dissolved" else _("合并")))
		# a group node of the tree is one that has (or may have) organisations under it: derived,
		# whatever the form, an import or the API says (a 党委 with 支部 stays a group)
		self.is_group = 1 if self.org_level in ("District", "Reporting Unit") or self.is_group or (
			not self.is_new() and frappe.db.exists("Party Organization", {"parent_party_organization": self.name})) else 0

	def _reporting_unit_of(self, parent):
		if self.org_level == "Reporting Unit":
			return self.name
		if not parent:
			return None
		if parent.org_level == "Reporting Unit":
			return parent.name
		return parent.reporting_unit

	def _unit_kind_of(self, parent):
		if parent.org_level == "Reporting Unit":
			return parent.unit_kind
		if parent.reporting_unit:
			return frappe.db.get_value("Party Organization", parent.reporting_unit, "unit_kind")
		return None

	def on_update(self):
		parent = self.parent_party_organization
		if parent and not frappe.db.get_value("Party Organization", parent, "is_group"):
			# its parent now has a child: a group node, so the tree shows this one under it
			frappe.db.set_value("Party Organization", parent, "is_group", 1, update_modified=False)
		super().on_update()
		if self.has_value_changed("parent_party_organization"):
			self._refresh_descendants_reporting_unit()
			clear_user_permission_cache()
		sync_org_user_permissions(self)

	def _refresh_descendants_reporting_unit(self):
		"""A moved subtree reports through its new unit: one UPDATE over lft/rgt."""
		if self.org_level != "Grassroots":
			return
		frappe.db.sql(
			"""update `tabParty Organization` set reporting_unit=%s
			where lft > %s and rgt < %s""",
			(self.reporting_unit, self.lft, self.rgt),
		)

	def on_trash(self):
		super().on_trash(allow_root_deletion=True)
		sync_org_user_permissions(self, removing=True)
		clear_user_permission_cache()
