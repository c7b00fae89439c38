"""Ready-made Excel templates for Frappe's Data Import.

Organisations and users (with their roles) are imported through Frappe's own Data Import
(/app/data-import): it validates every row, imports the good ones, reports each bad row
with its message, and rolls a bad row back entirely.  These templates only spare the
district the work of choosing columns: the first sheet holds the column headers exactly
as Data Import expects them (Chinese labels), the second sheet ("填写说明") explains each
column and the codes allowed in choice columns.
"""

import io

import frappe
from frappe import _
from frappe.core.doctype.data_import.exporter import Exporter
from openpyxl import Workbook
from openpyxl.styles import Font

TEMPLATES = {
	"organizations": {
		"doctype": "Party Organization",
		"fields": {
			"Party Organization": [
				"organization_name", "short_name", "org_level", "unit_kind", "org_form",
				"parent_party_organization", "domain", "industry", "secretary_name", "secretary_user",
				"secretary_phone", "member_count", "founded_on", "status",
			]
		},
		"title": "党组织导入模板",
		"notes": [
			"每行一个党组织；上级党组织必须已存在，或在本表中位于下级组织之前。",
			"“上报单位”由组织树自动得出，无需填写。远程教育站点只能设在街道党工委之下。",
			"书记账号填写已导入的用户邮箱，导入后该书记自动获得本组织的查看权限。",
		],
	},
	"users": {
		"doctype": "User",
		"fields": {"User": ["email", "first_name", "mobile_no"], "roles": ["role"]},
		"title": "用户导入模板",
		"notes": [
			"每行一个用户；一个用户有多个角色时，后续行只填“角色”一列。",
			"角色填写：District Admin、Reporting Unit Admin、Organization Secretary、Evaluation Department、Campaign Leader。",
			"用户导入后，在党组织上指定书记账号或单位管理员，即自动获得相应范围的权限。",
		],
	},
}


def template_columns(kind):
	"""[(fieldname, header)] of a template, in column order."""
	spec = TEMPLATES.get(kind)
	if not spec:
		frappe.throw(_("未知的导入模板：{0}").format(kind))
	exporter = Exporter(spec["doctype"], export_fields=spec["fields"], export_data=False, file_type="Excel")
	return exporter, list(zip([df.fieldname for df in exporter.fields], exporter.get_csv_array()[0]))


def build_template(kind):
	spec = TEMPLATES[kind] if kind in TEMPLATES else frappe.throw(_("未知的导入模板：{0}").format(kind))
	exporter, columns = template_columns(kind)
	header = [h for _f, h in columns]

	wb = Workbook()
	ws = wb.active
	ws.title = "数据"
	ws.append(header)
	for cell in ws[1]:
		cell.font = Font(bold=True)
	for i, title in enumerate(header, start=1):
		ws.column_dimensions[ws.cell(1, i).column_letter].width = max(12, len(title) * 2 + 4)

	notes = wb.create_sheet("填写说明")
	notes.append([spec["title"]])
	notes["A1"].font = Font(bold=True, size=14)
	for line in spec["notes"]:
		notes.append([line])
	notes.append([])
	notes.append(["列", "必填", "可填写的代码（含义）"])
	for df in exporter.fields:
		codes = ""
		if df.fieldtype == "Select" and df.options:
			codes = "；".join(f"{o}（{_(o)}）" for o in df.options.split("\n") if o)
		notes.append([_(df.label or df.fieldname), "是" if df.reqd else "", codes])
	notes.column_dimensions["A"].width = 24
	notes.column_dimensions["C"].width = 100
	out = io.BytesIO()
	wb.save(out)
	return spec["title"], out.getvalue()


@frappe.whitelist()
def download_import_template(kind="organizations"):
	doctype = TEMPLATES.get(kind, {}).get("doctype")
	if not doctype or not frappe.has_permission(doctype, "create"):
		frappe.throw(_("您无权导入{0}").format(_(doctype or kind)), frappe.PermissionError)
	title, content = build_template(kind)
	frappe.response.filename = f"{title}.xlsx"
	frappe.response.filecontent = content
	frappe.response.type = "binary"


def skip_welcome_mail_without_outbox(user, method=None):
	"""A district may run without an outgoing mail account: then a new user (typed or
	imported) gets no welcome mail instead of failing to be created."""
	if user.send_welcome_email and not frappe.db.exists(
		"Email Account", {"enable_outgoing": 1, "default_outgoing": 1}
	):
		user.send_welcome_email = 0


def in_site_time_zone(user, method=None):
	"""A new user sees times in the site's time zone (System Settings), not one copied from
	whoever created the account."""
	from frappe.utils import get_system_timezone

	user.time_zone = get_system_timezone()
