"""The district's own imports, each from a ready-made Excel template, without a system manager.

Three kinds (``TEMPLATES``): 党组织 (any depth in one file), 用户 with their roles and
assignments (secretary of an organisation, administrator of a reporting unit), and a previous
year's results (grade and stars per organisation, year and phase — the ledger and the start of
that year's rates for a district that starts mid-stream).  The desk's 导入 dialog uploads the
filled template and calls ``import_file``: every row is checked by the plain rules of
``import_rules`` (row numbers, Chinese reasons) and then created with the desk's own checks and
permissions in its own savepoint, so a bad row is reported and the good rows go in; 检查（不导入）
does all of it and rolls back.  The organisations' template keeps the column headers of Frappe's
Data Import, which reads it as well.
"""

import io

import frappe
from frappe import _
from openpyxl import Workbook
from openpyxl.styles import Font

from sanfenlei_app.import_rules import WIDE_ROLES
from sanfenlei_app.permissions import in_subtrees, permitted_nodes

ORG = "Party Organization"
SHEET = "Assessment Sheet"

TEMPLATES = {
	"organizations": {
		"doctype": ORG,
		"noun": "个党组织",
		"fields": {
			ORG: [
				"organization_name", "short_name", "org_level", "unit_kind", "org_form",
				"parent_party_organization", "domain", "industry", "secretary_name", "secretary_user",
				"secretary_phone", "member_count", "founded_on", "status",
			]
		},
		"title": "党组织导入模板",
		"notes": [
			"每行一个党组织；上级党组织可以写全称或简称，可以已在系统中，也可以在本表中（前后不限）。",
			"“组织层级”“领域”等选择列可以填写中文（如“基层党组织”“社区”），也可以填写代码。",
			"“上报单位”由组织树自动得出，无需填写。远程教育站点只能设在街道党工委之下。",
			"书记账号填写已导入的用户邮箱，导入后该书记自动获得本组织的查看权限。",
		],
	},
	"users": {
		"doctype": "User",
		"noun": "个用户",
		"columns": [
			("email", "邮箱", True, "登录账号，如 zhangsan@example.gov.cn；已有账号的行只增加角色和任职"),
			("full_name", "姓名", True, "新用户必填"),
			("mobile_no", "手机号", False, ""),
			("roles", "角色", False, "可填多个，用顿号分隔：{roles}"),
			("secretary_of", "担任书记的党组织", False, "全称或简称，可填多个；自动授予“党组织书记”角色"),
			("admin_of", "管理的上报单位", False, "街道党工委、系统党委或区直机关工委的全称或简称，可填多个；自动授予“上报单位管理员”角色"),
			("new_password", "初始密码", False, "没有发信邮箱时新用户必填；须足够复杂（建议10位以上，含大小写字母、数字和符号，不用常见词），登录后请本人修改"),
		],
		"title": "用户导入模板",
		"notes": [
			"每行一个用户。角色、担任书记的党组织、管理的上报单位至少填写一项。",
			"只能授予三分类三升级的角色，不能授予系统管理员等其他角色。",
			"设置了发信邮箱时，新用户会收到设置密码的邮件；否则请填写初始密码。",
		],
	},
	"results": {
		"doctype": SHEET,
		"noun": "条定级结果",
		"columns": [
			("organization", "党组织", True, "全称或简称"),
			("year", "年度", True, "如 2011"),
			("phase", "阶段", True, "年初定级 或 年终验收"),
			("grade", "等次", True, "先进、一般、后进（远程教育站点：优秀站点、一般站点、后进站点；四级：好、较好、一般、较差）"),
			("stars", "星级", False, "0至5或一星级至五星级；后进和远程教育站点不填"),
			("honour", "荣誉", False, "年终验收时获得的荣誉：全国、省级、市级、区级"),
			("note", "来源说明", False, "如：2011年分类管理台账（纸质）"),
		],
		"title": "既往定级结果导入模板",
		"notes": [
			"用于开始使用本系统之前已经评定的结果：每行一个党组织在一个年度、一个阶段的等次和星级。",
			"导入的结果作为已定级的申报表（注明来源）记入分类管理台账；年初定级的结果是当年提升率、升级率等的起点。",
			"系统中还没有的年度会自动建立。已有申报表（未撤销）的党组织、年度和阶段不重复导入。",
		],
	},
}


def template_columns(kind):
	"""[(key, header)] of a template, in column order: for organisations Frappe Data Import's
	own headers (the fields' Chinese labels), for the others the template's columns.  Raises a
	Chinese ValidationError for an unknown kind."""
	spec = TEMPLATES.get(kind) or frappe.throw(_("未知的导入模板：{0}").format(kind))
	if "columns" in spec:
		return [(key, header) for key, header, _required, _help in spec["columns"]]
	return list(zip([df.fieldname for df in _exporter(spec).fields], _exporter(spec).get_csv_array()[0]))


def _exporter(spec):
	from frappe.core.doctype.data_import.exporter import Exporter

	return Exporter(spec["doctype"], export_fields=spec["fields"], export_data=False, file_type="Excel")


def _column_notes(spec):
	"""[(header, required, what may be written)] for the template's 填写说明 sheet."""
	if "columns" in spec:
		from sanfenlei_app.users import campaign_roles

		roles = "、".join(_(r) for r in sorted(campaign_roles()))
		return [(header, required, help.replace("{roles}", roles)) for _key, header, required, help in spec["columns"]]
	out = []
	for df in _exporter(spec).fields:
		codes = ""
		if df.fieldtype == "Select" and df.options:
			codes = "；".join(f"{_(o)}（{o}）" for o in df.options.split("\n") if o)
		out.append((_(df.label or df.fieldname), bool(df.reqd), codes))
	return out


def build_template(kind):
	"""The template of ``kind`` as an .xlsx: sheet 数据 with the headers, sheet 填写说明 with the notes
	and every column's meaning.  Returns (title, bytes)."""
	spec = TEMPLATES.get(kind) or frappe.throw(_("未知的导入模板：{0}").format(kind))
	header = [h for _k, h in template_columns(kind)]

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
	notes.append(["列", "必填", "可填写的内容"])
	for header_text, required, help in _column_notes(spec):
		notes.append([header_text, "是" if required else "", help])
	notes.column_dimensions["A"].width = 24
	notes.column_dimensions["C"].width = 100
	out = io.BytesIO()
	wb.save(out)
	return spec["title"], out.getvalue()


def may_import(kind):
	"""Whether the session's user may import ``kind``: organisations and users with the right to
	create them (District Admin, System Manager), previous results the District Admin only."""
	if kind == "results":
		return bool({"District Admin", "System Manager"} & set(frappe.get_roles()))
	doctype = TEMPLATES.get(kind, {}).get("doctype")
	return bool(doctype) and frappe.has_permission(doctype, "create")


@frappe.whitelist()
def download_import_template(kind="organizations"):
	"""The template of ``kind`` (organizations, users, results) as an .xlsx download.  Raises
	PermissionError for a user who may not import it."""
	if not may_import(kind):
		frappe.throw(_("您无权导入{0}").format(TEMPLATES.get(kind, {}).get("title", kind)), frappe.PermissionError)
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


# ----------------------------------------------------------------- reading a filled template


def read_rows(content, filename=""):
	"""The rows of a spreadsheet (.xlsx, or .csv in UTF-8): [(row number, [cell text, ...])],
	header first.  Raises a Chinese ValidationError for a file that is neither."""
	import csv

	from openpyxl import load_workbook

	if filename.lower().endswith(".csv"):
		if isinstance(content, bytes):  # Excel's "CSV UTF-8" (with a BOM) or a Chinese Excel's GBK
			try:
				text = content.decode("utf-8-sig")
			except UnicodeDecodeError:
				try:
					text = content.decode("gb18030")
				except UnicodeDecodeError:
					frappe.throw(_("无法识别CSV文件的编码：请在Excel中另存为“Excel工作簿(.xlsx)”后上传"))
		else:
			text = content.lstrip("\ufeff")
		return [(i, row) for i, row in enumerate(csv.reader(io.StringIO(text)), start=1)]
	if filename and not filename.lower().endswith(".xlsx"):
		frappe.throw(_("只能导入Excel工作簿（.xlsx）或CSV文件：旧版.xls请在Excel中另存为.xlsx"))
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


def _header_keys(kind):
	"""{header as typed: key}: the template's Chinese headers and the keys themselves (and for
	organisations the fields' English labels), so a file from an older template or typed by hand
	is read as well."""
	spec = TEMPLATES[kind]
	if "columns" in spec:
		return {h: key for key, header, _r, _h in spec["columns"] for h in (key, header)}
	meta = frappe.get_meta(spec["doctype"])
	columns = {}
	for field in spec["fields"][spec["doctype"]]:
		df = meta.get_field(field)
		for header in (field, df.label, _(df.label)):
			columns[header] = field
	return columns


def data_rows(kind, rows):
	"""The filled rows of ``rows`` (``read_rows``'s, header first) as [{"row": number, key: text}],
	empty rows left out.  Raises a Chinese ValidationError when the first row is not the
	template's header."""
	if not rows:
		frappe.throw(_("文件是空的"))
	header_row, header = rows[0]
	keys = _header_keys(kind)
	fields = [keys.get((h or "").strip()) for h in header]
	first = template_columns(kind)[0][0]
	if first not in fields:
		frappe.throw(_("第{0}行不是导入模板的表头：请使用“{1}”").format(header_row, TEMPLATES[kind]["title"]))
	data = []
	for number, cells in rows[1:]:
		if not any((c or "").strip() for c in cells):
			continue
		values = {"row": number}
		for field, cell in zip(fields, cells):
			if field:
				values[field] = cell
		data.append(values)
	return data


def _reason(exc):
	"""A Chinese reason from an exception of a row's insert (Frappe's message, without markup)."""
	from frappe.utils import strip_html_tags

	messages = [frappe.parse_json(m).get("message", "") for m in frappe.local.message_log or []]
	frappe.local.message_log = []
	text = "；".join(strip_html_tags(str(m)) for m in messages if m) or strip_html_tags(str(exc))
	return text or _("未能保存")


def run_rows(kind, data, plan, create, label, dry_run):
	"""Create each planned row in its own savepoint: a row that fails is rolled back and
	reported, the others stay.  ``plan``: {"create": [values with "row"], "errors": [(row, reason)]}
	from the rules; ``create(values)`` creates one row (raising on failure); ``label(values)``
	names the row in the report.  ``dry_run``: everything rolled back at the end.  Progress is
	published for long files.  Returns {"rows", "imported", "errors": [{"row", "name", "reason"}],
	"dry_run"}."""
	by_row = {d["row"]: d for d in data}
	errors = [{"row": r, "name": label(by_row.get(r, {})), "reason": reason} for r, reason in plan["errors"]]
	frappe.db.savepoint("sanfenlei_import")
	imported, total = 0, len(plan["create"])
	for i, values in enumerate(plan["create"], start=1):
		if total > 20:
			frappe.publish_progress(i * 100 / total, title=_("正在导入{0}").format(TEMPLATES[kind]["title"][:-4]),
				description=f"{i}/{total}")
		frappe.db.savepoint("sanfenlei_import_row")
		frappe.local.message_log = []  # a row's reason is its own messages, not an earlier row's notes
		try:
			create(values)
			imported += 1
		except Exception as e:
			reason = _reason(e)
			try:
				frappe.db.rollback(save_point="sanfenlei_import_row")
			except Exception:  # something in the row ended the transaction: nothing after it is sure
				frappe.db.rollback()
				frappe.throw(_("第{0}行：{1}。导入已中止，请改正后重新导入").format(values["row"], reason))
			errors.append({"row": values["row"], "name": label(values), "reason": reason})
	frappe.local.message_log = []  # the report is the answer; no dialog per row (欢迎电子邮件已发送 …)
	if dry_run:
		frappe.db.rollback(save_point="sanfenlei_import")
	errors.sort(key=lambda e: e["row"])
	return {"rows": len(data), "imported": imported, "errors": errors, "dry_run": bool(dry_run)}


def import_rows(kind, rows, dry_run=False, source=""):
	"""Import ``rows`` ([(row number, [cells])], header first, as ``read_rows`` gives) of the
	template ``kind`` ("organizations", "users" or "results"); ``dry_run`` checks everything and
	imports nothing (检查，不导入); ``source`` (the file's name) is kept on imported results.
	Returns ``run_rows``'s result.  Raises PermissionError (Chinese) for a user who may not
	import ``kind``."""
	if kind not in TEMPLATES:
		frappe.throw(_("未知的导入模板：{0}").format(kind))
	if not may_import(kind):
		frappe.throw(_("您无权导入{0}").format(TEMPLATES[kind]["title"][:-4]), frappe.PermissionError)
	data = data_rows(kind, rows)
	return IMPORTS[kind](data, dry_run, source)


@frappe.whitelist(methods=["POST"])
def import_file(kind, file_url, dry_run=1):
	"""The desk's 导入 dialog: the uploaded file (its ``file_url``) of template ``kind`` imported,
	or with ``dry_run`` only checked.  Returns ``import_rows``'s result.  Raises PermissionError
	for a user who may not import ``kind`` or read the file."""
	file = frappe.get_doc("File", {"file_url": file_url})
	file.check_permission("read")
	if not file.is_private:
		frappe.throw(_("导入文件含有个人信息，上传时请保持“不公开”；请重新上传"))
	name = file.file_name or file_url
	dry_run = frappe.utils.sbool(dry_run) not in (False, 0, "0", "")  # anything but an explicit no only checks
	with open(file.get_full_path(), "rb") as f:  # the bytes: a CSV may be GBK
		content = f.read()
	result = import_rows(kind, read_rows(content, name), dry_run=dry_run, source=name)
	if not dry_run:  # imported: the file (with its initial passwords) is not kept
		file.delete(ignore_permissions=True)
	return result


def _named(doctype, **filters):
	"""{full name: short name} of the organisations the user may see (the import's scope)."""
	return {o.name: o.short_name or "" for o in frappe.get_list(doctype, filters=filters, fields=["name", "short_name"],
		limit_page_length=0)}


# ----------------------------------------------------------------- organisations, any depth in one file


def _choices():
	meta = frappe.get_meta(ORG)
	out = {}
	for df in meta.fields:
		if df.fieldtype == "Select" and df.fieldname in TEMPLATES["organizations"]["fields"][ORG]:
			codes = (df.options or "").split("\n")
			out[df.fieldname] = (codes, {c: _(c) for c in codes if c})
	return out


def _import_organizations(data, dry_run, source=""):
	from sanfenlei_app.import_rules import plan_organizations

	existing = {o.name: o.short_name or "" for o in frappe.get_all(ORG, fields=["name", "short_name"],
		ignore_permissions=True)}  # names only: the parent's existence, not its contents
	meta = frappe.get_meta(ORG)
	typed = {df.fieldname: (df.fieldtype, _(df.label)) for df in meta.fields
		if df.fieldname in TEMPLATES["organizations"]["fields"][ORG] and df.fieldtype in ("Date", "Int")}
	plan = plan_organizations(data, existing, _choices(), typed)
	failed = set()
	nodes = permitted_nodes()

	def create(values):
		values = dict(values)
		values.pop("row")
		parent = values.get("parent_party_organization")
		if parent in failed:
			failed.add(values["organization_name"])
			frappe.throw(_("上级党组织“{0}”未能导入").format(parent))
		if nodes is not None and (not parent or (parent in existing and not in_subtrees(parent, nodes))):
			failed.add(values["organization_name"])
			frappe.throw(_("您无权在“{0}”之下设立党组织：只能在本单位及所属组织之下导入").format(parent or _("（无上级）")))
		wide = set(frappe.get_roles(values["secretary_user"])) & WIDE_ROLES if values.get("secretary_user") else set()
		if wide:
			failed.add(values["organization_name"])
			frappe.throw(_("书记账号“{0}”是{1}，看全区的账号不能兼任书记：请另建一个书记账号").format(
				values["secretary_user"], "、".join(_(r) for r in sorted(wide))))
		try:
			frappe.get_doc({"doctype": ORG, **{k: v for k, v in values.items() if v not in (None, "")}}).insert()
		except Exception:
			failed.add(values["organization_name"])
			raise

	return run_rows("organizations", data, plan, create, lambda v: v.get("organization_name") or "", dry_run)


# ----------------------------------------------------------------- users, roles and assignments


def _import_users(data, dry_run, source=""):
	from sanfenlei_app.import_rules import plan_users
	from sanfenlei_app.users import campaign_roles

	roles = sorted(campaign_roles())
	accounts = {}
	for row in frappe.get_all("Has Role", filters={"parenttype": "User"}, fields=["parent", "role"]):
		accounts.setdefault(row.parent.lower(), set()).add(row.role)
	for email in frappe.get_all("User", pluck="name"):
		accounts.setdefault(email.lower(), set())
	organizations = _named(ORG, org_level=["!=", "District"])
	units = set(frappe.get_list(ORG, filters={"org_level": "Reporting Unit"}, pluck="name", limit_page_length=0))
	has_outbox = bool(frappe.db.exists("Email Account", {"enable_outgoing": 1, "default_outgoing": 1}))
	plan = plan_users(data, accounts, (roles, {r: _(r) for r in roles}), organizations, units, has_outbox)

	def create(v):
		if v["new_password"]:
			check_password(v["new_password"], (v["email"], v["full_name"]))
		if v["exists"]:
			user = frappe.get_doc("User", v["email"])
			have = {r.role for r in user.roles}
			for role in v["roles"]:
				if role not in have:
					user.append("roles", {"role": role})
			user.mobile_no = v["mobile_no"] or user.mobile_no
			if v["new_password"]:
				user.new_password = v["new_password"]
			user.save()
		else:
			user = frappe.get_doc({"doctype": "User", "email": v["email"], "first_name": v["full_name"],
				"mobile_no": v["mobile_no"] or None, "new_password": v["new_password"] or None,
				"send_welcome_email": 0 if v["new_password"] else 1, "roles": [{"role": r} for r in v["roles"]]})
			user.flags.delay_emails = True  # welcome mails go through the queue, not one SMTP session per row
			user.insert()
		for name in v["secretary_of"]:
			org = frappe.get_doc(ORG, name)
			org.secretary_user = user.name
			org.secretary_name = user.full_name or org.secretary_name
			org.secretary_phone = v["mobile_no"] or org.secretary_phone
			org.save()
		for name in v["admin_of"]:
			org = frappe.get_doc(ORG, name)
			if user.name not in {r.user for r in org.unit_admins}:
				org.append("unit_admins", {"user": user.name})
				org.save()

	return run_rows("users", data, plan, create, lambda v: v.get("email") or "", dry_run)


def check_password(password, user_inputs=()):
	"""An initial password against the site's password policy (System Settings), before Frappe's
	own check, which says nothing for some weak passwords: raises a ValidationError in Chinese with
	Frappe's hints."""
	from frappe.utils import cint
	from frappe.utils.password_strength import test_password_strength

	if not cint(frappe.get_system_settings("enable_password_policy")):
		return
	result = test_password_strength(password, user_inputs=[u for u in user_inputs if u])
	if (result.get("score") or 0) >= max(1, cint(frappe.get_system_settings("minimum_password_score"))):
		return
	feedback = result.get("feedback") or {}
	hints = " ".join(h for h in [feedback.get("warning") or "", *(feedback.get("suggestions") or [])] if h)
	frappe.throw(_("初始密码太简单：请用10位以上、混合大小写字母、数字和符号、不含常见词或姓名的密码。{0}").format(hints))


# ----------------------------------------------------------------- a previous year's results


def _import_results(data, dry_run, source=""):
	"""Each result becomes an approved Assessment Sheet (已定级 / 已确认) without scoring, its
	source named (``import_source``) and its review log saying who imported it: the ledger, the
	rates, the annexes and the organisation's current grade read it as any other decision."""
	from sanfenlei_app.import_rules import PHASE_WORDS, plan_results

	graded = frappe.get_list(ORG, filters={"domain": ["is", "set"]}, fields=["name", "short_name", "domain"],
		limit_page_length=0)  # the organisations the user may give results to, read once
	organizations = {o.name: o.short_name or "" for o in graded}
	domains = {o.name: o.domain for o in graded}
	taken = {(s.organization, int(s.year), s.phase): s.name for s in frappe.db.sql(
		"""select s.name, s.organization, y.year, s.phase from `tabAssessment Sheet` s
		join `tabCampaign Year` y on y.name = s.campaign_year where s.docstatus < 2""", as_dict=True)}
	plan = plan_results(data, organizations, domains, taken)

	def create(v):
		from sanfenlei_app import rules
		from sanfenlei_app.annexes import four_level_labels
		from sanfenlei_app.bulk import reserve_sheet_names
		from sanfenlei_app.sanfenlei_app.doctype.assessment_sheet.assessment_sheet import refresh_current_grading

		if not frappe.has_permission(SHEET, "create"):
			frappe.throw(_("您无权新建申报表"), frappe.PermissionError)
		year = frappe.db.get_value("Campaign Year", {"year": v["year"]}, "name")
		if not year:
			year = frappe.get_doc({"doctype": "Campaign Year", "year": v["year"]}).insert().name
		org = frappe.db.get_value(ORG, v["organization"], ["reporting_unit", "domain"], as_dict=True)
		state = "Graded" if v["phase"] == "Initial" else "Confirmed"
		label = rules.grade_label(v["grade"], org.domain,
			four_level_labels(org.domain == "Remote Education Site", year, domain=org.domain))
		where = f"{source} 第{v['row']}行" if source else f"第{v['row']}行"
		origin = f"导入：{where}" + (f"；{v['note']}" if v["note"] else "")
		sheet = frappe.new_doc(SHEET)
		sheet.update({"name": reserve_sheet_names(year, 1)[0], "organization": v["organization"],
			"campaign_year": year, "phase": v["phase"], "reporting_unit": org.reporting_unit, "domain": org.domain,
			"grade": v["grade"], "grade_label": label, "stars": v["stars"], "decided_grade": v["grade"],
			"decided_stars": v["stars"], "honour": v["honour"] or None, "workflow_state": state, "docstatus": 1,
			"import_source": origin, "explanation": f"{year}年度{PHASE_WORDS[v['phase']][0]}的既往结果，{origin}"})
		now = frappe.utils.now_datetime()
		sheet.append("steps", {"from_state": "", "to_state": state, "user": frappe.session.user,
			"user_name": frappe.utils.get_fullname(frappe.session.user), "at": now, "result": "导入既往定级结果",
			"reason": origin})
		sheet.db_insert()
		for step in sheet.steps:
			step.name = frappe.generate_hash(length=10)
			step.parent = sheet.name
			step.db_insert()
		refresh_current_grading(v["organization"])

	return run_rows("results", data, plan, create, lambda v: v.get("organization") or "", dry_run)


IMPORTS = {"organizations": _import_organizations, "users": _import_users, "results": _import_results}
