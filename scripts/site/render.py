"""What the README's pictures are made from (scripts/render_annexes.sh turns them into PNGs): the
annexes 附件3–6 as workbooks (save_annexes), PDFs of the app's print formats for one example
document each and the official-format Excel exports that are not annexes (升级率统计表,
年度工作总结附表) (save_prints)."""

import os

import frappe

from sanfenlei_app.setup.demo_sheets import EXAMPLE_ORG

PRINTS = (  # (file stem, DocType, print format, filters picking the example)
	("annex2", "Assessment Sheet", "附件2 分类定级申报表", {"organization": EXAMPLE_ORG, "phase": "Initial"}),
	("letter", "Upgrade Plan", "目标责任书", {"organization": EXAMPLE_ORG}),
	("annex7", "Organization Commitment", "附件7 公开承诺书", {"organization": EXAMPLE_ORG}),
	("annex8", "Member Commitment", "附件8 党员公开承诺书", {"organization": EXAMPLE_ORG}),
	("summary", "Annual Summary", "年度工作总结", {}),
	("report", "Survey Special Report", "专题报告", {}),
)


def save_prints(folder):
	os.makedirs(folder, exist_ok=True)
	frappe.local.lang = frappe.db.get_single_value("System Settings", "language") or "zh"
	written = []
	for stem, doctype, print_format, filters in PRINTS:
		name = frappe.db.get_value(doctype, filters, "name")
		if not name:
			continue
		html = frappe.get_print(doctype, name, print_format=print_format)
		with open(os.path.join(folder, f"print-{stem}.pdf"), "wb") as f:
			f.write(frappe.utils.pdf.get_pdf(html))
		written.append(stem)
	from sanfenlei_app import excel
	from sanfenlei_app.sanfenlei_app.doctype.campaign_year.campaign_year import get_current_year

	# the rates of the latest year with year-end results (before December every rate is 待年终验收)
	finished = frappe.db.get_value("Assessment Sheet", {"phase": "Year End", "docstatus": 1}, "campaign_year",
		order_by="campaign_year desc")
	exports = {"rates": excel.build_rates_workbook({"campaign_year": finished or get_current_year(), "group_by": "Domain"})}
	summary = frappe.db.get_value("Annual Summary", {"docstatus": ["<", 2]}, "name", order_by="docstatus desc")
	if summary:
		doc = frappe.get_doc("Annual Summary", summary)
		if doc.docstatus == 0:  # a draft's figures as the ledger has them now (not saved)
			doc.fill_figures()
		exports["summary-tables"] = excel.build_annual_summary_workbook(doc)
	for stem, content in exports.items():
		with open(os.path.join(folder, f"{stem}.xlsx"), "wb") as f:
			f.write(content)
		written.append(stem)
	return written


def save_annexes(folder, campaign_year=None, phase="Initial", reporting_unit=None):
	"""Write annex3.xlsx … annex6.xlsx and annexes.xlsx into ``folder`` (scripts/render_annexes.sh).
	Returns the file names."""
	from sanfenlei_app import annexes
	from sanfenlei_app.excel import build_workbook

	os.makedirs(folder, exist_ok=True)
	filters = dict(campaign_year=campaign_year, phase=phase, reporting_unit=reporting_unit)
	for key in annexes.ANNEXES:
		with open(os.path.join(folder, f"{key}.xlsx"), "wb") as f:
			f.write(build_workbook([key], filters))
	with open(os.path.join(folder, "annexes.xlsx"), "wb") as f:
		f.write(build_workbook(list(annexes.ANNEXES), filters))
	return sorted(os.listdir(folder))
