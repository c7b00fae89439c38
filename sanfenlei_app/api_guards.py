"""Frappe's whitelisted methods that answer without asking permission, each replaced (hooks.py,
override_whitelisted_methods) by the same method that asks.

Found by the sweep (tests/integration/test_sweep.py), which calls every whitelisted method
as every confined role against documents outside the caller's subtree.  The rest of Frappe's
methods read through frappe.get_list / has_permission and so through the permission hooks
of permissions.py.
"""

import json

import frappe
from frappe import _


@frappe.whitelist()
def get_count(doctype, filters=None, debug=False, cache=False):
	"""frappe.client.get_count, counting only what the user may list.

	Takes a DocType and Frappe filters; returns an int.  Raises frappe.PermissionError without
	read permission on the DocType.  (Frappe's own counts every row for any logged-in user.)"""
	from frappe.client import get_safe_filters

	rows = frappe.get_list(doctype, filters=get_safe_filters(filters), fields=["count(*) as count"], order_by=None)
	return rows[0].count if rows else 0


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	"""The list view's sidebar counts.  For "assigned to", Frappe counts the ToDo rows of every
	document matching the filters without asking which of them the user may see; here the
	documents are those the user may list (and of this DocType only).  Other fields are
	Frappe's own (already through frappe.get_list).  Returns [{"name", "count"}]."""
	from frappe.desk import listview

	if field != "assigned_to":
		return listview.get_group_by_count(doctype, current_filters, field)
	permitted = frappe.get_list(doctype, filters=frappe.parse_json(current_filters), fields=["name"],
		order_by=None, limit_page_length=0, run=False)
	# no query parameters: the permitted query comes with its values in place (a '%' of a LIKE included)
	return frappe.db.sql(
		f"""select t.allocated_to as name, count(*) as count
		from `tabToDo` t join `tabUser` u on u.name = t.allocated_to
		where t.status != 'Cancelled' and u.user_type = 'System User' and t.reference_type = {frappe.db.escape(doctype)}
			and t.reference_name in ({permitted})
		group by t.allocated_to order by count desc limit 50""",
		as_dict=True,
	)


@frappe.whitelist()
def get_submitted_linked_docs(doctype: str, name: str, ignore_doctypes_on_cancel_all=None):
	"""The desk's "cancel all linked documents": Frappe asks for the permission and ignores
	the answer; here a user who may not read the document is refused (frappe.PermissionError)."""
	from frappe.desk.form import linked_with

	frappe.has_permission(doctype, doc=name, throw=True)
	return linked_with.get_submitted_linked_docs(doctype, name, ignore_doctypes_on_cancel_all)


@frappe.whitelist(methods=["POST", "PUT"])
def bulk_update(docs):
	"""frappe.client.bulk_update with the reason of each failure as the user's message, not the
	server's Python traceback.  Takes a JSON list of documents, each with `docname`; returns
	{"failed_docs": [{"doc", "exc"}]}."""
	docs = json.loads(docs) if isinstance(docs, str) else docs
	failed_docs = []
	for doc in docs:
		doc.pop("flags", None)
		try:
			existing_doc = frappe.get_doc(doc["doctype"], doc["docname"])
			existing_doc.update(doc)
			existing_doc.save()
		except Exception as e:
			failed_docs.append({"doc": doc, "exc": frappe.utils.strip_html(str(e)) or _("保存失败")})
	return {"failed_docs": failed_docs}


@frappe.whitelist(methods=["POST"])
def toggle_like(doctype, name, add=False):
	"""The desk's like (♥) on a document: Frappe writes it on any document of any DocType for
	any logged-in user; here only on one the user may read (frappe.PermissionError otherwise)."""
	from frappe.desk import like

	from sanfenlei_app.users import is_read_only

	frappe.has_permission(doctype, "read", doc=name, throw=True)
	if is_read_only():  # a leader reads, and leaves no mark
		frappe.throw(frappe._("领导账号只能查看，不能点赞"), frappe.PermissionError)
	return like.toggle_like(doctype, name, add)


@frappe.whitelist(allow_guest=True)
def add_website_comment(comment, comment_email, comment_by, reference_doctype, reference_name, route):
	"""The website's comment box: Frappe lets any logged-in user comment on any document of any
	DocType without asking permission; here a logged-in user comments only on a document it may
	read (frappe.PermissionError otherwise).  Guests keep Frappe's own rules (blog posts and web
	pages only)."""
	from frappe.templates.includes.comments import comments

	if frappe.session.user != "Guest":
		frappe.has_permission(reference_doctype, "read", doc=reference_name, throw=True)
	return comments.add_comment(comment, comment_email, comment_by, reference_doctype, reference_name, route)


def stored_print_target(doc, name):
	"""(doctype, name) of the stored document a print asks for. Frappe's print methods render a document the
	caller sends (``doc`` as JSON, ``name`` left out) after checking permission on that copy only, so a copy
	naming another document, or carrying altered values, would print as if stored: the stored one is printed.
	Raises frappe.ValidationError for a document that was never saved."""
	if isinstance(name, str) and name:
		return doc, name
	values = frappe.parse_json(doc) if isinstance(doc, str) else doc
	doctype, stored = (values or {}).get("doctype"), (values or {}).get("name")
	if not doctype or not stored or not frappe.db.exists(doctype, stored):
		frappe.throw(_("请先保存，再打印"), title=_("不能打印"))
	return doctype, stored


@frappe.whitelist()
def get_html_and_style(doc, name=None, print_format=None, no_letterhead=None, letterhead=None, trigger_print=False,
	style=None, settings=None):
	"""frappe.www.printview.get_html_and_style (the desk's print view), rendered from the stored document.
	Takes and returns what Frappe's does ({"html", "style"})."""
	from frappe.www import printview

	doctype, name = stored_print_target(doc, name)
	return printview.get_html_and_style(doctype, name, print_format=print_format, no_letterhead=no_letterhead,
		letterhead=letterhead, trigger_print=trigger_print, style=style, settings=settings)


@frappe.whitelist()
def get_rendered_raw_commands(doc, name=None, print_format=None):
	"""frappe.www.printview.get_rendered_raw_commands (raw printing), rendered from the stored document."""
	from frappe.www import printview

	doctype, name = stored_print_target(doc, name)
	return printview.get_rendered_raw_commands(doctype, name, print_format=print_format)
