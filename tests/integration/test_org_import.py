"""导入党组织 from the app's template, as the District Admin does it in the desk (the same method,
over REST): any depth and order in one file, parents by full or short name, Chinese words in
choice columns, bad rows reported by row number with the reason while the good rows go in, and
a check that imports nothing."""

import frappe

from .conftest import BASE_URL, Rest, message, role_users, uid
from .test_import import fill

METHOD = "/api/method/sanfenlei_app.importing.import_file"


def upload(api, content, name="党组织导入.xlsx"):
	r = api.s.post(f"{BASE_URL}/api/method/upload_file", timeout=30, data={"is_private": 1},
		files={"file": (name, content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")})
	assert r.status_code == 200, r.text
	return r.json()["message"]["file_url"]


def street_and_district_admin(tree):
	"""A street of a new district, and a District Admin's REST session."""
	street = tree.street(tree.district())
	user = role_users(district="District Admin")["district"]
	frappe.db.commit()
	return street, Rest(user)


def run(api, rows, dry_run=0):
	_header, content = fill("organizations", rows)
	r = api.post(METHOD, {"kind": "organizations", "file_url": upload(api, content), "dry_run": dry_run})
	assert r.status_code == 200, message(r)
	return r.json()["message"]


def test_a_committee_with_two_branches_in_one_file_children_first(tree):
	street, api = street_and_district_admin(tree)
	t = tree.tag
	rows = [
		{"organization_name": f"一支部-{t}", "org_level": "基层党组织", "org_form": "党支部", "parent_party_organization": f"机关党委-{t}", "domain": "社区"},
		{"organization_name": f"二支部-{t}", "org_level": "Grassroots", "parent_party_organization": f"JG{t}", "domain": "Community"},
		{"organization_name": f"机关党委-{t}", "short_name": f"JG{t}", "org_level": "基层党组织", "org_form": "党委",
			"parent_party_organization": street.name, "domain": "社区", "member_count": 56},
	]
	check = run(api, rows, dry_run=1)
	assert check == {"rows": 3, "imported": 3, "errors": [], "dry_run": True}
	frappe.db.rollback()
	assert not frappe.db.exists("Party Organization", f"机关党委-{t}")  # the check imported nothing
	done = run(api, rows)
	assert done["imported"] == 3 and done["errors"] == [], done
	frappe.db.rollback()
	committee = frappe.get_doc("Party Organization", f"机关党委-{t}")
	assert committee.is_group == 1 and committee.org_form == "Party Committee" and committee.domain == "Community"
	branches = frappe.get_all("Party Organization", filters={"parent_party_organization": committee.name}, pluck="name", order_by="name")
	assert branches == sorted([f"一支部-{t}", f"二支部-{t}"])
	assert frappe.db.get_value("Party Organization", street.name, "is_group") == 1
	# the tree shows the branches under the committee, and the reporting unit is derived
	assert {frappe.db.get_value("Party Organization", b, "reporting_unit") for b in branches} == {street.name}
	lft, rgt = frappe.db.get_value("Party Organization", committee.name, ["lft", "rgt"])
	assert rgt - lft == 5  # two children nested inside


def test_good_rows_go_in_and_bad_rows_are_reported_by_number_with_the_reason(tree):
	d = tree.district()
	street, system = tree.street(d), tree.system(d)
	user = role_users(district="District Admin")["district"]
	frappe.db.commit()
	api = Rest(user)
	t = tree.tag
	rows = [
		{"organization_name": f"好社区甲-{t}", "org_level": "基层党组织", "parent_party_organization": street.name, "domain": "社区"},
		{"organization_name": f"错上级社区-{t}", "org_level": "基层党组织", "parent_party_organization": f"不存在的街道-{t}", "domain": "社区"},
		{"organization_name": f"错领域社区-{t}", "org_level": "基层党组织", "parent_party_organization": street.name, "domain": "乡村"},
		{"organization_name": f"站点-{t}", "org_level": "基层党组织", "parent_party_organization": system.name, "domain": "远程教育站点"},
		{"organization_name": f"好社区乙-{t}", "org_level": "Grassroots", "parent_party_organization": street.name, "domain": "Community", "member_count": 12},
	]
	result = run(api, rows)
	assert result["rows"] == 5 and result["imported"] == 2, result
	reasons = {e["row"]: e["reason"] for e in result["errors"]}
	assert sorted(reasons) == [3, 4, 5]  # the person's row numbers (the header is row 1)
	assert reasons[3] == f"上级党组织“不存在的街道-{t}”不存在（本表和系统中都没有）"
	assert reasons[4].startswith("“乡村”不是可选的值（可填写：")
	assert "远程教育站点只能设在街道党工委之下" in reasons[5]  # the DocType's own rule, in Chinese
	frappe.db.rollback()
	assert frappe.db.exists("Party Organization", f"好社区甲-{t}") and frappe.db.exists("Party Organization", f"好社区乙-{t}")
	assert not frappe.db.exists("Party Organization", f"站点-{t}")


def test_only_who_may_create_organisations_imports(tree):
	d = tree.district()
	street = tree.street(d)
	users = role_users(sec="Organization Secretary", leader="Campaign Leader")
	frappe.db.commit()
	_h, content = fill("organizations", [{"organization_name": f"越权-{uid()}", "org_level": "Grassroots",
		"parent_party_organization": street.name}])
	api = Rest(users["sec"])
	r = api.post(METHOD, {"kind": "organizations", "file_url": upload(api, content), "dry_run": 0})
	assert r.status_code == 403 and "无权" in message(r), (r.status_code, r.text[:300])
	# a leader writes nothing: not even the upload of the file
	r = Rest(users["leader"]).s.post(f"{BASE_URL}/api/method/upload_file", timeout=30, data={"is_private": 1},
		files={"file": ("党组织导入.xlsx", content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")})
	assert r.status_code == 403 and "领导账号只能查看" in message(r), (r.status_code, message(r))


def test_a_leaf_that_gets_a_branch_becomes_a_group_whichever_way_the_branch_comes(tree):
	"""The 党委 imported (or typed) before its 支部 stays saveable and shows its branches in the tree."""
	street, api = street_and_district_admin(tree)
	t = tree.tag
	assert run(api, [{"organization_name": f"先导入的党委-{t}", "org_level": "基层党组织", "org_form": "党委",
		"parent_party_organization": street.name, "domain": "社区"}])["imported"] == 1
	frappe.db.rollback()
	assert frappe.db.get_value("Party Organization", f"先导入的党委-{t}", "is_group") == 0
	# its 支部 typed in the desk (the same REST the form uses), then another in a second file
	r = api.post("/api/resource/Party Organization", {"organization_name": f"后建的支部-{t}", "org_level": "Grassroots",
		"parent_party_organization": f"先导入的党委-{t}", "domain": "Community"})
	assert r.status_code == 200, message(r)
	assert run(api, [{"organization_name": f"后导入的支部-{t}", "org_level": "基层党组织",
		"parent_party_organization": f"先导入的党委-{t}", "domain": "社区"}])["errors"] == []
	frappe.db.rollback()
	assert frappe.db.get_value("Party Organization", f"先导入的党委-{t}", "is_group") == 1
	doc = api.get(f"/api/resource/Party Organization/先导入的党委-{t}").json()["data"]
	doc["member_count"] = 40
	r = api.put(f"/api/resource/Party Organization/先导入的党委-{t}", doc)
	assert r.status_code == 200, message(r)  # still saveable with its branches


def test_files_as_a_chinese_excel_saves_them_checked_by_any_yes_and_not_kept_after_the_import(tree):
	"""A CSV from a Chinese Excel (GBK) or Excel's "CSV UTF-8" (with a BOM) is read; an old .xls and a
	public upload are refused in Chinese; ``dry_run`` "true" only checks; the imported file (it may
	hold initial passwords) is not kept; a unit's administrator imports under its own street only,
	told so in Chinese; dates and numbers are checked by row."""
	import csv
	import io

	from sanfenlei_app.importing import template_columns

	d = tree.district()
	street, other = tree.street(d), tree.street(d, "别的街道")
	users = role_users(district="District Admin", unit="Reporting Unit Admin")
	tree.admin(street, users["unit"])
	frappe.db.commit()
	api = Rest(users["district"])
	t = tree.tag
	fields = [f for f, _h in template_columns("organizations")]

	def csv_file(rows, encoding, bom=False):
		out = io.StringIO()
		w = csv.writer(out)
		w.writerow([h for _f, h in template_columns("organizations")])
		for row in rows:
			w.writerow([row.get(f, "") for f in fields])
		return (("\ufeff" if bom else "") + out.getvalue()).encode(encoding)

	def post(api, url, dry_run):
		return api.post(METHOD, {"kind": "organizations", "file_url": url, "dry_run": dry_run})

	for encoding, bom, name in (("gb18030", False, "中文Excel.csv"), ("utf-8", True, "CSV-UTF8.csv")):
		content = csv_file([{"organization_name": f"{name}社区-{t}", "org_level": "基层党组织", "domain": "社区",
			"parent_party_organization": street.name, "founded_on": "2011年5月1日", "member_count": "30"}], encoding, bom)
		r = post(api, upload(api, content, name), "true")
		assert r.status_code == 200, (name, message(r))
		assert r.json()["message"] == {"rows": 1, "imported": 1, "errors": [], "dry_run": True}, (name, r.json())
		frappe.db.rollback()
		assert not frappe.db.exists("Party Organization", f"{name}社区-{t}")  # "true" only checked
	r = post(api, upload(api, b"not really an xls", "旧版.xls"), 1)
	assert r.status_code == 417 and "另存为.xlsx" in message(r), message(r)
	rows = [{"organization_name": f"日期错-{t}", "org_level": "基层党组织", "parent_party_organization": street.name,
		"domain": "社区", "founded_on": "2011年5月"}, {"organization_name": f"好的-{t}", "org_level": "基层党组织",
		"parent_party_organization": street.name, "domain": "社区", "founded_on": "2011/5/1"}]
	_h, content = fill("organizations", rows)
	r = api.s.post(f"{BASE_URL}/api/method/upload_file", timeout=30, data={"is_private": 0},
		files={"file": (f"公开-{t}.xlsx", content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")})
	r = post(api, r.json()["message"]["file_url"], 1)
	assert r.status_code == 417 and "不公开" in message(r), message(r)
	url = upload(api, content, f"导入-{t}.xlsx")
	done = post(api, url, 0).json()["message"]
	assert done["imported"] == 1 and done["errors"][0]["reason"].startswith("成立日期“2011年5月”不是有效的日期"), done
	frappe.db.rollback()
	assert str(frappe.db.get_value("Party Organization", f"好的-{t}", "founded_on")) == "2011-05-01"
	assert not frappe.db.exists("File", {"file_url": url}), "the imported file was kept"
	# a unit's administrator: its own street yes, another street no, in Chinese
	unit = Rest(users["unit"])
	_h, content = fill("organizations", [
		{"organization_name": f"本街道的-{t}", "org_level": "基层党组织", "parent_party_organization": street.name, "domain": "社区"},
		{"organization_name": f"别的街道的-{t}", "org_level": "基层党组织", "parent_party_organization": other.name, "domain": "社区"}])
	r = post(unit, upload(unit, content), 1)
	assert r.status_code == 200, message(r)
	result = r.json()["message"]
	assert result["imported"] == 1 and [e["reason"] for e in result["errors"]] == [
		f"您无权在“{other.name}”之下设立党组织：只能在本单位及所属组织之下导入"], result
