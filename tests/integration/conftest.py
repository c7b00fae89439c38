"""Integration tests run on a real, disposable Frappe site (scripts/test.sh makes it).

SANFENLEI_TEST_SITE names the site; the tests run from the bench's sites folder.  Data
written here is committed (REST calls go through the real web server, which only sees
committed rows); the site is thrown away after the run.
"""

import json
import os
import uuid

import pytest
import requests

SITE = os.environ.get("SANFENLEI_TEST_SITE")
BASE_URL = os.environ.get("SANFENLEI_WEB", "http://127.0.0.1:8000")
PASSWORD = "Test@2012"


@pytest.fixture(scope="session", autouse=True)
def site():
	if not SITE:
		if os.environ.get("CI") == "true":
			pytest.fail("CI=true but SANFENLEI_TEST_SITE is not set: integration tests need a real site")
		pytest.skip("no test site (run scripts/test.sh)")
	import frappe

	frappe.init(site=SITE, sites_path=os.getcwd())
	frappe.connect()
	frappe.flags.in_test = True
	frappe.set_user("Administrator")
	frappe.local.lang = frappe.db.get_single_value("System Settings", "language") or "zh"
	yield SITE
	frappe.db.commit()
	frappe.destroy()


@pytest.fixture(autouse=True)
def as_admin():
	import frappe

	frappe.set_user("Administrator")
	frappe.local.message_log = []
	yield
	frappe.db.rollback()
	frappe.set_user("Administrator")


def uid():
	"""A unique tag for a test's names: six hex characters, at least one a digit (an all-letter tag
	such as "baaddf" reads as an English word to the browser tests' language sweep)."""
	tag = uuid.uuid4().hex[:6]
	return tag if any(c.isdigit() for c in tag) else tag[:5] + str(uuid.uuid4().int % 10)


class Tree:
	"""A small district built per test module, with unique names."""

	def __init__(self):
		import frappe

		self.frappe = frappe
		self.tag = uid()

	def org(self, name, org_level, parent=None, **kw):
		doc = self.frappe.get_doc(
			{
				"doctype": "Party Organization",
				"organization_name": f"{name}-{self.tag}",
				"org_level": org_level,
				"parent_party_organization": parent,
				**kw,
			}
		).insert()
		return doc

	def district(self):
		return self.org("区委组织部", "District")

	def street(self, district, name="街道党工委"):
		return self.org(name, "Reporting Unit", district.name, unit_kind="Street Committee", domain="Street Committee")

	def system(self, district, name="系统党委"):
		return self.org(name, "Reporting Unit", district.name, unit_kind="System Committee")

	def admin(self, unit, *users):
		"""Make ``users`` the unit's administrators (their User Permissions follow)."""
		for user in users:
			unit.append("unit_admins", {"user": user})
		unit.save()


@pytest.fixture
def tree():
	return Tree()


def role_users(**roles):
	"""A new user for each key with the one role given: role_users(sec="Organization Secretary")."""
	return {key: make_user(f"{key.replace('_', '-')}-{uid()}@test.local", [role]) for key, role in roles.items()}


def make_user(email, roles, first_name=None):
	import frappe
	from frappe.utils.password import update_password

	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{"doctype": "User", "email": email, "first_name": first_name or email.split("@")[0], "send_welcome_email": 0}
		).insert()
	user = frappe.get_doc("User", email)
	user.add_roles(*roles)
	update_password(email, PASSWORD)
	return email


class Rest:
	"""A logged-in REST client against the real web server, addressed to the test site."""

	def __init__(self, user, password=PASSWORD):
		self.s = requests.Session()
		self.s.headers["Host"] = SITE  # nginx picks the site by host name
		self.s.headers["Accept"] = "application/json"
		r = self.s.post(f"{BASE_URL}/api/method/login", json={"usr": user, "pwd": password}, timeout=30)
		assert r.status_code == 200, r.text

	def get(self, path, **params):
		return self.s.get(f"{BASE_URL}{path}", params=params, timeout=30)

	def put(self, path, data):
		return self.s.put(f"{BASE_URL}{path}", json=data, timeout=30)

	def post(self, path, data):
		return self.s.post(f"{BASE_URL}{path}", json=data, timeout=30)


def message(r):
	"""What the user is told when a request is refused: the exception text (none when the site
	shows no tracebacks) and every message dialog, decoded."""
	if r.status_code == 200:
		return ""
	try:
		body = r.json()
	except ValueError:
		return r.text
	parts = [body.get("exception") or "", body.get("message") if isinstance(body.get("message"), str) else ""]
	for m in json.loads(body.get("_server_messages") or "[]"):
		parts.append(json.loads(m).get("message", ""))
	return "\n".join(parts)
