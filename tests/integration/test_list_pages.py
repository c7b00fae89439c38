"""The desk's list reports (附件3, 附件5, the ledger) a page of organisations at a time, in tree
order: the pages together hold every row of the whole list exactly once, the line above says which
page of how many, a page past the end shows the last, and the Excel export stays whole."""

import frappe

from sanfenlei_app import annexes, reports
from sanfenlei_app.sanfenlei_app.report.classification_ledger import classification_ledger as ledger

from .test_rates_report import graded
from .test_status_survey import year


def test_the_pages_of_a_list_hold_every_row_once(tree, monkeypatch):
	street = tree.street(tree.district(), "翻页街道")
	orgs = [tree.org(f"翻页社区{i}", "Grassroots", street.name, domain="Community").name for i in range(5)]
	sites = [tree.org(f"翻页站点{i}", "Grassroots", street.name, domain="Remote Education Site").name for i in range(2)]
	for org in orgs + sites:
		graded(org, "Initial", "Ordinary", 3)
	monkeypatch.setattr(reports, "PAGE_SIZE", 2)
	f = {"campaign_year": year(), "reporting_unit": street.name}
	whole = sorted(r.organization for r in ledger.rows(frappe._dict(f)))
	assert whole == sorted(orgs + sites)
	seen, messages = [], []
	for page in range(1, 6):
		_cols, rows, message = ledger.execute(dict(f, page=page))
		seen += [r.organization for r in rows]
		messages.append(message)
	# 8 organisations in scope (the street and its 7) on 4 pages of 2; page 5 is the last again
	assert sorted(seen[:len(whole)]) == whole and len(set(seen[:len(whole)])) == len(whole), seen
	assert messages[0].startswith("第1/4页") and messages[3].startswith("第4/4页") and messages[4] == messages[3]
	# 附件3: the same pages, its rows (headings aside) the whole annex's, which the Excel export writes
	full = [r["organization"] for r in annexes.report_rows("annex3", annexes.normalize(dict(f))) if not r.get("is_heading")]
	paged = []
	for page in range(1, 5):
		_c, rows, message, *_rest = annexes.execute_report("annex3", dict(f, page=page))
		paged += [r["organization"] for r in rows if not r.get("is_heading")]
	assert sorted(paged) == sorted(full) == sorted(orgs), (paged, full)
	print(f"\npages: ledger {len(whole)} rows on 4 pages, 附件3 {len(full)} rows; “{messages[0]}”")
	frappe.db.rollback()
