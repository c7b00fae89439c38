"""What every statistics report shares: the organisations in scope, as SQL over the tree.

The scope is the filters' domain and reporting unit (its subtree by lft/rgt) within the
user's own subtrees; `o` is the alias of `tabParty Organization` in the report's query.
"""

import frappe

from sanfenlei_app.permissions import in_subtrees, permitted_nodes, subtree_condition


def organization_scope(filters, alias="o"):
	"""(join clause, conditions, values) confining `alias` to the report's scope.  Raises
	frappe.PermissionError when the filters name a reporting unit outside the user's own
	subtrees (a report or export of it is refused, not answered empty)."""
	check_unit_in_scope(filters.get("reporting_unit"))
	conditions, values, join = [], {}, ""
	if filters.get("domain"):
		conditions.append(f"{alias}.domain = %(domain)s")
		values["domain"] = filters["domain"]
	if filters.get("reporting_unit"):
		join = "join `tabParty Organization` scope_unit on scope_unit.name = %(unit)s"
		conditions.append(f"{alias}.lft >= scope_unit.lft and {alias}.rgt <= scope_unit.rgt")
		values["unit"] = filters["reporting_unit"]
	own = subtree_condition(table=alias)
	if own:
		conditions.append(own)
	return join, conditions, values


def sheet_only_scope(filters, alias="s"):
	"""The report's scope as conditions on the sheets' own columns — they carry their domain and
	reporting unit, so a summary of the whole district (or of one chosen reporting unit, or
	domain) needs no join to the tree. Returns ``(conditions, values)``, or None when the scope
	needs the tree (a user confined to subtrees, or a chosen node that is not a reporting unit).
	Raises frappe.PermissionError as ``organization_scope`` does."""
	check_unit_in_scope(filters.get("reporting_unit"))
	if subtree_condition(table="o"):
		return None
	conditions, values = [], {}
	if filters.get("domain"):
		conditions.append(f"{alias}.domain = %(domain)s")
		values["domain"] = filters["domain"]
	if filters.get("reporting_unit"):
		if frappe.db.get_value("Party Organization", filters["reporting_unit"], "org_level") != "Reporting Unit":
			return None
		conditions.append(f"{alias}.reporting_unit = %(unit)s")
		values["unit"] = filters["reporting_unit"]
	return conditions, values


def check_unit_in_scope(unit):
	"""Raises frappe.PermissionError when ``unit`` is set and lies outside the user's subtrees."""
	nodes = permitted_nodes()
	if unit and nodes is not None and not in_subtrees(unit, nodes):
		frappe.throw(f"您只能查看本单位及所属党组织的统计，不能查看“{unit}”", frappe.PermissionError)


def fit_widths(columns):
	"""A Script Report's columns, each at least as wide as its Chinese label with the header's
	sort and menu icons (a desk column is cut to “年初…” otherwise). Takes and returns the
	list of column dicts (``label``, ``width`` in px); the browser test sweeps every report."""
	from frappe import _

	for c in columns:
		if isinstance(c, dict):
			c["width"] = max(c.get("width") or 120, len(_(c.get("label") or "")) * 14 + 40)
	return columns
