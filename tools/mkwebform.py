"""Developer helper: write the portal's Web Form JSON from the DocTypes' own fields.

    python tools/mkwebform.py

A web form lists fieldnames of its DocType (plus section breaks); labels, types, options
and dependencies are copied from the DocType, so the portal and the desk say the same.
"""

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
MODULE = os.path.join(os.path.dirname(HERE), "sanfenlei_app", "sanfenlei_app")
MODIFIED = "2026-11-29 21:45:00.000000"
COPY = ("fieldtype", "label", "options", "reqd", "read_only", "depends_on", "description", "mandatory_depends_on",
	"default")

FORMS = [
	dict(name="survey", title="组织现状调查表", doc_type="Status Survey",
		intro="请对照六个方面如实填写本党组织的现状；“否”或“基本是”须写明存在的问题。",
		fields=["organization", "campaign_year", "section_aspects",
			*[f"{a}_{k}" for a in ("org_setup", "leadership", "institutions", "affiliation", "funding", "role_played")
				for k in ("judgement", "problems")],
			"section_methods", "method_symposium", "method_home_visit", "method_questionnaire", "method_interview",
			"method_case_study", "method_mass_evaluation", "section_overall", "overall_evaluation", "surveyed_on",
			"surveyed_by"]),
	dict(name="sheet", title="分类定级申报表", doc_type="Assessment Sheet",
		intro="对照标准，每一处扣分或加分在“扣分、加分记录”中填一行：评分项目序号、分值、理由和佐证材料（每项扣完为止）；保存后可看到总分和评定依据。每个环节办完后，回到“我的待办”进入下一环节。",
		fields=["organization", "campaign_year", "phase", "total_score", "grade_label", "stars",
			"veto_applied", "explanation", "section_items", "items", "entries", "section_vetoes", "satisfaction", "vetoes",
			"section_plan", "upgrade_target", "rectification_measures", "upgrade_deadline", "contact_phone",
			"section_mass", "mass_meeting_date", "mass_attendance", "mass_grade",
			"section_member", "member_meeting_date", "member_attendance", "member_grade",
			"section_self", "self_grade", "self_basis",
			"section_ballot", "votes_for", "votes_against", "votes_abstain",
			"section_year_end", "self_check_report", "appraisal_meeting_date", "self_check_grade"],
		initial_only=("section_mass", "mass_meeting_date", "mass_attendance", "mass_grade", "section_member",
			"member_meeting_date", "member_attendance", "member_grade", "section_self", "self_grade", "self_basis",
			"section_ballot", "votes_for", "votes_against", "votes_abstain"),
		year_end_only=("section_year_end", "self_check_report", "appraisal_meeting_date", "self_check_grade")),
	dict(name="plan", title="争创目标和整改措施", doc_type="Upgrade Plan",
		intro="先进党组织重在巩固提高，一般党组织力争进入先进行列，后进党组织须提交整顿转化方案。措施不超过150字。",
		fields=["organization", "campaign_year", "start_grade", "start_stars", "due_date", "section_target", "target_grade",
			"target_stars", "target_honour", "upgrade_deadline", "section_measures", "rectification_measures", "plan_text",
			"review_opinion"]),
	dict(name="commitment", title="基层党组织公开承诺书", doc_type="Organization Commitment",
		intro="承诺书经书记确认后在门户网站公示，确认后不能再修改。",
		fields=["organization", "campaign_year", "section_commitments", "commitments"]),
	dict(name="cuoshi", title="升级措施", doc_type="Upgrade Milestone",
		intro="把争创目标的整改措施逐项列出：做什么、谁负责、什么时候完成。到期前一周会提醒书记。",
		fields=["organization", "campaign_year", "measure", "responsible", "due_date", "status"]),
	dict(name="jinzhan", title="报告措施进展", doc_type="Milestone Progress",
		intro="写明做了什么，可以用手机拍照上传佐证材料。选择“已完成”后，这项措施即标为已完成。",
		fields=["milestone", "reported_on", "status", "progress_report", "evidence"], max_attachment_size=10),
	dict(name="jiannuo", title="记录践诺情况", doc_type="Commitment Fulfilment",
		intro="承诺书公示后，随时记录为践行承诺做了什么，可以用手机拍照上传佐证材料。",
		fields=["commitment_type", "organization_commitment", "member_commitment", "commitment_item", "fulfilled_on",
			"what_done", "evidence"],
		max_attachment_size=10),
	dict(name="pingnuo", title="评诺·满意度测评", doc_type="Commitment Rating",
		intro="年底召开党员群众代表会议，对承诺践行情况和自查初评情况进行满意度测评，填写各档票数；满意度即年底验收申报表的满意度测评结果。",
		fields=["organization", "campaign_year", "meeting_date", "section_members", "members_satisfied", "members_basic",
			"members_unsatisfied", "column_break_m", "masses_satisfied", "masses_basic", "masses_unsatisfied",
			"section_result", "satisfaction", "remarks"]),
]


def build(spec):
	meta = json.load(open(os.path.join(MODULE, "doctype", spec["doc_type"].lower().replace(" ", "_"),
		spec["doc_type"].lower().replace(" ", "_") + ".json")))
	by_name = {f["fieldname"]: f for f in meta["fields"]}
	fields = []
	for name in spec["fields"]:
		src = by_name[name]
		f = {"fieldname": name, **{k: src[k] for k in COPY if k in src}}
		if name in spec.get("year_end_only", ()):
			f["depends_on"] = "eval:doc.phase=='Year End'"
		if name in spec.get("initial_only", ()):
			f["depends_on"] = "eval:doc.phase!='Year End'"
		if name in ("organization", "campaign_year", "phase"):
			f["reqd"] = 1
		fields.append(f)
	doc = {
		"doctype": "Web Form", "name": spec["name"], "route": spec["name"], "title": spec["title"],
		"doc_type": spec["doc_type"], "module": "Sanfenlei App", "is_standard": 1, "published": 1,
		"login_required": 1, "allow_edit": 1, "allow_multiple": 1, "allow_delete": 0, "allow_print": 1,
		"apply_document_permissions": 1, "show_list": 0, "show_sidebar": 0, "allow_comments": 0,
		"allow_incomplete": 0, "is_multi_step_form": 0, "anonymous": 0, "max_attachment_size": spec.get("max_attachment_size", 5),
		"success_url": "/sanfenlei", "success_title": "已保存", "success_message": "已保存。返回“我的待办”继续办理。",
		"button_label": "保存", "introduction_text": f"<p>{spec['intro']}</p>", "breadcrumbs": '[{"route": "sanfenlei", "label": "我的待办"}]',
		"web_form_fields": fields, "list_columns": [], "owner": "Administrator", "modified_by": "Administrator",
		"creation": "2026-11-28 11:00:00.000000", "modified": MODIFIED,
	}
	folder = os.path.join(MODULE, "web_form", spec["name"])
	os.makedirs(folder, exist_ok=True)
	open(os.path.join(folder, "__init__.py"), "a").close()
	with open(os.path.join(folder, spec["name"] + ".json"), "w") as f:
		json.dump(doc, f, ensure_ascii=False, indent=1, sort_keys=True)
		f.write("\n")
	with open(os.path.join(folder, spec["name"] + ".py"), "w") as f:
		f.write('"""Portal web form (generated by tools/mkwebform.py); see sanfenlei_app/portal.py."""\n\n'
			"from sanfenlei_app.portal import web_form_context\n\n\n"
			f'def get_context(context):\n\treturn web_form_context(context, "{spec["doc_type"]}")\n')
	with open(os.path.join(folder, spec["name"] + ".js"), "w") as f:
		f.write("// Chinese labels of the child tables, and the review step with its actions (public/js/portal.js)\n"
			"frappe._messages = Object.assign(frappe._messages || {}, {{ sanfenlei_messages }});\n"
			f'frappe.ready(() => window.sanfenlei_portal && sanfenlei_portal.web_form("{spec["doc_type"]}"));\n')


if __name__ == "__main__":
	for spec in FORMS:
		build(spec)
		print("wrote web form", spec["name"])
