"""User administration by the district itself (District Admin), without a System Manager.

The District Admin creates the campaign's users, resets their passwords, disables them and
gives them the campaign's roles — the roles this app ships (sanfenlei_app/fixtures/role.json),
never Frappe's own (System Manager and the like).  Frappe's User form and Data Import do the
work (the DocType's permissions are extended in fixtures/custom_docperm.json); this module is
the boundary: ``guard_user_administration`` runs on every save of a User (desk, REST, import).
"""

import functools
import json
import os

import frappe
from frappe import _

# roles every user has or Frappe assigns by itself
AUTOMATIC_ROLES = {"All", "Guest", "Desk User"}
SUPER_ROLES = {"System Manager", "Administrator"}


@functools.cache
def campaign_roles():
	"""The roles the app ships (its fixtures): the only ones a District Admin may give."""
	path = os.path.join(os.path.dirname(__file__), "sanfenlei_app", "fixtures", "role.json")
	with open(path, encoding="utf-8") as f:
		return {r["role_name"] for r in json.load(f)}


def guard_user_administration(user, method=None):
	"""User.validate: a user without System Manager (a District Admin) may create and change
	only accounts that hold nothing but the campaign's roles, and give only those roles.
	Raises PermissionError with a Chinese message otherwise (whatever the path: desk form, REST,
	Data Import).  A user editing their own profile may not change their own roles."""
	session_roles = set(frappe.get_roles())
	if frappe.session.user == "Administrator" or session_roles & SUPER_ROLES or frappe.flags.in_install \
			or frappe.flags.in_migrate or frappe.flags.in_setup_wizard:
		return
	allowed = campaign_roles() | AUTOMATIC_ROLES
	new_roles = {r.role for r in user.get("roles", [])}
	old_roles = set() if user.is_new() else set(frappe.get_roles(user.name))
	if user.name == frappe.session.user:
		if new_roles - AUTOMATIC_ROLES != old_roles - AUTOMATIC_ROLES:
			frappe.throw(_("不能修改自己的角色，请联系其他区委组织部管理员"), frappe.PermissionError)
		return
	if old_roles - allowed:
		frappe.throw(_("账号“{0}”由系统管理员管理，您不能修改").format(user.name), frappe.PermissionError)
	beyond = sorted(new_roles - allowed)
	if beyond:
		frappe.throw(_("只能授予三分类三升级的角色（{0}），不能授予：{1}").format(
			"、".join(_(r) for r in sorted(campaign_roles())), "、".join(_(r) for r in beyond)), frappe.PermissionError)


def switch_notification_settings(user, method=None):
	"""User.before_validate: disabling or enabling an account makes Frappe switch the account's
	notification settings, a document only its owner or a System Manager may save; for a
	District Admin they are switched here first, so that disabling a secretary who left is not
	refused.  (Whether the District Admin may change the account at all is
	``guard_user_administration``'s, in the same transaction.)"""
	if user.is_new() or not user.has_value_changed("enabled") or set(frappe.get_roles()) & SUPER_ROLES:
		return
	if frappe.db.exists("Notification Settings", user.name):
		settings = frappe.get_doc("Notification Settings", user.name)
		settings.enabled = user.enabled
		settings.flags.ignore_permissions = True
		settings.save()


@frappe.whitelist()
def get_all_roles():
	"""The roles the User form's role editor offers: for a District Admin only the campaign's
	(the only ones it may give), for a System Manager all of Frappe's.  Returns [role name]."""
	from frappe.core.doctype.user.user import get_all_roles as frappe_roles

	roles = frappe_roles()
	if set(frappe.get_roles()) & SUPER_ROLES:
		return roles
	return [r for r in roles if r in campaign_roles()]
