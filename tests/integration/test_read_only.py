"""A leader (Campaign Leader only) reads and writes nothing, whatever the path: every write a desk
user may make through Frappe's own methods — an assignment, an attachment, a like, a tag, a note, an
event, a saved report, a kanban board, a contact, a comment on any document — is refused over REST,
and nothing is left behind; the same calls by a District Admin go through (the guard is the
leader's, not a broken method)."""

import json

import frappe

from .conftest import Rest, make_user, message, uid
from .test_grading import new_sheet
from .test_status_survey import year


def writes(sheet, who):
	"""(what, method path, arguments) of writes any desk user may try."""
	note = f"领导便笺{uid()}"
	return [
		("assignment", "frappe.desk.form.assign_to.add", {"doctype": "Assessment Sheet", "name": sheet,
			"assign_to": json.dumps(["Administrator"]), "description": "请办理"}),
		("attachment", "frappe.client.attach_file", {"filename": "x.txt", "filedata": "eA==", "doctype": "Assessment Sheet",
			"docname": sheet, "decode_base64": 1}),
		("like", "frappe.desk.like.toggle_like", {"doctype": "Assessment Sheet", "name": sheet, "add": "Yes"}),
		("tag", "frappe.desk.doctype.tag.tag.add_tag", {"tag": "领导标签", "dt": "Assessment Sheet", "dn": sheet}),
		("note", "frappe.client.insert", {"doc": json.dumps({"doctype": "Note", "title": note})}),
		("event", "frappe.client.insert", {"doc": json.dumps({"doctype": "Event", "subject": note,
			"starts_on": f"{year()}-05-01 09:00:00", "event_type": "Public"})}),
		("contact", "frappe.client.insert", {"doc": json.dumps({"doctype": "Contact", "first_name": note})}),
		("kanban board", "frappe.client.insert", {"doc": json.dumps({"doctype": "Kanban Board", "kanban_board_name": note,
			"reference_doctype": "Assessment Sheet", "field_name": "workflow_state"})}),
		("saved report", "frappe.desk.reportview.save_report", {"name": note, "doctype": "Assessment Sheet",
			"report_settings": json.dumps({"fields": [["name", "Assessment Sheet"]]})}),
		("comment", "frappe.desk.form.utils.add_comment", {"reference_doctype": "Assessment Sheet", "reference_name": sheet,
			"content": note, "comment_email": who, "comment_by": "某某"}),
	]


def traces(sheet):
	frappe.db.rollback()
	return {
		"assignment": frappe.db.count("ToDo", {"reference_name": sheet}),
		"attachment": frappe.db.count("File", {"attached_to_name": sheet}),
		"like": len(json.loads(frappe.db.get_value("Assessment Sheet", sheet, "_liked_by") or "[]")),
		"tag": len([t for t in (frappe.db.get_value("Assessment Sheet", sheet, "_user_tags") or "").split(",") if t]),
		"comment": frappe.db.count("Comment", {"reference_name": sheet, "comment_type": "Comment"}),
	}


def test_a_leader_writes_nothing_whatever_the_path(tree):
	street = tree.street(tree.district(), "只读街道")
	org = tree.org("只读社区", "Grassroots", street.name, domain="Community")
	year()
	sheet = new_sheet(org.name).name
	leader = make_user(f"ro-leader-{uid()}@test.local", ["Campaign Leader"], "领导丙")
	district = make_user(f"ro-district-{uid()}@test.local", ["District Admin"], "区管理员丁")
	frappe.db.commit()
	api = Rest(leader)
	before = traces(sheet)
	made_before = {dt: frappe.db.count(dt) for dt in ("Note", "Event", "Contact", "Kanban Board", "Report")}
	refused = []
	for what, path, args in writes(sheet, leader):
		r = api.post(f"/api/method/{path}", args)
		assert r.status_code in (403, 417) and "领导账号只能查看" in message(r), (what, r.status_code, message(r)[:200])
		refused.append(what)
	assert traces(sheet) == before
	assert {dt: frappe.db.count(dt) for dt in made_before} == made_before
	# the District Admin's assignment, attachment and comment through the same methods go through
	admin = Rest(district)
	for what, path, args in writes(sheet, district):
		if what in ("assignment", "attachment", "comment"):
			r = admin.post(f"/api/method/{path}", args)
			assert r.status_code == 200, (what, r.status_code, message(r)[:200])
	after = traces(sheet)
	assert after["assignment"] > before["assignment"] and after["attachment"] > before["attachment"]
	# and the leader still reads: the sheet, a report
	assert api.get(f"/api/resource/Assessment Sheet/{sheet}").status_code == 200
	r = api.post("/api/method/frappe.desk.query_report.run", {"report_name": "Upgrade Rate Statistics",
		"filters": json.dumps({"campaign_year": year()})})
	assert r.status_code == 200, message(r)
	print(f"\nread-only: {len(refused)} writes refused to a leader: {refused}")
