"""The grading sheet (附件2) on a phone: /dingji?name=<sheet>.  The data and the saving are
`sanfenlei_app.portal.sheet_view` / `save_sheet`; the moves `portal.move`."""

import frappe
from frappe import _

from sanfenlei_app import portal

no_cache = 1


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=" + frappe.utils.quote(frappe.request.full_path)
		raise frappe.Redirect
	name = frappe.form_dict.get("name")
	context.title = "分类定级申报表"
	context.show_sidebar = False
	try:
		context.view = portal.sheet_view(name) if name else None
	except (frappe.PermissionError, frappe.DoesNotExistError):
		frappe.clear_last_message()
		context.view = None
		frappe.local.response["http_status_code"] = 403 if frappe.db.exists(portal.SHEET, name) else 404
	# inside <script>: a user's text cannot close the tag ("</script>") nor open a comment
	context.view_json = (frappe.as_json(context.view) if context.view else "null").replace("<", "\\u003c")
	context.messages_json = portal.page_messages()  # Frappe's dialogs in Chinese
	return context
