"""A standard record's template has one home: the file beside its JSON.

Frappe prints a standard Print Format from ``print_format/<name>/<name>.html`` and sends a
standard Notification from ``notification/<name>/<name>.html`` (or ``.md``), yet its developer-mode
export also writes the same text into the record's JSON (``html``, ``message``), and a Print Format
with an empty ``html`` cannot be saved at all. These doc_events (hooks.py) close the round trip for
the app's own records (module "Sanfenlei App"):

- ``load_template`` (onload, before_validate): an empty ``html``/``message`` is read from the file,
  so the desk shows the template and a save passes Frappe's checks;
- ``keep_template_in_file`` (before_export, developer mode only): the text goes to the file and is
  left out of the JSON (Frappe's Notification writes the file itself in on_update).
"""

import os

import frappe
from frappe.email.doctype.notification.notification import FORMATS as NOTIFICATION_EXTENSIONS

MODULE = "Sanfenlei App"
FIELDS = {"Print Format": "html", "Notification": "message"}


def template_path(doc):
	"""The file holding ``doc``'s template, or None when it is not one of the app's standard records
	that keep their template in a file. Takes a Print Format or Notification document; returns a path."""
	if doc.get("module") != MODULE:
		return None
	name = frappe.scrub(doc.name)
	if doc.doctype == "Print Format" and doc.standard == "Yes" and doc.custom_format:
		return os.path.join(frappe.get_module_path(MODULE, "Print Format", doc.name), f"{name}.html")
	if doc.doctype == "Notification" and doc.is_standard:
		extension = NOTIFICATION_EXTENSIONS.get(doc.message_type, ".md")
		return os.path.join(frappe.get_module_path(MODULE, "Notification", doc.name), name + extension)
	return None


def load_template(doc, method=None):
	"""onload / before_validate of Print Format and Notification: an empty template field is filled
	from the record's file (as Frappe's Notification.onload does for its message)."""
	path = template_path(doc)
	field = FIELDS[doc.doctype]
	if path and not doc.get(field) and os.path.exists(path):
		with open(path, encoding="utf-8") as f:
			doc.set(field, f.read())


def keep_template_in_file(doc, method=None, doc_export=None):
	"""before_export (Frappe's write_document_file, developer mode): the template is written to its
	file when it changed, and the exported JSON keeps an empty field instead of a second copy."""
	path = template_path(doc)
	field = FIELDS[doc.doctype]
	if not path or doc_export is None:
		return
	text = doc.get(field) or ""
	if text and doc.doctype == "Print Format":
		current = None
		if os.path.exists(path):
			with open(path, encoding="utf-8") as f:
				current = f.read()
		if current != text:
			with open(path, "w", encoding="utf-8") as f:
				f.write(text)
	if doc.doctype == "Print Format":
		doc_export[field] = ""
	else:
		doc_export.pop(field, None)
