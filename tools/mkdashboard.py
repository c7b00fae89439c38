"""Developer helper: write the leaders' Number Cards, Dashboard Charts and the workspace
三分类三升级 (module folders dashboard/ and workspace/).

    python tools/mkdashboard.py
"""

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
MODULE = os.path.join(os.path.dirname(HERE), "sanfenlei_app", "sanfenlei_app")
MODIFIED = "2026-11-29 23:10:00.000000"
WORKSPACE = "三分类三升级"


def card(label, doctype=None, filters=None, method=None, color="#2490EF"):
	doc = {"doctype": "Number Card", "name": label, "label": label, "is_public": 1, "is_standard": 0,
		"module": "Sanfenlei App", "show_percentage_stats": 0, "color": color, "modified": MODIFIED,
		"function": "Count", "filters_json": json.dumps(filters or [], ensure_ascii=False)}
	if method:
		doc.update(type="Custom", method=method, document_type="Party Organization")
	else:
		doc.update(type="Document Type", document_type=doctype)
	return doc


def sheet_filter(field, op, value):
	return [["Assessment Sheet", field, op, value, False]]


CARDS = [
	card("先进党组织", "Party Organization", [["Party Organization", "current_grade", "=", "Advanced", False]], color="#29CD42"),
	card("一般党组织", "Party Organization", [["Party Organization", "current_grade", "=", "Ordinary", False]], color="#2490EF"),
	card("后进党组织", "Party Organization", [["Party Organization", "current_grade", "=", "Lagging", False]], color="#CB2929"),
	card("五星级党组织", "Party Organization", [["Party Organization", "current_stars", "=", 5, False]], color="#ECAD4B"),
	card("待上级评定的申报表", "Assessment Sheet",
		sheet_filter("workflow_state", "in", ["Superior Decision", "Superior Confirmation"]), color="#7575FF"),
	card("待区委组织部审核的申报表", "Assessment Sheet", sheet_filter("workflow_state", "=", "District Review"), color="#7575FF"),
	card("逾期申报表", "Assessment Sheet", sheet_filter("is_overdue", "=", 1), color="#CB2929"),
	card("未落实帮扶的后进党组织", method="sanfenlei_app.dashboard.lagging_unassisted", color="#CB2929"),
	card("达到目标的比率项", method="sanfenlei_app.dashboard.rates_met", color="#29CD42"),
	card("未达到目标的比率项", method="sanfenlei_app.dashboard.rates_missed", color="#ECAD4B"),
	card("没有单位管理员的上报单位", method="sanfenlei_app.dashboard.units_without_admin_count", color="#CB2929"),
	card("一周内到期的升级措施", method="sanfenlei_app.dashboard.milestones_due_soon", color="#ECAD4B"),
	card("逾期的升级措施", method="sanfenlei_app.dashboard.milestones_overdue", color="#CB2929"),
]


def chart(name, report, view, fields, kind="Bar", colors=None):
	colors = colors or ["#29CD42", "#2490EF", "#CB2929", "#ECAD4B", "#7575FF", "#FF7846"]
	return {"doctype": "Dashboard Chart", "name": name, "chart_name": name, "chart_type": "Report", "report_name": report,
		"type": kind, "x_field": "label", "filters_json": json.dumps({"view": view}), "is_public": 1, "is_standard": 0,
		"module": "Sanfenlei App", "timeseries": 0, "use_report_chart": 1, "modified": MODIFIED,
		"y_axis": [{"doctype": "Dashboard Chart Field", "y_field": f, "color": colors[i % len(colors)]} for i, f in enumerate(fields)]}


CHARTS = [
	chart("各上报单位分类情况", "Grade Distribution", "Reporting Unit", ["advanced", "ordinary", "lagging"]),
	chart("各领域分类情况", "Grade Distribution", "Domain", ["advanced", "ordinary", "lagging"]),
	chart("星级分布", "Grade Distribution", "Stars", ["count"]),
	chart("年初与年底级次对比", "Grade Distribution", "Movement", ["initial", "year_end"]),
	chart("各环节申报表", "Review Progress", "Current", ["count"]),
	chart("审核进度（每日进入各环节）", "Review Progress", "Over Time",
		["members_and_masses_review", "superior_decision", "district_review", "graded", "confirmed"], kind="Line"),
	chart("推动晋位升级（按季度）", "Upgrade Progress by Quarter", "Reporting Unit",
		["due", "done", "overdue", "reports", "fulfilments", "notes"],
		colors=["#2490EF", "#29CD42", "#CB2929", "#7575FF", "#ECAD4B", "#8D99A6"]),  # overdue red, done green
]

WIDE = {"各上报单位分类情况"}

SHORTCUTS = [  # (label, type, link_to, url)
	("附件3 分类名单统计表", "Report", "Annex 3 Classification List"),
	("附件4 分类情况汇总表", "Report", "Annex 4 Classification Summary"),
	("附件5 远程教育站点分类名单统计表", "Report", "Annex 5 Remote Site List"),
	("附件6 远程教育站点分类情况汇总表", "Report", "Annex 6 Remote Site Summary"),
	("分类管理台账", "Report", "Classification Ledger"),
	("升级率统计", "Report", "Upgrade Rate Statistics"),
	("升级进展季度统计", "Report", "Upgrade Progress by Quarter"),
	("分类定级申报表", "DocType", "Assessment Sheet"),
	("基层党组织", "DocType", "Party Organization"),
	("争创目标和整改措施", "DocType", "Upgrade Plan"),
	("升级措施", "DocType", "Upgrade Milestone"),
	("措施进展", "DocType", "Milestone Progress"),
	("督查指导和书记点评", "DocType", "Supervision Note"),
	("帮扶记录", "DocType", "Assistance Record"),
	("年度工作总结", "DocType", "Annual Summary"),
	("活动年度", "DocType", "Campaign Year"),
]

# the district's own user administration: a workspace only its roles see (Workspace.roles)
USER_ADMIN = "用户管理"
USER_SHORTCUTS = [("用户", "DocType", "User"), ("基层党组织", "DocType", "Party Organization")]


def user_admin_workspace():
	content = [{"type": "header", "data": {"text": "<span class=\"h4\"><b>账号与分工</b></span>", "col": 12}}]
	content += [{"type": "shortcut", "data": {"shortcut_name": label, "col": 3}} for label, _t, _l in USER_SHORTCUTS]
	return {
		"doctype": "Workspace", "name": USER_ADMIN, "label": USER_ADMIN, "title": USER_ADMIN, "module": "Sanfenlei App",
		"public": 1, "is_hidden": 0, "icon": "users", "sequence_id": 2.0, "for_user": "", "parent_page": "",
		"hide_custom": 0, "restrict_to_domain": "", "modified": MODIFIED, "owner": "Administrator",
		"roles": [{"role": "District Admin"}, {"role": "System Manager"}],
		"modified_by": "Administrator", "creation": "2026-11-29 23:00:00.000000", "docstatus": 0, "idx": 0,
		"content": json.dumps(content, ensure_ascii=False),
		"number_cards": [], "charts": [], "links": [], "quick_lists": [], "custom_blocks": [],
		"shortcuts": [{"label": label, "type": t, "link_to": link, "color": "Grey", "doc_view": "List"}
			for label, t, link in USER_SHORTCUTS],
	}


def workspace():
	content = [{"type": "header", "data": {"text": "<span class=\"h4\"><b>分类情况</b></span>", "col": 12}}]
	content += [{"type": "number_card", "data": {"number_card_name": c["name"], "col": 3}} for c in CARDS]
	content += [{"type": "header", "data": {"text": "<span class=\"h4\"><b>图表</b></span>", "col": 12}}]
	# the units' chart across the whole width: a dozen units' names need it to be told apart
	content += [{"type": "chart", "data": {"chart_name": c["name"], "col": 12 if c["name"] in WIDE else 6}} for c in CHARTS]
	content += [{"type": "header", "data": {"text": "<span class=\"h4\"><b>统计表、台账与导出</b></span>", "col": 12}}]
	content += [{"type": "shortcut", "data": {"shortcut_name": label, "col": 3}} for label, _t, _l in SHORTCUTS]
	return {
		"doctype": "Workspace", "name": WORKSPACE, "label": WORKSPACE, "title": WORKSPACE, "module": "Sanfenlei App",
		"public": 1, "is_hidden": 0, "icon": "getting-started", "sequence_id": 1.0, "for_user": "", "parent_page": "",
		"hide_custom": 0, "restrict_to_domain": "", "roles": [], "modified": MODIFIED, "owner": "Administrator",
		"modified_by": "Administrator", "creation": "2026-11-28 11:00:00.000000", "docstatus": 0, "idx": 0,
		"content": json.dumps(content, ensure_ascii=False),
		"number_cards": [{"number_card_name": c["name"], "label": c["label"]} for c in CARDS],
		"charts": [{"chart_name": c["name"], "label": c["name"]} for c in CHARTS],
		"shortcuts": [{"label": label, "type": t, "link_to": link, "color": "Grey",
			**({"doc_view": "List"} if t == "DocType" else {})} for label, t, link in SHORTCUTS],
		"links": [], "quick_lists": [], "custom_blocks": [],
	}


def dump(path, data):
	"""Write ``data`` (a document or a list of them); Frappe re-imports a document only when its
	"modified" moves, so every "modified" in it is stamped with now when the content changed."""
	import datetime

	def strip(d):
		return [{k: v for k, v in x.items() if k != "modified"} for x in (d if isinstance(d, list) else [d])]

	stamp = datetime.datetime.now()
	if os.path.exists(path):
		with open(path, encoding="utf-8") as f:
			old = json.load(f)
		if strip(old) == strip(data):
			return
		# later than any stamp the file had, even one set ahead of the clock
		stamps = [datetime.datetime.fromisoformat(x["modified"]) for x in (old if isinstance(old, list) else [old])
			if x.get("modified")]
		stamp = max([stamp] + [t + datetime.timedelta(seconds=1) for t in stamps])
	now = stamp.strftime("%Y-%m-%d %H:%M:%S.000000")
	for x in data if isinstance(data, list) else [data]:
		x["modified"] = now
	with open(path, "w") as f:
		json.dump(data, f, ensure_ascii=False, indent=1, sort_keys=True)
		f.write("\n")


if __name__ == "__main__":
	dump(os.path.join(MODULE, "dashboard", "number_card.json"), CARDS)
	dump(os.path.join(MODULE, "dashboard", "dashboard_chart.json"), CHARTS)
	dump(os.path.join(MODULE, "workspace", "sanfenlei", "sanfenlei.json"), workspace())
	os.makedirs(os.path.join(MODULE, "workspace", "user_admin"), exist_ok=True)
	dump(os.path.join(MODULE, "workspace", "user_admin", "user_admin.json"), user_admin_workspace())
	print(len(CARDS), "cards,", len(CHARTS), "charts, workspace", WORKSPACE)
