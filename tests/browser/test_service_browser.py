"""The service as a District Admin meets it in the desk: realtime progress of a bulk creation
arriving through the web port (nginx's /socket.io, the realtime server behind it), and
organisations imported with Frappe's Data Import."""

import os
import time

import frappe
import pytest

from .conftest import ARTIFACTS, BASE, User, make_user, uid


@pytest.fixture(scope="module")
def district_admin():
	frappe.set_user("Administrator")
	if not frappe.db.exists("Campaign Year", "2012"):
		frappe.get_doc({"doctype": "Campaign Year", "year": 2012, "is_current": 1}).insert()
	user = make_user(f"svc-{uid()}@test.local", ["District Admin"], "区委组织部")
	frappe.db.commit()
	return user


def test_realtime_progress_of_a_bulk_creation_arrives_through_the_web_port(browser, district_admin):
	from sanfenlei_app.bulk import QUEUE_ABOVE
	from tests.integration.test_tree_scale import build_street

	unit = build_street(QUEUE_ABOVE + 5)  # large enough for the background queue, with progress
	frappe.db.commit()
	u = User(browser, district_admin)
	try:
		page = u.go("/app/assessment-sheet")
		assert BASE.endswith(os.environ.get("SANFENLEI_WEB", "http://127.0.0.1:8000").rsplit(":", 1)[-1])
		page.evaluate("() => frappe.realtime.connect()")  # the desk connects on first use
		page.wait_for_function("() => frappe.realtime.socket && frappe.realtime.socket.connected", timeout=20000)
		page.evaluate("""(unit) => {
			window.__progress = [];
			frappe.realtime.on("progress", (d) => window.__progress.push(d));
			window.__queued = frappe.call("sanfenlei_app.bulk.create_sheets_for_unit", {unit}).then((r) => r.message);
		}""", unit)
		page.wait_for_function("() => window.__progress.length > 0 && window.__progress.some((d) => d.percent >= 99)",
			timeout=180000)
		events = page.evaluate("window.__progress")
		queued = page.evaluate("window.__queued")
		u.shot("realtime-progress", phone_too=False)
		print(f"\nrealtime: {len(events)} progress events through {BASE}/socket.io, last {events[-1]}; {queued}")
		assert queued == {"queued": QUEUE_ABOVE + 6}  # the communities and the street committee itself
		assert "批量创建" in events[0]["title"]
		frappe.db.rollback()
		assert frappe.db.count("Assessment Sheet", {"reporting_unit": unit}) == QUEUE_ABOVE + 6
	finally:
		u.close()


def test_district_admin_imports_organisations_with_data_import(browser, district_admin):
	"""/app/data-import as District Admin (no System Manager): a CSV of three communities under
	an existing street, imported by Frappe's Data Import, run by the background worker."""
	from tests.integration.conftest import Tree

	t = Tree()
	street = t.street(t.district(), "导入街道")
	frappe.db.commit()
	tag = uid()
	path = os.path.join(ARTIFACTS, f"orgs-{tag}.csv")
	with open(path, "w", encoding="utf-8") as f:
		f.write("organization_name,org_level,parent_party_organization,domain\n")
		for i in range(3):
			f.write(f"导入社区{i}-{tag},Grassroots,{street.name},Community\n")
	u = User(browser, district_admin)
	try:
		page = u.go("/app/data-import/new")
		page.wait_for_selector("[data-fieldname='reference_doctype'] input", timeout=20000)
		page.evaluate("""() => { cur_frm.set_value("reference_doctype", "Party Organization");
			cur_frm.set_value("import_type", "Insert New Records"); }""")
		page.wait_for_timeout(800)
		page.keyboard.press("Control+s")
		page.wait_for_function("() => !cur_frm.is_new()", timeout=20000)
		# the import file, attached through the form's own uploader
		page.locator("[data-fieldname='import_file'] button").first.click()
		page.locator(".file-uploader input[type=file]").set_input_files(path)
		page.locator(".modal:visible .btn-modal-primary").click()
		page.wait_for_function("() => cur_frm.doc.import_file && !cur_frm.is_dirty()", timeout=30000)
		page.wait_for_timeout(1500)
		u.shot("data-import-ready", phone_too=False)
		page.locator(".page-actions button.primary-action:visible").click()  # 开始导入
		deadline = time.monotonic() + 180
		status = None
		while time.monotonic() < deadline:
			frappe.db.rollback()
			status = frappe.db.get_value("Data Import", {"owner": district_admin, "reference_doctype": "Party Organization"},
				"status", order_by="creation desc")
			if status in ("Success", "Partial Success", "Error"):
				break
			time.sleep(2)
		page.reload()
		page.wait_for_timeout(2000)
		u.shot("data-import-done", phone_too=False)
		imported = frappe.get_all("Party Organization", filters={"organization_name": ["like", f"导入社区%-{tag}"]},
			fields=["name", "parent_party_organization", "domain"])
		print(f"\ndata import: {status}, {len(imported)} organisations")
		assert status == "Success" and len(imported) == 3
		assert {o.parent_party_organization for o in imported} == {street.name}
	finally:
		u.close()
