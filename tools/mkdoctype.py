"""Developer helper: write a DocType JSON from a compact Python spec.

    python tools/mkdoctype.py   # regenerates every spec in tools/doctype_specs.py

Frappe reads the JSON files; the specs only spare us hand-editing long JSON.
"""

import datetime
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DOCTYPE_DIR = os.path.join(ROOT, "sanfenlei_app", "sanfenlei_app", "doctype")
MODIFIED = "2026-11-29 19:00:00.000000"


def scrub(name):
	return name.lower().replace(" ", "_").replace("-", "_")


def field(fieldname, fieldtype, label, **kw):
	d = {"fieldname": fieldname, "fieldtype": fieldtype, "label": label}
	d.update(kw)
	return d


def perm(role, **kw):
	base = {"role": role, "read": 1}
	base.update(kw)
	return base


def write_doctype(name, fields, permissions=(), module="Sanfenlei App", **props):
	folder = os.path.join(DOCTYPE_DIR, scrub(name))
	os.makedirs(folder, exist_ok=True)
	doc = {
		"doctype": "DocType",
		"name": name,
		"module": module,
		"owner": "Administrator",
		"creation": "2026-11-27 12:00:00.000000",
		"modified": MODIFIED,
		"modified_by": "Administrator",
		"engine": "InnoDB",
		"field_order": [f["fieldname"] for f in fields],
		"fields": fields,
		"permissions": list(permissions),
		"sort_field": "modified",
		"sort_order": "DESC",
		"states": [],
	}
	doc.update(props)
	# Frappe syncs a DocType only when its "modified" moves: stamped with now when the JSON
	# changes, kept when it does not (a stamp given in the spec is only the first one)
	path = os.path.join(folder, scrub(name) + ".json")
	if os.path.exists(path):
		with open(path, encoding="utf-8") as f:
			old = json.load(f)
		same = {k: v for k, v in old.items() if k != "modified"} == {k: v for k, v in doc.items() if k != "modified"}
		later = max(datetime.datetime.now(), datetime.datetime.fromisoformat(old["modified"]) + datetime.timedelta(seconds=1))
		doc["modified"] = old["modified"] if same else later.strftime("%Y-%m-%d %H:%M:%S.000000")
	with open(path, "w") as f:
		json.dump(doc, f, ensure_ascii=False, indent=1, sort_keys=True)
		f.write("\n")
	init = os.path.join(folder, "__init__.py")
	if not os.path.exists(init):
		open(init, "w").close()
	controller = os.path.join(folder, scrub(name) + ".py")
	if not os.path.exists(controller):
		with open(controller, "w") as f:
			f.write(
				"# Copyright (c) 2026, sanfenlei_app contributors\n# License: MIT. See license.txt\n\n"
				"from frappe.model.document import Document\n\n\n"
				f"class {name.replace(' ', '')}(Document):\n\tpass\n"
			)
	return folder


if __name__ == "__main__":
	sys.path.insert(0, HERE)
	import doctype_specs  # noqa: F401  (writes on import)
