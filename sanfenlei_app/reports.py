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


PAGE_SIZE = 2000  # organisations on one page of a list report in the desk


def organization_page(filters, page, size=None):
	"""One page of the organisations in a report's scope, in tree order: the desk's list reports
	show a page at a time, so that their first screen comes at once at any size of district (the
	Excel export stays whole). Takes the report's filters, the page number (1 for the first; a
	number past the end gives the last page) and the page size (organisations; PAGE_SIZE).
	Returns ``(names, page, pages, total)``. Raises PermissionError as ``organization_scope``."""
	from frappe.utils import cint

	size = size or PAGE_SIZE
	join, conditions, values = organization_scope(filters)
	where = " and ".join(conditions) or "1=1"
	total = frappe.db.sql(f"select count(*) from `tabParty Organization` o {join} where {where}", values)[0][0]
	pages = max(1, -(-total // size))
	page = min(max(1, cint(page) or 1), pages)
	names = frappe.db.sql(f"""select o.name from `tabParty Organization` o {join} where {where}
		order by o.lft limit %(size)s offset %(offset)s""", dict(values, size=size, offset=(page - 1) * size), pluck=True)
	return names, page, pages, total


def page_message(page, pages, total, size=None):
	"""The line above a paged list report: which page of how many, and how to see the rest."""
	if pages <= 1:
		return None
	return (f"第{page}/{pages}页：每页{size or PAGE_SIZE}个党组织（按组织树顺序），共{total}个。"
		"修改“页码”翻页；导出Excel（正式格式）得到全部。")


def keep_reports_interactive():
	"""Hourly and after_migrate: Frappe turns a Script Report whose run once took over 15 s (a busy
	server) into a background (“prepared”) report for everyone, for good; the campaign's reports
	stay interactive (their desk pages are paged and fast). Returns how many were switched back."""
	names = frappe.get_all("Report", filters={"module": "Sanfenlei App", "prepared_report": 1}, pluck="name")
	for name in names:
		# not a change of the shipped record: its "modified" stays the file's, or a later file would not sync
		frappe.db.set_value("Report", name, "prepared_report", 0, update_modified=False)
	return len(names)
