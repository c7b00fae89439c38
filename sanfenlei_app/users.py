"""User administration by the district itself (District Admin), without a System Manager.

The District Admin creates the campaign's users, resets their passwords, disables them and
gives them the campaign's roles — the roles this app ships (sanfenlei_app/fixtures/role.json),
never Frappe's own (System Manager and the like).  Frappe's User form and Data Import do the
work (the DocType's permissions are extended in fixtures/custom_docperm.json); this module is
the boundary: ``guard_user_administration`` runs on every save of a User (desk, REST, import).
"""

import functools

import frappe
from frappe import _

# roles every user has or Frappe assigns by itself
AUTOMATIC_ROLES = {"All", "Guest", "Desk User"}
SUPER_ROLES = {"System Manager", "Administrator"}


@functools.cache
def campaign_roles():
	"""The roles the app ships (the Role fixture named in hooks.py): the only ones a District Admin
	may give. Returns a set of role names."""
	from sanfenlei_app.hooks import fixtures

	(role_names,) = [f["filters"][0][2] for f in fixtures if f["dt"] == "Role"]
	return set(role_names)


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


MODULE_PROFILE = "三分类三升级"


def ensure_module_profile():
	"""after_install / after_migrate: the Module Profile 三分类三升级, blocking every module but
	the campaign's (Frappe's own 用户, 网站, 工具, 集成, 开发 workspaces are then not in a
	campaign user's sidebar), given to every account that holds campaign roles and no System
	Manager. Module blocking hides workspaces; what a user may read stays the DocTypes'
	permissions. Returns how many accounts were given the profile."""
	modules = frappe.get_all("Module Def", pluck="name")
	blocked = sorted(m for m in modules if m != "Sanfenlei App")
	if frappe.db.exists("Module Profile", MODULE_PROFILE):
		profile = frappe.get_doc("Module Profile", MODULE_PROFILE)
	else:
		profile = frappe.new_doc("Module Profile")
		profile.module_profile_name = MODULE_PROFILE
	if sorted(d.module for d in profile.block_modules) != blocked:
		profile.set("block_modules", [{"module": m} for m in blocked])
		profile.flags.ignore_permissions = True
		profile.save()
	given = 0
	for name in campaign_accounts():
		user = frappe.get_doc("User", name)
		if user.module_profile != MODULE_PROFILE or len(user.block_modules) != len(blocked):
			user.module_profile = MODULE_PROFILE
			user.flags.ignore_permissions = True
			user.save()
			given += 1
	return given


def campaign_accounts():
	"""Accounts holding a campaign role and neither System Manager nor Administrator."""
	holders = set(frappe.get_all("Has Role", filters={"role": ["in", list(campaign_roles())], "parenttype": "User"},
		pluck="parent"))
	supers = set(frappe.get_all("Has Role", filters={"role": ["in", list(SUPER_ROLES)], "parenttype": "User"},
		pluck="parent"))
	return sorted(holders - supers - {"Administrator", "Guest"})


def confine_modules(user, method=None):
	"""User.before_validate: an account with a campaign role and no System Manager gets the
	Module Profile 三分类三升级 (Frappe copies its blocked modules on validate)."""
	roles = {r.role for r in user.get("roles", [])}
	if roles & campaign_roles() and not roles & SUPER_ROLES and user.name not in ("Administrator", "Guest") \
			and frappe.db.exists("Module Profile", MODULE_PROFILE):
		user.module_profile = MODULE_PROFILE


# a leader watches: reads everything of the district, writes nothing, comments included
READ_ONLY_ROLES = {"Campaign Leader"}


def is_read_only(user=None):
	"""Whether the account holds only read-only campaign roles (领导: Campaign Leader): no other
	campaign role and no System Manager. Returns a bool."""
	roles = set(frappe.get_roles(user or frappe.session.user))
	return bool(roles & READ_ONLY_ROLES) and not (roles & (campaign_roles() - READ_ONLY_ROLES)) \
		and not (roles & SUPER_ROLES)


def refuse_read_only_comments(comment, method=None):
	"""Comment.before_insert: a read-only account (a leader) comments on nothing (Frappe lets anyone
	who may read a document comment on it; a like or an attachment leaves a Comment too). Raises
	PermissionError."""
	if not is_read_only():
		return
	frappe.throw(_("领导账号只能查看，不能发表评论"), frappe.PermissionError)


# What Frappe itself writes while anyone reads (logs, the user's own settings): allowed a leader.
READ_ONLY_MAY_WRITE = {"Access Log", "Activity Log", "View Log", "Route History", "Error Log", "Notification Log",
	"Version", "Email Queue", "Email Queue Recipient", "Energy Point Log", "Prepared Report"}
OWN_RECORDS = {"User", "Notification Settings", "Dashboard Settings"}


def refuse_read_only_writes(doc, method=None):
	"""Every DocType's before_validate and on_trash: a read-only account (a leader) creates,
	changes and deletes nothing — not the campaign's documents (their permissions say so) and not
	what Frappe lets any desk user make (an assignment's ToDo, an attached file, a note, an event,
	a saved report, a kanban board, a contact). Frappe's own logs and the account's own settings
	are allowed. Raises PermissionError."""
	if frappe.flags.in_install or frappe.flags.in_migrate or doc.doctype in READ_ONLY_MAY_WRITE:
		return
	if not is_read_only():
		return
	if doc.doctype in OWN_RECORDS and frappe.session.user in (doc.name, doc.get("owner"), doc.get("user")):
		return
	frappe.throw(_("领导账号只能查看，不能新建、修改或删除{0}").format(_(doc.doctype)), frappe.PermissionError)
