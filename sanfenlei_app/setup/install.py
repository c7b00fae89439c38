"""Install and migrate hooks (hooks.py: after_install, after_migrate).

The app's records are synced by Frappe itself: the module folder's DocTypes, Reports, Print
Formats, Web Forms, Notifications, Workspaces, Number Cards and Dashboard Charts, and the
fixtures (roles, workflows, their states and actions, Custom DocPerms) named in hooks.py.
What is set here is not a record of the app: settings, indexes, list settings, defaults.
"""

import frappe


def after_install():
	from sanfenlei_app.users import ensure_module_profile

	ensure_module_profile()
	configure_printing()
	from sanfenlei_app.setup.standards import install_default_standards

	install_default_standards()
	frappe.db.commit()


def after_migrate():
	sync_reminder_channel()
	from sanfenlei_app.users import ensure_module_profile

	ensure_module_profile()
	ensure_list_view_settings()
	configure_printing()
	ensure_indexes()
	from sanfenlei_app.reports import keep_reports_interactive

	keep_reports_interactive()
	from sanfenlei_app.permissions import resync_all
	from sanfenlei_app.setup.standards import install_default_standards

	install_default_standards()
	resync_all()
	frappe.db.commit()


# System Settings for a government system (等保2.0 / MLPS 2.0 expects them): no tracebacks to users,
# a password policy, lock-out after repeated failed logins, sessions that expire, password
# renewal, and a week of daily backups (sanfenlei_app.backups, run by the scheduler).
HARDENING = {
	"allow_error_traceback": 0,
	"enable_password_policy": 1,
	"minimum_password_score": "3",
	"allow_consecutive_login_attempts": 5,
	"allow_login_after_fail": 600,  # seconds locked out after five failed logins
	"session_expiry": "08:00",
	"force_user_to_reset_password": 90,  # days
	"logout_on_password_reset": 1,
	"backup_limit": 7,
}


def configure_site(language="zh", time_zone="Asia/Shanghai"):
	"""Language, time zone (the site's and Administrator's), hardened System Settings and a
	finished setup wizard, so /app opens on the desk in Chinese."""
	settings = frappe.get_single("System Settings")
	settings.language = language
	settings.time_zone = time_zone
	settings.update(HARDENING)
	if frappe.db.exists("Country", "China"):
		settings.country = "China"
	settings.date_format = "yyyy-mm-dd"
	settings.first_day_of_the_week = "Monday"
	settings.setup_complete = 1
	settings.flags.ignore_mandatory = True
	settings.save(ignore_permissions=True)
	frappe.db.set_value("User", "Administrator", {"language": language, "time_zone": time_zone}, update_modified=False)
	# retention: the newest `backup_limit` database dumps, and no backup file older than a week and a half-day
	from frappe.installer import update_site_config

	update_site_config("keep_backups_for_hours", 7 * 24 + 12)
	# a visitor's pages (login, 公示) in the site's language: Frappe sets a guest's language before
	# it knows the visitor is a guest, so it takes the site config's `lang`, not System Settings
	update_site_config("lang", language)
	frappe.db.set_default("desktop:home_page", "workspace")
	website = frappe.get_single("Website Settings")
	website.app_name = website.app_name if website.app_name not in (None, "", "Frappe") else "三分类三升级"
	website.brand_html = website.brand_html or "三分类三升级"
	website.home_page = website.home_page or "sanfenlei"
	website.footer_powered = "成华区委组织部 · 三分类三升级"
	website.flags.ignore_mandatory = True
	website.save(ignore_permissions=True)
	frappe.db.commit()
	frappe.clear_cache()


def configure_outgoing_mail(server, port=25, email_id=None, login=None, password=None, use_tls=0):
	"""The site's outgoing mail account (reminders go out as e-mail as well as notifications):
	creates or updates the default outgoing Email Account.  Frappe checks the connection when
	it is saved, so the SMTP server must be reachable.  Returns the account's name."""
	name = "三分类三升级通知"
	account = frappe.get_doc("Email Account", name) if frappe.db.exists("Email Account", name) else frappe.new_doc("Email Account")
	account.update({
		"email_account_name": name, "email_id": email_id or f"noreply@{frappe.local.site}",
		"enable_outgoing": 1, "default_outgoing": 1, "enable_incoming": 0,
		"smtp_server": server, "smtp_port": int(port), "use_tls": int(use_tls),
		"login_id": login or None, "no_smtp_authentication": 0 if login else 1,
		"always_use_account_email_id_as_sender": 1, "always_use_account_name_as_sender_name": 1,
	})
	if password:
		account.password = password
	account.flags.ignore_permissions = True
	account.save()  # its on_update hook switches the reminders to e-mail (sync_reminder_channel)
	frappe.db.commit()
	return account.name


REMINDERS = ("Sheet Deadline Reminder", "Milestone Due Reminder", "Supervision Note Notice")


def sync_reminder_channel(doc=None, method=None):
	"""The reminders go out as e-mail and as system notifications when the site has a default
	outgoing mail account, as system notifications alone when it has none (Frappe sends a
	notification's e-mail first and would then send nothing at all).  Run after every change
	of an Email Account (hooks.py) and after migrate."""
	has_outbox = bool(frappe.db.exists("Email Account", {"enable_outgoing": 1, "default_outgoing": 1}))
	for name in REMINDERS:
		if frappe.db.exists("Notification", name):
			frappe.db.set_value("Notification", name,
				{"channel": "Email" if has_outbox else "System Notification", "send_system_notification": int(has_outbox)},
				update_modified=False)


# Lists that show more than Frappe's default four columns on a 1366 px screen (List View
# Settings, which a System Manager may change later): the sheets' phase, score, grade and stars.
LIST_COLUMNS = {"Assessment Sheet": 7}


def ensure_list_view_settings():
	"""after_migrate: List View Settings of the campaign's lists, created when missing."""
	for doctype, total in LIST_COLUMNS.items():
		if not frappe.db.exists("List View Settings", doctype):
			frappe.get_doc({"doctype": "List View Settings", "name": doctype, "total_fields": total}).insert(
				ignore_permissions=True)


# Print Settings: the annexes are A4, and a revoked (cancelled) document is printed too — a
# department files the revoked version with its 撤销理由 beside its amendment.
PRINTING = {"pdf_page_size": "A4", "allow_print_for_cancelled": 1, "allow_print_for_draft": 1}


def configure_printing():
	"""after_install / after_migrate: Print Settings as PRINTING says (changed only when they differ)."""
	settings = frappe.get_single("Print Settings")
	if any(settings.get(k) != v for k, v in PRINTING.items()):
		settings.update(PRINTING)
		settings.flags.ignore_permissions = True
		settings.save()


def ensure_indexes():
	"""after_migrate: every campaign DocType's indexes (its controller's on_doctype_update, which
	Frappe runs only when the DocType's JSON changes), so a site gets an index added in code at its
	next migrate. Adding an index that exists does nothing."""
	for doctype in frappe.get_all("DocType", filters={"module": "Sanfenlei App", "custom": 0}, pluck="name"):
		module = frappe.get_module(f"sanfenlei_app.sanfenlei_app.doctype.{frappe.scrub(doctype)}.{frappe.scrub(doctype)}")
		hook = getattr(module, "on_doctype_update", None)
		if hook:
			hook()
