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
		fields = [df.fieldname for df in frappe.get_meta(table.options).fields if df.fieldtype in ATTACH_TYPES]
		for row in doc.get(table.fieldname) or [] if fields else []:
			out += [(row, f, row.get(f)) for f in fields if row.get(f)]
	return out


ATTACH_TYPES = ("Attach", "Attach Image")


def attach_values(doc):
	"""[(row, fieldname, file_url, stored file_url or None)] of every Attach value of ``doc`` and its child rows
	(``row`` is ``doc`` itself for its own fields), with what the database holds for the same row and field."""
	before = doc.get_doc_before_save() if not doc.is_new() else None
	out = [(doc, df.fieldname, doc.get(df.fieldname), before.get(df.fieldname) if before else None)
		for df in doc.meta.fields if df.fieldtype in ATTACH_TYPES and doc.get(df.fieldname)]
	for table in doc.meta.get_table_fields():
		stored = {r.name: r for r in (before.get(table.fieldname) or [])} if before else {}
		for row, field, url in [(r, f, u) for r, f, u in child_attach_values(doc) if r.parentfield == table.fieldname]:
			old = stored.get(row.name)
			out.append((row, field, url, old.get(field) if old else None))
	return out


def check_attachments(doc):
	"""Every Attach value a save sets or changes (the document's own fields and its child rows', on every DocType
	of the app) names a file of this site that its writer may already read (Frappe's File.has_permission: their
	own upload, a public file, or one attached to a document they may read — an amendment's original included).
	A value the document already held is left alone. Raises frappe.PermissionError otherwise (in Chinese)."""
	for row, field, url, old in attach_values(doc):
		if url == old:
			continue
		where = _("第{0}行的").format(row.idx) if row is not doc else ""
		label = _(row.meta.get_label(field))
		if not url.startswith(("/files/", "/private/files/")):
			frappe.throw(_("{0}“{1}”须是上传到本系统的文件").format(where, label), title=_("佐证材料有误"))
		files = frappe.get_all("File", filters={"file_url": url}, pluck="name")
		if not any(frappe.get_doc("File", f).has_permission("read") for f in files):
			frappe.throw(_("{0}“{1}”不存在，或不是您上传或有权查看的文件：请重新上传").format(where, label),
				frappe.PermissionError, title=_("佐证材料有误"))


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
