"""The PDFs a department files are searchable and complete: every print format of the app, rendered
to PDF the way Frappe serves 打印（PDF）, has a text layer of the real characters — the organisation's
full name is found by a text search (pdftotext, poppler-utils), and no look-alike radical (⼯ for 工, ⼀
for 一) stands in for a character; 附件2 of a walked sheet shows the superior's decision with its reason,
the district's opinion, who gave each and when, and the secretary who confirmed it."""

import re
import subprocess

import frappe

from .conftest import make_user, uid
from .test_grading import new_sheet
from .test_status_survey import year

# CJK Radicals Supplement and Kangxi Radicals: what a renderer writes when it maps a glyph back to the
# wrong code point
RADICALS = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")


def pdf_text(pdf):
	return subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def test_every_print_format_is_searchable_text_in_its_pdf(tree):
	street = tree.street(tree.district(), "工作委员会")
	org = tree.org("工业一社区", "Grassroots", street.name, domain="Community", secretary_name="王书记")
	year()
	sheet = new_sheet(org.name)
	# walked: the secretary who confirmed is not the stored secretary name; the street decided, the district approved
	confirming = make_user(f"pt-sec-{uid()}@test.local", ["Organization Secretary"], "李书记")
	sheet.db_set({"decided_grade": "Ordinary", "decided_stars": 2, "docstatus": 1, "workflow_state": "Graded",
		"decision_reason": "工作基础较好，群众满意度高", "district_opinion": "同意街道评定意见",
		"secretary_confirmed_by": confirming, "secretary_confirmed_on": f"{year()}-04-10 09:00:00"})
	for from_state, to_state, who, at in (("Superior Decision", "District Review", "街道审核人甲", f"{year()}-04-12 10:00:00"),
			("District Review", "Graded", "区委审核人乙", f"{year()}-04-16 15:00:00")):
		sheet.append("steps", {"from_state": from_state, "to_state": to_state, "user": "Administrator", "user_name": who, "at": at})
		sheet.steps[-1].db_insert()
	member = make_user(f"pt-{uid()}@test.local", ["Party Member"], "工党员")
	docs = {
		"Assessment Sheet": sheet.name,
		"Upgrade Plan": frappe.get_doc({"doctype": "Upgrade Plan", "organization": org.name, "campaign_year": year(),
			"target_grade": "Advanced", "target_stars": 4, "rectification_measures": "开展党员设岗定责工作",
			"upgrade_deadline": f"{year()}-11-30"}).insert().name,
		"Organization Commitment": frappe.get_doc({"doctype": "Organization Commitment", "organization": org.name,
			"campaign_year": year(), "commitments": "一、每月开展主题党日，做好群众工作"}).insert().name,
		"Member Commitment": frappe.get_doc({"doctype": "Member Commitment", "organization": org.name,
			"campaign_year": year(), "member_name": "工党员", "member_user": member,
			"commitments": "一、带头做好联系群众工作"}).insert().name,
		"Annual Summary": frappe.get_doc({"doctype": "Annual Summary", "reporting_unit": street.name,
			"campaign_year": year()}).insert().name,
		"Survey Special Report": frappe.get_doc({"doctype": "Survey Special Report", "reporting_unit": street.name,
			"campaign_year": year()}).insert().name,
	}
	formats = frappe.get_all("Print Format", filters={"module": "Sanfenlei App"}, fields=["name", "doc_type"])
	covered = []
	for pf in formats:
		pdf = frappe.get_print(pf.doc_type, docs[pf.doc_type], print_format=pf.name, as_pdf=True)
		text = pdf_text(pdf)
		flat = re.sub(r"\s+", "", text)
		look_alikes = sorted(set(RADICALS.findall(text)))
		assert not look_alikes, f"{pf.name}: radicals in the text layer {look_alikes}: {flat[:200]}"
		name = street.name if pf.doc_type in ("Annual Summary", "Survey Special Report") else org.name
		assert name in flat, f"{pf.name}: “{name}” not found by a text search: {flat[:300]}"
		if pf.doc_type == "Assessment Sheet":  # every recorded opinion, decision and signature, with who and when
			for found in ("评定为“一般”，二星级。工作基础较好，群众满意度高", "街道审核人甲", "04月12日", "同意街道评定意见",
					"区委审核人乙", "04月16日", "书记（签名）：李书记", "04月10日本人确认"):
				assert found in flat, f"附件2: “{found}” missing: {flat[-400:]}"
			assert "王书记" not in flat  # the stored name is not who confirmed
		covered.append(pf.name)
	print("\nsearchable PDFs:", covered)
	assert len(covered) == len(formats) >= 6
	frappe.db.rollback()
