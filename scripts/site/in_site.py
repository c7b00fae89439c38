"""Runs one function of this folder's modules inside a site, as ``bench execute`` does for the
app's own code: these modules are not part of the shipped package.

    cd $BENCH_DIR/sites && ../env/bin/python ../apps/sanfenlei_app/scripts/site/in_site.py \
        --site SITE loadtest.prepare '{"n": 50}'

Prints the function's return value as JSON on the last line (the scripts read it from there).
"""

import argparse
import importlib
import json

import frappe
from frappe.utils.response import json_handler


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("function", help="module.function of this folder, e.g. benchmark.run")
	parser.add_argument("kwargs", nargs="?", default="{}", help="keyword arguments as JSON")
	args = parser.parse_args()
	module, function = args.function.rsplit(".", 1)
	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	try:
		result = getattr(importlib.import_module(module), function)(**json.loads(args.kwargs))
		frappe.db.commit()
	finally:
		frappe.destroy()
	print(json.dumps(result, default=json_handler, ensure_ascii=False))


if __name__ == "__main__":
	main()
