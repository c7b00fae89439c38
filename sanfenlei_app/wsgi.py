"""WSGI entry for a single-site bench served without nginx (scripts/serve.sh).

Frappe picks the site from the Host header, which nginx sets in production.  Served
directly on 127.0.0.1, every request belongs to the one site named in SANFENLEI_SITE (or
the bench's default site), and /assets and /files are served by Frappe's own middleware.
"""

import json
import os

import frappe.app


def _default_site():
	site = os.environ.get("SANFENLEI_SITE")
	if site:
		return site
	with open(os.path.join(frappe.app._sites_path, "common_site_config.json")) as f:
		return json.load(f).get("default_site")


frappe.app._site = _default_site()
application = frappe.app.application_with_statics()
