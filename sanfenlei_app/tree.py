"""The organisation tree: its view in the desk and subtree queries over lft/rgt."""

import frappe
from frappe.utils import sbool

from sanfenlei_app.permissions import ORG, permitted_nodes

FIELDS = ["name as value", "organization_name as title", "is_group as expandable", "org_level", "domain"]


@frappe.whitelist()
def get_children(doctype=ORG, parent="", is_root=False, **kwargs):
	"""Nodes for the tree view.  The top of the tree is what the user may see: the
	district for the district's users, a unit's own node for its administrators."""
	if doctype != ORG:
		frappe.throw("只支持党组织树")
	if sbool(is_root) or not parent:
		nodes = permitted_nodes()
		filters = {"name": ["in", nodes]} if nodes is not None else {"parent_party_organization": ["is", "not set"]}
		rows = frappe.get_list(ORG, filters=filters, fields=FIELDS + ["lft", "rgt"], order_by="lft")
		# keep only the topmost of the permitted nodes
		top = [r for r in rows if not any(o.lft < r.lft and r.rgt < o.rgt for o in rows)]
		for r in top:
			r.pop("lft"), r.pop("rgt")
		return top
	return frappe.get_list(ORG, filters={"parent_party_organization": parent}, fields=FIELDS, order_by="lft")


def subtree(org, fields=("name",), filters=None):
	"""Every organisation in ``org``'s subtree (itself included) in one query."""
	lft, rgt = frappe.db.get_value(ORG, org, ["lft", "rgt"])
	return frappe.get_all(
		ORG, filters={"lft": [">=", lft], "rgt": ["<=", rgt], **(filters or {})}, fields=list(fields), order_by="lft"
	)


def campaign_organization(name, form, graded=False):
	"""The organisation a campaign form is filled for, refused with a message naming the
	form when it cannot take part: unknown, the district itself, dissolved, or (for
	grading) outside the graded domains."""
	org = frappe.db.get_value(ORG, name, ["org_level", "status", "reporting_unit", "domain"], as_dict=True)
	if not org:
		frappe.throw(f"党组织“{name}”不存在")
	if org.org_level == "District" or (graded and not org.domain):
		frappe.throw(f"“{name}”不参加分类定级，不能填报{form}")
	if org.status == "Dissolved":
		frappe.throw(f"“{name}”已撤销，不能再填报{form}")
	return org
