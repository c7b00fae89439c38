"""The District Admin administers the campaign's users without a System Manager: creates them
with the campaign's roles (every other role refused, swept over all roles of the site), resets
a password, disables an account, imports users with their roles and assignments from the app's
template (导入用户) and with Frappe's Data Import — and cannot touch an account Frappe's
administrators hold nor raise their own roles."""

import time
import uuid

import frappe
import requests

from sanfenlei_app.users import AUTOMATIC_ROLES, campaign_roles

from .conftest import BASE_URL, SITE, Rest, make_user, message, role_users, uid
from .test_import import fill
from .test_org_import import upload

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
	content = data_import_file([[good, "导入书记", "Organization Secretary"], [bad, "想当管理员", "System Manager"]])
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


def data_import_file(rows):
	"""An .xlsx in Frappe Data Import's own layout for User (e-mail, first name, role)."""
	import io

	from frappe.core.doctype.data_import.exporter import Exporter
	from openpyxl import Workbook

	exporter = Exporter("User", export_fields={"User": ["email", "first_name"], "roles": ["role"]},
		export_data=False, file_type="Excel")
	wb = Workbook()
	wb.active.append(exporter.get_csv_array()[0])
	for row in rows:
		wb.active.append(row)
	out = io.BytesIO()
	wb.save(out)
	return out.getvalue()


IMPORT = "/api/method/sanfenlei_app.importing.import_file"


def test_the_district_admin_imports_users_with_roles_and_assignments(tree):
	"""导入用户 from the app's template over REST (the desk dialog's call): Chinese role words, a
	secretary assigned to an organisation named by its short name, a street's 单位管理员, an
	initial password the new account logs in with; bad rows reported by number, good rows in;
	the check imports nothing; and what each imported user then sees is their own subtree."""
	from sanfenlei_app.permissions import permitted_nodes

	d = tree.district()
	street = tree.street(d)
	community = tree.org("导入书记的社区", "Grassroots", street.name, domain="Community", short_name=f"DR{tree.tag}")
	other = tree.org("另一社区", "Grassroots", street.name, domain="Community")
	users = role_users(district="District Admin", leader="Campaign Leader", unit="Reporting Unit Admin")
	manager = make_user(f"sm-{uid()}@test.local", ["System Manager"])
	frappe.db.commit()
	api = Rest(users["district"])
	t = tree.tag
	sec, adm, lead = (f"{k}-{t}@test.local" for k in ("sec", "adm", "lead"))
	mobile = f"138{uuid.uuid4().int % 10**8:08d}"  # Frappe keeps mobile numbers unique
	rows = [
		{"email": sec, "full_name": "导入书记", "mobile_no": mobile, "secretary_of": f"DR{t}",
			"new_password": "Chengh#2012ua"},
		{"email": adm, "full_name": "导入街道管理员", "admin_of": street.name},
		{"email": f"bad-{t}@test.local", "full_name": "想当管理员", "roles": "系统管理员"},
		{"email": lead, "full_name": "导入领导", "roles": "部门领导、评议部门"},
		{"email": f"unit-{t}@test.local", "full_name": "不是单位", "admin_of": other.name},
		{"email": manager, "full_name": "系统管理员", "roles": "部门领导"},
		{"email": users["leader"], "roles": "评议部门"},
		{"email": f"weak-{t}@test.local", "full_name": "弱密码", "roles": "部门领导", "new_password": "short1"},
		{"email": users["district"].replace("district", "x-district"), "full_name": "看全区", "roles": "部门领导",
			"secretary_of": f"DR{t}"},
	]
	_h, content = fill("users", rows)

	def run(dry_run):
		r = api.post(IMPORT, {"kind": "users", "file_url": upload(api, content, "用户导入.xlsx"), "dry_run": dry_run})
		assert r.status_code == 200, message(r)
		frappe.db.rollback()
		return r.json()["message"]

	check = run(1)
	assert check["rows"] == 9 and check["imported"] == 4 and check["dry_run"], check
	assert not frappe.db.exists("User", sec)  # the check imported nothing
	done = run(0)
	reasons = {e["row"]: e["reason"] for e in done["errors"]}
	print("导入用户：", done)
	assert done["imported"] == 4 and sorted(reasons) == [4, 6, 7, 9, 10], done
	assert reasons[9].startswith("初始密码太简单：")  # Frappe's own check says nothing for this one
	assert "看全区的账号不能兼任书记或单位管理员" in reasons[10]
	assert reasons[4].startswith("“系统管理员”不是可选的值（可填写：")
	assert reasons[6] == f"“{other.name}”不是上报单位（街道党工委、系统党委或区直机关工委），不能指定单位管理员"
	assert "由系统管理员管理" in reasons[7]  # a System Manager's account is not the district's
	assert set(frappe.get_roles(sec)) & campaign_roles() == {"Organization Secretary"}
	assert frappe.db.get_value("Party Organization", community.name, ["secretary_user", "secretary_name",
		"secretary_phone"]) == (sec, "导入书记", mobile)
	assert set(frappe.get_roles(adm)) & campaign_roles() == {"Reporting Unit Admin"}
	assert adm in [r.user for r in frappe.get_doc("Party Organization", street.name).unit_admins]
	assert set(frappe.get_roles(lead)) & campaign_roles() == {"Campaign Leader", "Evaluation Department"}
	assert "Evaluation Department" in frappe.get_roles(users["leader"])  # an existing account got the role
	assert "Campaign Leader" not in frappe.get_roles(manager)
	# the assignments confine them: the secretary to its organisation, the administrator to its street
	frappe.local.sanfenlei_nodes = {}
	assert permitted_nodes(sec) == [community.name] and permitted_nodes(adm) == [street.name]
	assert login(sec, "Chengh#2012ua") == 200  # the initial password works
	seen = Rest(sec, "Chengh#2012ua").get("/api/resource/Party Organization", limit_page_length=100).json()["data"]
	assert [o["name"] for o in seen] == [community.name]

	# whoever may not create users may not import them, nor download the template
	for key in ("leader", "unit"):
		their = Rest(users[key])
		r = their.post(IMPORT, {"kind": "users", "file_url": upload(their, content), "dry_run": 1})
		assert r.status_code == 403 and "您无权导入用户" in message(r), (key, r.status_code, message(r))
		r = their.get("/api/method/sanfenlei_app.importing.download_import_template", kind="users")
		assert r.status_code == 403, (key, r.status_code)
