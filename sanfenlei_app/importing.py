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


# ----------------------------------------------------------------- organisations, any depth in one file
ORG = "Party Organization"


def read_rows(content, filename=""):
	"""The rows of a spreadsheet (.xlsx, or .csv in UTF-8): [(row number, [cell text, ...])],
	header first.  Raises a Chinese ValidationError for a file that is neither."""
	import csv

	from openpyxl import load_workbook

	if filename.lower().endswith(".csv"):
		text = content.decode("utf-8-sig") if isinstance(content, bytes) else content
		return [(i, row) for i, row in enumerate(csv.reader(io.StringIO(text)), start=1)]
	try:
		ws = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
	except Exception:
		frappe.throw(_("无法读取文件：请上传由导入模板填写的Excel（.xlsx）或CSV文件"))
	out = []
	for i, row in enumerate(ws.iter_rows(values_only=True), start=1):
		cells = []
		for v in row:
			if v is None:
				cells.append("")
			elif hasattr(v, "strftime"):
				cells.append(v.strftime("%Y-%m-%d"))
			elif isinstance(v, float) and v.is_integer():
				cells.append(str(int(v)))
			else:
				cells.append(str(v))
		out.append((i, cells))
	return out


def _org_columns():
	"""{header as typed: fieldname}: the template's Chinese headers, the labels in English and the
	fieldnames, so a file from an older template or typed by hand is read as well."""
	meta = frappe.get_meta(ORG)
	columns = {}
	for field in TEMPLATES["organizations"]["fields"][ORG]:
		df = meta.get_field(field)
		for header in (field, df.label, _(df.label)):
			columns[header] = field
	return columns


def _choices():
	meta = frappe.get_meta(ORG)
	out = {}
	for df in meta.fields:
		if df.fieldtype == "Select" and df.fieldname in TEMPLATES["organizations"]["fields"][ORG]:
			codes = (df.options or "").split("\n")
			out[df.fieldname] = (codes, {c: _(c) for c in codes if c})
	return out


def _reason(exc):
	"""A Chinese reason from an exception of a row's insert (Frappe's message, without markup)."""
	from frappe.utils import strip_html_tags

	messages = [frappe.parse_json(m).get("message", "") for m in frappe.local.message_log or []]
	frappe.local.message_log = []
	text = "；".join(strip_html_tags(str(m)) for m in messages if m) or strip_html_tags(str(exc))
	return text or _("未能保存")


def import_organization_rows(rows, dry_run=False):
	"""Import organisations from ``rows`` ([(row number, [cells])], header first, as
	``read_rows`` gives).  Each row is created with the desk's own checks and permissions, in
	its own savepoint: a bad row is reported and the good rows go in.  ``dry_run``: everything
	is checked the same way and then rolled back (检查，不导入).  Returns {"rows": data rows,
	"imported": number created (or that would be), "errors": [{"row", "organization", "reason"}],
	"dry_run": bool}.  Implements the district's own set-up of its organisations."""
	from sanfenlei_app.import_rules import plan_organizations

	if not frappe.has_permission(ORG, "create"):
		frappe.throw(_("您无权导入党组织"), frappe.PermissionError)
	if not rows:
		frappe.throw(_("文件是空的"))
	header_row, header = rows[0]
	columns = _org_columns()
	fields = [columns.get((h or "").strip()) for h in header]
	if "organization_name" not in fields:
		frappe.throw(_("第{0}行不是导入模板的表头：请使用“党组织导入模板”").format(header_row))
	data = []
	for number, cells in rows[1:]:
		if not any((c or "").strip() for c in cells):
			continue
		values = {"row": number}
		for field, cell in zip(fields, cells):
			if field:
				values[field] = cell
		data.append(values)

	existing = {o.name: o.short_name or "" for o in frappe.get_all(ORG, fields=["name", "short_name"],
		ignore_permissions=True)}  # names only: the parent's existence, not its contents
	plan = plan_organizations(data, existing, _choices())
	errors = [{"row": r, "organization": next((d.get("organization_name") for d in data if d["row"] == r), ""),
		"reason": reason} for r, reason in plan["errors"]]
	frappe.db.savepoint("sanfenlei_import")
	imported, failed = 0, set()
	total = len(plan["create"])
	for i, values in enumerate(plan["create"], start=1):
		if total > 20:
			frappe.publish_progress(i * 100 / total, title=_("正在导入党组织"), description=f"{i}/{total}")
		row = values.pop("row")
		if values.get("parent_party_organization") in failed:
			failed.add(values["organization_name"])
			errors.append({"row": row, "organization": values["organization_name"],
				"reason": _("上级党组织“{0}”未能导入").format(values["parent_party_organization"])})
			continue
		frappe.db.savepoint("sanfenlei_import_row")
		try:
			doc = frappe.get_doc({"doctype": ORG, **{k: v for k, v in values.items() if v not in (None, "")}})
			doc.insert()
			imported += 1
		except Exception as e:
			frappe.db.rollback(save_point="sanfenlei_import_row")
			failed.add(values["organization_name"])
			errors.append({"row": row, "organization": values["organization_name"], "reason": _reason(e)})
	if dry_run:
		frappe.db.rollback(save_point="sanfenlei_import")
	errors.sort(key=lambda e: e["row"])
	return {"rows": len(data), "imported": imported, "errors": errors, "dry_run": bool(dry_run)}


@frappe.whitelist(methods=["POST"])
def import_organizations(file_url, dry_run=1):
	"""The desk's 导入党组织: the uploaded file (its ``file_url``) imported, or with ``dry_run``
	only checked.  Returns ``import_organization_rows``'s result.  Raises PermissionError for a
	user who may not create organisations or read the file."""
	file = frappe.get_doc("File", {"file_url": file_url})
	file.check_permission("read")
	return import_organization_rows(read_rows(file.get_content(), file.file_name or file_url),
		dry_run=frappe.utils.cint(dry_run))
