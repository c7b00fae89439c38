"""WSGI entry for a bench served without nginx (scripts/serve.sh).

Frappe picks the site from the Host header (or X-Frappe-Site-Name), which nginx sets in
production.  Served directly on 127.0.0.1, a request whose host names no site of the
bench goes to the bench's default site; /assets and /files are served by Frappe's own
middleware.  So http://127.0.0.1:8000 is the demo site, and the disposable test site is
reached with its own host name (test-sanfenlei.localhost resolves to 127.0.0.1).
"""

import json
import os

import frappe.app

SITES_PATH = os.path.abspath(frappe.app._sites_path)


def _default_site():
	if os.environ.get("SANFENLEI_SITE"):
		return os.environ["SANFENLEI_SITE"]
	with open(os.path.join(SITES_PATH, "common_site_config.json")) as f:
		return json.load(f).get("default_site")


DEFAULT_SITE = _default_site()  # read once per worker; scripts/serve.sh restart picks up a change
_frappe_app = frappe.app.application_with_statics()


def application(environ, start_response):
	if "HTTP_X_FRAPPE_SITE_NAME" not in environ:
		host = environ.get("HTTP_HOST", "").split(":", 1)[0]
		if not host or not os.path.isfile(os.path.join(SITES_PATH, host, "site_config.json")):
			environ["HTTP_X_FRAPPE_SITE_NAME"] = DEFAULT_SITE
	return _frappe_app(environ, start_response)
