"""The District Admin administers the campaign's users without a System Manager: creates them
with the campaign's roles (every other role refused, swept over all roles of the site), resets
a password, disables an account, imports users with Frappe's Data Import — and cannot touch an
account Frappe's administrators hold nor raise their own roles."""

import time

import frappe
import requests

from sanfenlei_app.users import AUTOMATIC_ROLES, campaign_roles

from .conftest import BASE_URL, SITE, Rest, message, role_users, uid
from .test_import import fill

USERS = "/api/resource/User"


def login(email, password):
	s = requests.Session()
	s.headers["Host"] = SITE
	return s.post(f"{BASE_URL}/api/method/login", json={"usr": email, "pwd": password}, timeout=30).status_code


def test_the_district_admin_gives_the_campaigns_roles_and_no_other():
	users = role_users(district="District Admin", unit="Reporting Unit Admin", sec="Organization Secretary",
		leader="Campaign Leader")
	frappe.db.commit()
	api = Rest(users["district"])
	roles = frappe.get_all("Role", filters={"disabled": 0, "name": ["not in", ["Administrator", *AUTOMATIC_ROLES]]}, pluck="name")
	allowed, refused = [], []
	for role in roles:
		email = f"ua-{uid()}@test.local"
		r = api.post(USERS, {"email": email, "first_name": "新账号", "roles": [{"role": role}], "send_welcome_email": 0})
		if role in campaign_roles():
			assert r.status_code == 200, (role, message(r))
			allowed.append(role)
		else:
			assert r.status_code == 403 and "只能授予三分类三升级的角色" in message(r), (role, r.status_code, message(r))
			assert not frappe.db.exists("User", email)
			refused.append(role)
	print(f"\nuser roles swept: {len(allowed)} given by the District Admin, {len(refused)} refused ({len(roles)} roles)")
	assert sorted(allowed) == sorted(campaign_roles()) and "System Manager" in refused
	# nobody else of the campaign creates accounts
	for key in ("unit", "sec", "leader"):
		r = Rest(users[key]).post(USERS, {"email": f"ux-{uid()}@test.local", "first_name": "越权", "send_welcome_email": 0})
		assert r.status_code == 403, (key, r.status_code)


def test_password_reset_disable_and_the_limits_of_the_district_admin():
	users = role_users(district="District Admin", sec="Organization Secretary")
	manager = f"sm-{uid()}@test.local"
	frappe.get_doc({"doctype": "User", "email": manager, "first_name": "系统管理员", "send_welcome_email": 0,
		"roles": [{"role": "System Manager"}]}).insert()
	frappe.db.commit()
	api = Rest(users["district"])
	# a forgotten password, reset by the district
	r = api.put(f"{USERS}/{users['sec']}", {"new_password": "Chenghua#2012reset"})
	assert r.status_code == 200, message(r)
	assert login(users["sec"], "Chenghua#2012reset") == 200
	# a secretary who left: disabled, cannot log in
	r = api.put(f"{USERS}/{users['sec']}", {"enabled": 0})
	assert r.status_code == 200, message(r)
	assert login(users["sec"], "Chenghua#2012reset") != 200
	# a System Manager's account and Administrator's are not the district's
	for target in (manager, "Administrator"):
		r = api.put(f"{USERS}/{target}", {"new_password": "Chenghua#2012takeover"})
		assert r.status_code in (403, 404), (target, r.status_code)
	assert login(manager, "Chenghua#2012takeover") != 200
	# nor may the District Admin raise their own roles
	me = api.get(f"{USERS}/{users['district']}").json()["data"]
	me["roles"].append({"role": "System Manager"})
	r = api.put(f"{USERS}/{users['district']}", me)
	assert r.status_code == 403 and "不能修改自己的角色" in message(r), message(r)
	frappe.db.rollback()
	assert "System Manager" not in frappe.get_roles(users["district"])


def test_the_district_admin_imports_users_with_data_import():
	district = role_users(district="District Admin")["district"]
	frappe.db.commit()
	api = Rest(district)
	good, bad = f"imp-{uid()}@test.local", f"imp-{uid()}@test.local"
	_h, content = fill("users", [
		{"email": good, "first_name": "导入书记", "role": "Organization Secretary"},
		{"email": bad, "first_name": "想当管理员", "role": "System Manager"},
	])
	r = api.s.post(f"{BASE_URL}/api/method/upload_file", timeout=30, data={"is_private": 1},
		files={"file": ("用户导入.xlsx", content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")})
	assert r.status_code == 200, r.text
	r = api.post("/api/resource/Data Import", {"reference_doctype": "User", "import_type": "Insert New Records",
		"import_file": r.json()["message"]["file_url"]})
	assert r.status_code == 200, message(r)
	name = r.json()["data"]["name"]
	r = api.post("/api/method/frappe.core.doctype.data_import.data_import.form_start_import", {"data_import": name})
	assert r.status_code == 200, message(r)
	for _ in range(60):
		frappe.db.rollback()
		status = frappe.db.get_value("Data Import", name, "status")
		if status not in ("Pending", None):
			break
		time.sleep(1)
	assert status == "Partial Success", status
	assert "Organization Secretary" in frappe.get_roles(good)
	assert not frappe.db.exists("User", bad)
