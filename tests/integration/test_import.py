"""The app's import templates, and organisations imported through Frappe's own Data Import (which
reads the organisations' template as well) after their secretary was imported with the app's
导入用户."""

import io

import frappe
from openpyxl import load_workbook

from sanfenlei_app.importing import build_template, import_rows, read_rows, template_columns

from .conftest import uid


def fill(kind, rows):
	"""The app's template with rows given by fieldname, as a person would type them."""
	_title, content = build_template(kind)
	wb = load_workbook(io.BytesIO(content))
	ws = wb["数据"]
	header = [c.value for c in ws[1]]
	columns = template_columns(kind)
	assert header == [h for _f, h in columns]
	for row in rows:
		ws.append([row.get(f) for f, _h in columns])
	out = io.BytesIO()
	wb.save(out)
	return header, out.getvalue()


def run_import(doctype, content):
	f = frappe.get_doc({"doctype": "File", "file_name": f"import-{uid()}.xlsx", "content": content, "is_private": 1}).insert()
	di = frappe.get_doc({"doctype": "Data Import", "reference_doctype": doctype, "import_type": "Insert New Records",
		"import_file": f.file_url}).insert()
	frappe.db.commit()  # the importer commits and rolls back row by row
	di.start_import()
	di.reload()
	logs = frappe.get_all("Data Import Log", filters={"data_import": di.name}, fields=["success", "messages", "exception", "row_indexes"])
	return di, logs


def test_template_has_chinese_headers_and_a_notes_sheet():
	header, content = fill("organizations", [])
	assert header[:3] == ["全称", "简称", "组织层级"]
	users, _content = fill("users", [])
	assert users == ["邮箱", "姓名", "手机号", "角色", "担任书记的党组织", "管理的上报单位", "初始密码"]
	results, _content = fill("results", [])
	assert results == ["党组织", "年度", "阶段", "等次", "星级", "荣誉", "来源说明"]
	wb = load_workbook(io.BytesIO(content))
	assert wb.sheetnames == ["数据", "填写说明"]
	notes = "\n".join(str(c.value) for row in wb["填写说明"].iter_rows() for c in row if c.value)
	assert "远程教育站点（Remote Education Site）" in notes and "社区（Community）" in notes


def test_users_then_organisations_import_row_by_row(tree):
	d = tree.district()
	street, system = tree.street(d), tree.system(d)
	frappe.db.commit()
	sec = f"imp-sec-{uid()}@test.local"
	_h, users = fill("users", [{"email": sec, "full_name": "导入书记", "roles": "党组织书记"}])
	assert import_rows("users", read_rows(users))["imported"] == 1
	frappe.db.commit()
	assert "Organization Secretary" in frappe.get_roles(sec)

	good1, bad, good2 = (f"导入社区{i}-{tree.tag}" for i in range(3))
	header, orgs = fill("organizations", [
		{"organization_name": good1, "org_level": "Grassroots", "domain": "Community", "parent_party_organization": street.name, "secretary_user": sec},
		{"organization_name": bad, "org_level": "Grassroots", "domain": "Remote Education Site", "parent_party_organization": system.name},
		{"organization_name": good2, "org_level": "Grassroots", "domain": "Community", "parent_party_organization": street.name, "member_count": 12},
	])
	di, logs = run_import("Party Organization", orgs)
	assert di.status == "Partial Success"
	assert frappe.db.exists("Party Organization", good1) and frappe.db.exists("Party Organization", good2)
	assert not frappe.db.exists("Party Organization", bad)  # nothing of the bad row stays
	failed = [log for log in logs if not log.success]
	assert len(failed) == 1 and frappe.parse_json(failed[0].row_indexes) == [3]  # the person's row number
	messages = [m.get("message", "") for m in frappe.parse_json(failed[0].messages or "[]")]
	assert any("远程教育站点只能设在街道党工委之下" in m for m in messages)
	# the imported secretary is confined to the imported organisation
	from sanfenlei_app.permissions import permitted_nodes

	frappe.local.sanfenlei_nodes = {}
	assert permitted_nodes(sec) == [good1]
	# the tree stays consistent after a row-by-row import
	street.reload()
	for name in (good1, good2):
		lft, rgt = frappe.db.get_value("Party Organization", name, ["lft", "rgt"])
		assert street.lft < lft < rgt < street.rgt
