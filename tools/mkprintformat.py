"""Developer helper: write the Print Format JSON files from the HTML in tools/print_formats/.

    python tools/mkprintformat.py

Each HTML file starts with a line ``{#- print-format: <name> | <DocType> -#}``.  Frappe
re-imports a print format only when its "modified" changes, so it is stamped with now.
"""

import datetime
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "sanfenlei_app", "sanfenlei_app", "print_format")

BASE = {
	"absolute_value": 0, "align_labels_right": 0, "creation": "2026-11-27 12:00:00.000000", "custom_format": 1,
	"disabled": 0, "docstatus": 0, "doctype": "Print Format", "font_size": 14, "idx": 0, "line_breaks": 0,
	"margin_bottom": 15, "margin_left": 20, "margin_right": 20, "margin_top": 15, "modified_by": "Administrator",
	"module": "Sanfenlei App", "owner": "Administrator", "print_format_builder": 0, "print_format_type": "Jinja",
	"raw_printing": 0, "show_section_headings": 0, "standard": "Yes",
}


def build(path):
	html = open(path, encoding="utf-8").read()
	head = html.splitlines()[0]
	name, doctype = [p.strip() for p in head.split("print-format:")[1].split("-#}")[0].split("|")]
	folder_name = os.path.splitext(os.path.basename(path))[0]
	folder = os.path.join(OUT, folder_name)
	target = os.path.join(folder, folder_name + ".json")
	doc = dict(BASE, name=name, doc_type=doctype, html=html)
	if os.path.exists(target):
		old = json.load(open(target, encoding="utf-8"))
		if {k: v for k, v in old.items() if k != "modified"} == doc:
			return
	doc["modified"] = datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S.000000")
	os.makedirs(folder, exist_ok=True)
	open(os.path.join(folder, "__init__.py"), "a").close()
	with open(target, "w", encoding="utf-8") as f:
		json.dump(doc, f, ensure_ascii=False, indent=1, sort_keys=True)
		f.write("\n")
	print("wrote", target)


if __name__ == "__main__":
	for fname in sorted(os.listdir(os.path.join(HERE, "print_formats"))):
		if fname.endswith(".html"):
			build(os.path.join(HERE, "print_formats", fname))
