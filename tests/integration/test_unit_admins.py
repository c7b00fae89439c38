"""A reporting unit with organisations to grade and no administrator is flagged to the district:
the number card counts it, the daily event tells every District Admin, and a sheet waiting at
上级评定 says who is missing instead of naming nobody."""

import frappe

from sanfenlei_app import dashboard, portal

from .conftest import Rest, role_users
from .test_review import create_sheet, walk_to_superior


def test_a_unit_without_administrator_is_flagged(tree):
	d = tree.district()
	staffed, unstaffed, empty = tree.street(d, "有管理员街道"), tree.street(d, "无管理员街道"), tree.system(d, "无下级系统")
	users = role_users(unit="Reporting Unit Admin", district="District Admin", sec="Organization Secretary")
	tree.admin(staffed, users["unit"])
	tree.org("有人管社区", "Grassroots", staffed.name, domain="Community")
	org = tree.org("没人管社区", "Grassroots", unstaffed.name, domain="Community", secretary_user=users["sec"])
	frappe.db.commit()

	flagged = dashboard.units_without_admin()
	assert unstaffed.name in flagged and staffed.name not in flagged and empty.name not in flagged
	district = Rest(users["district"])
	r = district.post("/api/method/sanfenlei_app.dashboard.units_without_admin_count", {})
	assert r.status_code == 200 and r.json()["message"]["value"] >= 1
	# the unit admin of another street sees none of it
	r = Rest(users["unit"]).post("/api/method/sanfenlei_app.dashboard.units_without_admin_count", {})
	assert r.status_code == 200 and r.json()["message"]["value"] == 0

	# the daily event tells the District Admins
	frappe.db.delete("Notification Log", {"for_user": users["district"]})
	dashboard.notify_units_without_admin()
	frappe.db.commit()
	subjects = frappe.get_all("Notification Log", filters={"for_user": users["district"]}, pluck="subject")
	# the number of such units, and the first of them by name (this site holds many test districts)
	assert any(s.startswith(f"{len(flagged)}个上报单位还没有单位管理员") and flagged[0] in s for s in subjects), subjects

	# a sheet of that unit at 上级评定 says who is missing
	line = frappe._dict(api={"sec": Rest(users["sec"])})
	name = create_sheet(line, org)["name"]
	walk_to_superior(line, name)
	frappe.db.rollback()  # see what the server committed
	frappe.set_user(users["sec"])
	try:
		view = portal.sheet_view(name)
	finally:
		frappe.set_user("Administrator")
	assert view["acting"] == f"{unstaffed.name}暂无单位管理员（已提醒区委组织部指定）", view["acting"]
