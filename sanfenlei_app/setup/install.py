"""Install and migrate hooks.

What Frappe syncs from a module folder by itself (DocTypes, Reports, Print Formats, Web
Forms, Workspaces, Notifications) needs nothing here.  Roles, Workflow States, Workflow
Action Masters and Workflows live as JSON in the module's ``fixtures/`` and ``workflow/``
folders and are imported with Frappe's fixture importer, in that order, on install and on
every migrate.
"""

import os

import frappe
from frappe.core.doctype.data_import.data_import import import_doc

MODULE_FOLDERS = ("fixtures", "workflow", "dashboard")


def module_path(*parts):
	return frappe.get_module_path("Sanfenlei App", *parts)


def sync_module_records():
	for folder in MODULE_FOLDERS:
		path = module_path(folder)
		if not os.path.isdir(path):
			continue
		for fname in sorted(os.listdir(path)):
			if fname.endswith(".json"):
				import_doc(os.path.join(path, fname))
	frappe.db.commit()


def after_install():
	sync_module_records()
	from sanfenlei_app.setup.standards import install_default_standards

	install_default_standards()
	frappe.db.commit()


def after_migrate():
	sync_module_records()
	from sanfenlei_app.permissions import resync_all
	from sanfenlei_app.setup.standards import install_default_standards

	install_default_standards()
	resync_all()
	frappe.db.commit()


def configure_site(language="zh", time_zone="Asia/Shanghai"):
	"""Language, time zone and a finished setup wizard, so /app opens on the desk in Chinese."""
	settings = frappe.get_single("System Settings")
	settings.language = language
	settings.time_zone = time_zone
	if frappe.db.exists("Country", "China"):
		settings.country = "China"
	settings.date_format = "yyyy-mm-dd"
	settings.first_day_of_the_week = "Monday"
	settings.setup_complete = 1
	settings.allow_error_traceback = 0  # users get the Chinese message, never a Python traceback
	settings.flags.ignore_mandatory = True
	settings.save(ignore_permissions=True)
	frappe.db.set_value("User", "Administrator", "language", language, update_modified=False)
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
