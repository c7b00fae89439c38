"""The PDFs a department files are searchable and complete: every print format of the app, rendered
to PDF the way Frappe serves 打印（PDF）, has a text layer of the real characters — the organisation's
full name is found by a text search (pdftotext, poppler-utils), and no look-alike radical (⼯ for 工, ⼀
for 一) stands in for a character; 附件2 of a walked sheet shows the superior's decision with its reason,
the district's opinion, who gave each and when, and the secretary who confirmed it; a walked sheet is
one page, a long one is cut into pages each under its header row, no row cut in two, the opinions,
signature and note kept together, and its evidence listed."""

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


def pdf_pages(pdf):
	"""The text of each page, whitespace removed (pdftotext's pages are split by form feeds)."""
	text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
	return [re.sub(r"\s+", "", page) for page in text.split("\f")[:-1]]


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
	# the other documents' signatures: who reviewed the plan, who confirmed the commitments, and when
	reviewer = make_user(f"pt-rev-{uid()}@test.local", ["Reporting Unit Admin"], "审核人丙")
	frappe.db.set_value("Upgrade Plan", docs["Upgrade Plan"], {"reviewed_by": reviewer,
		"reviewed_on": f"{year()}-04-20 10:00:00", "review_opinion": "同意该升级计划"})
	frappe.db.set_value("Organization Commitment", docs["Organization Commitment"], {"secretary_name": "王书记",
		"confirmed_by": confirming, "confirmed_on": f"{year()}-04-21 10:00:00"})
	frappe.db.set_value("Member Commitment", docs["Member Commitment"], {"confirmed": 1,
		"confirmed_on": f"{year()}-04-22 10:00:00"})
	frappe.get_doc({"doctype": "Commitment Rating", "organization": org.name, "campaign_year": year(),
		"meeting_date": f"{year()}-11-20", "members_satisfied": 7, "members_basic": 1, "masses_satisfied": 8,
		"masses_unsatisfied": 0, "remarks": "承诺事项均已兑现"}).insert()
	signed = {  # what each print shows of who signed, reviewed or submitted it, and when
		"Upgrade Plan": ["上级审核意见同意该升级计划（审核人丙，", "04月20日）"],
		"Organization Commitment": ["书记签名：李书记（", "04月21日本人确认）", "满意度100%。承诺事项均已兑现"],
		"Member Commitment": ["承诺人（本人签名）：工党员（", "04月22日本人确认）"],
		"Annual Summary": ["（草稿，尚未报送）"],
		"Survey Special Report": ["填报人：Administrator"],
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
			assert len(pdf_pages(pdf)) == 1, "附件2 of a walked sheet runs past one page"
		for found in signed.get(pf.doc_type, []):
			assert found in flat, f"{pf.name}: “{found}” missing: {flat[-300:]}"
		if pf.doc_type == "Organization Commitment":
			assert "王书记" not in flat  # the stored name is not who confirmed
		covered.append(pf.name)
	print("\nsearchable PDFs:", covered)
	assert len(covered) == len(formats) >= 6
	frappe.db.rollback()


def test_a_long_annex2_is_cut_into_pages_under_their_header_row(tree):
	org = tree.org("长表社区", "Grassroots", tree.street(tree.district(), "长表街道").name, domain="Community")
	year()
	sheet = new_sheet(org.name)
	for i in sheet.items:  # four reasons per item, each with its evidence file: far more than a page
		for k in range(4):
			evidence = frappe.get_doc({"doctype": "File", "file_name": f"证据{i.idx}号{k}.pdf", "is_private": 1,
				"content": f"%PDF-1.4 {i.idx} {k} {uid()}".encode()}).insert().file_url
			sheet.append("entries", {"item_no": i.idx, "points": 0, "evidence": evidence,
				"reason": f"标记{i.idx}甲{k}：组织生活会记录不全，三会一课落实不到位，党员发展程序不规范，需进一步整改标记{i.idx}乙{k}"})
	sheet.save()
	frappe.get_doc({"doctype": "File", "file_name": "支部会议记录.pdf", "attached_to_doctype": "Assessment Sheet",
		"attached_to_name": sheet.name, "is_private": 1, "content": b"%PDF-1.4 minutes"}).insert()
	pages = pdf_pages(frappe.get_print("Assessment Sheet", sheet.name, print_format="附件2 分类定级申报表", as_pdf=True))
	assert len(pages) >= 3, len(pages)
	header = ("序号", "类别", "评分要点", "分值", "扣分（加分）理由及佐证材料", "得分")  # words found only in the header row
	with_rows = [p for p in pages if "标记" in p]
	assert all(all(h in p for h in header) for p in with_rows), [p[:60] for p in with_rows]
	for i in sheet.items:  # a row stands whole on one page: its first and last words on the same page
		marks = [f"标记{i.idx}甲0", f"标记{i.idx}乙3", f"佐证：证据{i.idx}号3.pdf"]
		on = [n for n, p in enumerate(pages) for m in marks if m in p]
		assert len(on) == len(marks) and len(set(on)) == 1, f"item {i.idx} cut across pages {on}"
	last = pages[-1]
	assert "书记（签名）" in last and "注：" in last and "区委组织部审核意见" in last and "总分" in last
	assert "支部会议记录.pdf" in last and f"证据{sheet.items[-1].idx}号3.pdf（第{sheet.items[-1].idx}项）" in last
	print(f"\nlong 附件2: {len(sheet.items)} items, {len(sheet.entries)} reasons on {len(pages)} pages, "
		f"rows per page {[sum(1 for i in sheet.items if f'标记{i.idx}甲0' in p) for p in pages]}")
	frappe.db.rollback()


def test_every_recorded_opinion_is_printed_whatever_the_sheet(tree):
	"""A street committee's year-end sheet: the self-check, the appraisal meeting, the departments'
	opinions, each return with its reason and the person (not the login) who returned it, the
	district's approver by name; revoked, it still prints, marked so, with its reason; its
	amendment says what it corrects."""
	d = tree.district()
	street = tree.street(d, "意见街道")
	year()
	sheet = new_sheet(street.name, phase="Year End")
	returner = make_user(f"pt-ret-{uid()}@test.local", ["District Admin"], "退回人丁")
	sheet.db_set({"self_check_report": "对照年初目标逐项自查，完成情况良好", "appraisal_meeting_date": f"{year()}-12-05",
		"self_check_grade": "Advanced", "decided_grade": "Advanced", "decided_stars": 5, "workflow_state": "Department Opinions"})
	sheet.reload()
	frappe.get_doc({"doctype": "Evaluation Opinion", "sheet": sheet.name, "department": "Petition Bureau",
		"opinion": "全年无越级上访", "proposed_deduction": 0}).insert()
	for from_state, to_state, who, reason in (("District Review", "Superior Confirmation", returner, "满意度测评材料不全"),
			("District Review", "Confirmed", returner, None)):
		sheet.append("steps", {"from_state": from_state, "to_state": to_state, "user": who, "at": f"{year()}-12-20 10:00:00",
			"reason": reason})  # no stored name: the print finds the person's name
		sheet.steps[-1].db_insert()
	sheet.db_set({"docstatus": 1, "workflow_state": "Confirmed"})
	flat = re.sub(r"\s+", "", pdf_text(frappe.get_print("Assessment Sheet", sheet.name, print_format="附件2 分类定级申报表",
		as_pdf=True)))
	for found in ("自查报告对照年初目标逐项自查，完成情况良好", "考评会议", "12月05日召开，自查评定为“先进”", "部门意见",
			"信访局：全年无越级上访", "退回记录", "退回人丁退回：满意度测评材料不全", "区委组织部审核意见"):
		assert found in flat, f"“{found}” missing: {flat[-500:]}"
	assert "@test.local" not in flat and "群众初评" not in flat  # names, not logins; the year-end rows, not April's
	# revoked: printed all the same (Print Settings), marked, with its reason; the amendment names it
	sheet.db_set({"docstatus": 2, "workflow_state": "Grading Revoked", "cancel_reason": "测评票数统计有误"})
	flat = re.sub(r"\s+", "", pdf_text(frappe.get_print("Assessment Sheet", sheet.name, print_format="附件2 分类定级申报表",
		as_pdf=True)))
	assert "（已撤销）" in flat and "撤销理由：测评票数统计有误" in flat
	amended = frappe.copy_doc(frappe.get_doc("Assessment Sheet", sheet.name))
	amended.amended_from = sheet.name
	amended.docstatus = 0
	amended.insert()
	flat = re.sub(r"\s+", "", pdf_text(frappe.get_print("Assessment Sheet", amended.name, print_format="附件2 分类定级申报表",
		as_pdf=True)))
	assert f"本表更正已撤销的{sheet.name}（撤销理由：测评票数统计有误）" in flat and "（草稿）" in flat
	frappe.db.rollback()
