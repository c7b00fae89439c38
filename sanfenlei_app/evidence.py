"""Evidence (佐证材料) kept with the document it proves.

Frappe attaches a file named in an Attach field of the document itself
(`frappe.core.doctype.file.utils.attach_files_to_document`), but not one named in a row of a child
table — such as a deduction's evidence in 扣分、加分记录.  Such a file stays private and attached to
nothing, so only its uploader can open it.  These hooks attach it to the parent document, which
gives it that document's permissions: the secretary and the reviewers of the subtree open it,
nobody else does (Frappe's File.has_permission follows the attached document).
"""

import frappe
from frappe import _


def child_attach_values(doc):
	"""[(row, fieldname, file_url)] of every Attach value in the document's child tables."""
	out = []
	for table in doc.meta.get_table_fields():
		fields = [df.fieldname for df in frappe.get_meta(table.options).fields if df.fieldtype in ("Attach", "Attach Image")]
		for row in doc.get(table.fieldname) or [] if fields else []:
			out += [(row, f, row.get(f)) for f in fields if row.get(f)]
	return out


def check_evidence(doc, method=None):
	"""validate: each evidence names a file of this site that the user may use — one they uploaded
	(not yet attached elsewhere) or one already attached to this document."""
	user = frappe.session.user
	for row, field, url in child_attach_values(doc):
		if not url.startswith(("/files/", "/private/files/")):
			frappe.throw(_("第{0}行的佐证材料须是上传到本系统的文件").format(row.idx), title=_("佐证材料有误"))
		files = frappe.get_all("File", filters={"file_url": url}, fields=["owner", "attached_to_doctype", "attached_to_name"])
		# an amendment keeps the evidence of the document it amends (the same sheet, corrected)
		lineage = {doc.name, doc.get("amended_from")} - {None}
		usable = any(f.attached_to_doctype == doc.doctype and f.attached_to_name in lineage for f in files) or any(
			not f.attached_to_doctype and (f.owner == user or user == "Administrator") for f in files)
		if usable and doc.get("amended_from") and not any(f.attached_to_name == doc.name for f in files):
			usable = frappe.has_permission(doc.doctype, "read", doc.amended_from)
		if not usable:
			frappe.throw(_("第{0}行的佐证材料不存在，或不是您上传的文件：请重新上传").format(row.idx), title=_("佐证材料有误"))


def attach_child_files(doc, method=None):
	"""on_update: attach each child row's evidence, uploaded by the user and attached to nothing
	yet, to the document (private)."""
	user = frappe.session.user
	for _row, field, url in child_attach_values(doc):
		unattached = frappe.get_all("File", filters={"file_url": url, "attached_to_doctype": ("is", "not set")},
			fields=["name", "owner"])
		for f in unattached:
			if f.owner == user or user == "Administrator":
				frappe.db.set_value("File", f.name, {"attached_to_doctype": doc.doctype, "attached_to_name": doc.name,
					"attached_to_field": field, "is_private": 1 if url.startswith("/private/") else 0})
