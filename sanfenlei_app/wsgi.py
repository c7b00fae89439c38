"""WSGI entries: `application` for a bench served without nginx (scripts/serve.sh) and
`production` for gunicorn behind nginx (docs/DEPLOYMENT.md).

Both answer a JSON request body that does not parse with 400 and a Chinese message: Frappe
parses the body (`frappe.app.make_form_dict`) before any app hook runs and answers 500, so
this can only be done in front of `frappe.app.application`.

`application` also picks the site: Frappe takes it from the Host header (or
X-Frappe-Site-Name), which nginx sets in production.  Served directly on 127.0.0.1, a request
whose host names no site of the bench goes to the bench's default site; /assets and /files
are served by Frappe's own middleware.  So http://127.0.0.1:8000 is the demo site, and the
disposable test site is reached with its own host name (test-sanfenlei.localhost resolves to
127.0.0.1).
"""

import io
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
_plain_app = frappe.app.application  # before application_with_statics() rebinds the module's name
_frappe_app = frappe.app.application_with_statics()


def _bad_json(environ):
	"""A JSON body that does not parse: Frappe would answer 500; this is the client's error."""
	if "json" not in environ.get("CONTENT_TYPE", "") or not environ.get("PATH_INFO", "").startswith("/api/"):
		return False
	length = int(environ.get("CONTENT_LENGTH") or 0)
	if not length:
		return False
	body = environ["wsgi.input"].read(length)
	environ["wsgi.input"] = io.BytesIO(body)
	try:
		json.loads(body)
		return False
	except ValueError:
		return True


def refuse_bad_json(app):
	"""WSGI middleware: a body that is not JSON never reaches Frappe."""

	def wrapped(environ, start_response):
		if _bad_json(environ):
			payload = json.dumps({"exception": "请求内容不是有效的JSON，未做任何修改", "exc_type": "ValidationError"},
				ensure_ascii=False).encode()
			start_response("400 BAD REQUEST", [("Content-Type", "application/json; charset=utf-8"),
				("Content-Length", str(len(payload)))])
			return [payload]
		return app(environ, start_response)

	return wrapped


def _single_site(environ, start_response):
	if "HTTP_X_FRAPPE_SITE_NAME" not in environ:
		host = environ.get("HTTP_HOST", "").split(":", 1)[0]
		if not host or not os.path.isfile(os.path.join(SITES_PATH, host, "site_config.json")):
			environ["HTTP_X_FRAPPE_SITE_NAME"] = DEFAULT_SITE
	return _frappe_app(environ, start_response)


application = refuse_bad_json(_single_site)  # scripts/serve.sh
# gunicorn behind nginx (which serves /assets and /files), in place of frappe.app:application
production = refuse_bad_json(_plain_app)
