"""Daily backups kept by the scheduler (hooks.py, "daily_long").

Frappe's own backup (database and files, as `bench backup --with-files` makes) in the site's
private/backups folder; Frappe's hourly `delete_downloadable_backups` keeps the newest
System Settings `backup_limit` of them (7 by configure_site).
"""

import frappe


def daily_backup():
	"""Take one backup of the site; returns the database backup's path."""
	from frappe.utils.backups import new_backup

	backup = new_backup(ignore_files=False, force=True)
	return backup.backup_path_db
