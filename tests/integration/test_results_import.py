"""导入既往定级结果: a district that starts mid-stream brings the grades and stars its superiors
decided before (a previous year's, or this year's April grading done on paper) from the app's
template.  They appear in the 分类管理台账 and are the start of that year's rates; bad rows are
reported by number with the reason and the good ones go in; the check imports nothing; a
wrong import is revoked like any decision (撤销定级) and can be imported again."""

import frappe

from sanfenlei_app.sanfenlei_app.report.classification_ledger.classification_ledger import execute as ledger
from sanfenlei_app.sanfenlei_app.report.upgrade_rate_statistics.upgrade_rate_statistics import execute as rates

from .conftest import BASE_URL, Rest, message, role_users
from .test_import import fill
from .test_org_import import upload
from .test_rates_report import graded
from .test_status_survey import year

IMPORT = "/api/method/sanfenlei_app.importing.import_file"
APPLY = "/api/method/frappe.model.workflow.apply_workflow"
PAST = "2009"


def rate_table(campaign_year, street):
	_cols, rows = rates({"campaign_year": campaign_year, "reporting_unit": street, "group_by": "Reporting Unit"})
	return {(r["domain"], r["rate_key"]): (r["numerator"], r["denominator"]) for r in rows}


def test_a_previous_years_results_make_the_ledger_and_the_start_of_the_rates(tree):
	current = year()
	d = tree.district()
	street = tree.street(d)
	c = {n: tree.org(n, "Grassroots", street.name, domain="Community", short_name=f"{n}{tree.tag}").name
		for n in ("甲社区", "乙社区", "丙社区", "丁社区")}
	site = tree.org("远程站点", "Grassroots", street.name, domain="Remote Education Site").name
	users = role_users(district="District Admin", leader="Campaign Leader", unit="Reporting Unit Admin")
	frappe.db.commit()
	api = Rest(users["district"])
	t = tree.tag
	rows = [
		{"organization": c["甲社区"], "year": PAST, "phase": "年初定级", "grade": "一般", "stars": "2", "note": "2009年台账"},
		{"organization": c["甲社区"], "year": PAST, "phase": "年终验收", "grade": "先进", "stars": "四星级", "honour": "区级"},
		{"organization": f"乙社区{t}", "year": PAST, "phase": "年初定级", "grade": "后进"},
		{"organization": f"乙社区{t}", "year": f"{PAST}年", "phase": "年底验收", "grade": "一般", "stars": "1"},
		{"organization": c["丙社区"], "year": PAST, "phase": "年初定级", "grade": "后进", "stars": "1"},
		{"organization": f"没有的社区-{t}", "year": PAST, "phase": "年初定级", "grade": "一般", "stars": "2"},
		{"organization": site, "year": PAST, "phase": "年初定级", "grade": "优秀站点"},
		{"organization": c["丁社区"], "year": current, "phase": "年初定级", "grade": "一般", "stars": "3"},
		{"organization": c["甲社区"], "year": PAST, "phase": "Initial", "grade": "Advanced", "stars": "4"},
	]
	_h, content = fill("results", rows)

	def run(dry_run, file_content=content):
		r = api.post(IMPORT, {"kind": "results", "file_url": upload(api, file_content, "既往结果.xlsx"), "dry_run": dry_run})
		assert r.status_code == 200, message(r)
		frappe.db.rollback()
		return r.json()["message"]

	check = run(1)
	assert check["imported"] == 6 and [e["row"] for e in check["errors"]] == [6, 7, 10], check
	assert not frappe.db.exists("Assessment Sheet", {"organization": c["甲社区"]})  # the check imported nothing
	done = run(0)
	print("导入既往定级结果：", done)
	reasons = {e["row"]: e["reason"] for e in done["errors"]}
	assert done["rows"] == 9 and done["imported"] == 6, done
	assert reasons == {
		6: "后进（较差）党组织不评定星级，星级应为空或0",
		7: f"党组织“没有的社区-{t}”不存在，或不在您管理的范围内",
		10: f"“{c['甲社区']}”{PAST}年度年初定级在本表第2行已经出现",
	}

	# the ledger of that year, in the grade names every screen shows
	_cols, data, _page = ledger({"campaign_year": PAST, "reporting_unit": street.name})
	got = {r["organization"]: (r["initial_grade"], r["initial_stars"], r["year_end_grade"], r["year_end_stars"], r["movement"])
		for r in data}
	assert got == {
		c["甲社区"]: ("一般", 2, "先进", 4, "晋位升级"),
		c["乙社区"]: ("后进", 0, "一般", 1, "晋位升级"),
		site: ("优秀站点", 0, "", None, "待验收"),
	}, got
	# that year's rates start from the imported April grades
	table = rate_table(PAST, street.name)
	assert table[("社区", "ordinary_upgrade")] == (1, 1) and table[("社区", "lagging_conversion")] == (1, 1)
	assert table[("社区", "two_star_upgrade")] == (1, 1)
	# this year's April grading done on paper: the start; December graded in the app: the end
	graded(c["丁社区"], "Year End", "Advanced", 4)
	frappe.db.commit()
	assert rate_table(current, street.name)[("社区", "ordinary_upgrade")] == (1, 1)
	assert rate_table(current, street.name)[("社区", "three_star_upgrade")] == (1, 1)

	# an imported result is a decided sheet that names its source and who imported it
	name = frappe.db.get_value("Assessment Sheet", {"organization": c["甲社区"], "phase": "Initial"}, "name")
	sheet = api.get(f"/api/resource/Assessment Sheet/{name}").json()["data"]
	assert sheet["docstatus"] == 1 and sheet["workflow_state"] == "Graded" and sheet["campaign_year"] == PAST
	assert sheet["import_source"] == "导入：既往结果.xlsx 第2行；2009年台账", sheet["import_source"]
	assert [(s["to_state"], s["user"], s["result"]) for s in sheet["steps"]] == [("Graded", users["district"], "导入既往定级结果")]
	assert frappe.db.get_value("Party Organization", c["甲社区"], ["current_grade", "current_stars", "current_grade_year"]) == (
		"Advanced", 4, PAST)
	assert frappe.db.get_value("Assessment Sheet", {"organization": c["甲社区"], "phase": "Year End"}, "honour") == "district"

	# the same file again: every row already has its result
	again = run(0)
	assert again["imported"] == 0 and all("已有结果" in e["reason"] or e["row"] in (6, 7, 10) for e in again["errors"]), again

	# a wrong import is revoked by the District Admin like any decision, and imported again
	wrong = frappe.db.get_value("Assessment Sheet", {"organization": c["乙社区"], "phase": "Year End"}, "name")
	doc = api.get(f"/api/resource/Assessment Sheet/{wrong}").json()["data"]
	r = api.post(APPLY, {"doc": dict(doc, cancel_reason="导入时等次填错"), "action": "Revoke Grading"})
	assert r.status_code == 200, message(r)
	frappe.db.rollback()
	_cols, data, _page = ledger({"campaign_year": PAST, "reporting_unit": street.name})
	assert {r["organization"]: r["movement"] for r in data}[c["乙社区"]] == "待验收"
	_h, fixed = fill("results", [{"organization": c["乙社区"], "year": PAST, "phase": "年终验收", "grade": "先进", "stars": "4"}])
	assert run(0, fixed) == {"rows": 1, "imported": 1, "errors": [], "dry_run": False}
	assert rate_table(PAST, street.name)[("社区", "lagging_conversion")] == (1, 1)

	# only the district imports results
	# (a leader cannot even upload the file: it writes nothing)
	r = Rest(users["leader"]).s.post(f"{BASE_URL}/api/method/upload_file", timeout=30, data={"is_private": 1},
		files={"file": ("结果.xlsx", content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")})
	assert r.status_code == 403 and "领导账号只能查看" in message(r), (r.status_code, message(r))
	their = Rest(users["unit"])
	r = their.post(IMPORT, {"kind": "results", "file_url": upload(their, content), "dry_run": 1})
	assert r.status_code == 403 and "您无权导入既往定级结果" in message(r), (r.status_code, message(r))
