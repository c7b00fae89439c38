"""Fingerprints of a site's campaign data, to compare two sites (scripts/check_backup_restore.sh).

    scripts/site/in_site.py --site S checks.fingerprint   (scripts/check_backup_restore.sh)

returns {what: [count, sha1]} for every document of the app's DocTypes (name, modified and every
field) and for the rows of each report and annex of the current campaign year."""

import hashlib
import json

import frappe

from sanfenlei_app.sanfenlei_app.doctype.campaign_year.campaign_year import get_current_year

REPORTS = ("Annex 3 Classification List", "Annex 4 Classification Summary", "Annex 5 Remote Site List",
	"Annex 6 Remote Site Summary", "Classification Ledger", "Upgrade Rate Statistics")


def _digest(rows):
	h = hashlib.sha1()
	for r in rows:
		h.update(json.dumps(r, sort_keys=True, default=str, ensure_ascii=False).encode())
	return [len(rows), h.hexdigest()[:16]]


def fingerprint():
	frappe.set_user("Administrator")
	# in the site's language as its data holds it (System Settings), not the site config's: a site
	# restored from a backup has the data, not the configuration
	frappe.local.lang = frappe.db.get_default("lang") or "en"
	out = {}
	for dt in frappe.get_all("DocType", filters={"module": "Sanfenlei App"}, pluck="name", order_by="name"):
		meta = frappe.get_meta(dt)
		if meta.issingle:
			continue
		rows = frappe.db.sql(f"select * from `tab{dt}` order by name", as_dict=True)
		out[f"DocType {dt}"] = _digest(rows)
	year = get_current_year()
	for name in REPORTS:
		module = frappe.get_module(f"sanfenlei_app.sanfenlei_app.report.{frappe.scrub(name)}.{frappe.scrub(name)}")
		rows = module.execute(frappe._dict(campaign_year=year, group_by="Reporting Unit"))[1]
		out[f"Report {name}"] = _digest(rows)
	return out
