"""The District Admin sets the district up in the desk, without a System Manager: creates a
street's administrator in Frappe's User form (the role editor offers the campaign's roles only),
makes them the street's 单位管理员, and through each list's 导入 (checked first, then imported)
brings a 党委 with its two 支部, their users with roles and assignments (导入用户), and last
year's results (导入既往定级结果)."""

import os

import frappe

from .conftest import ARTIFACTS, DESKTOP, PHONE, User, make_user, uid


def save(page):
	"""Ctrl+S, waiting for the save's own answer; each message that answer carries (e.g. that the new
	account has no role yet, and on a site with mail that the welcome e-mail was sent) is waited for
	until Frappe shows it, checked to be Chinese and closed. Returns the messages' texts."""
	import json

	with page.expect_response(lambda r: "frappe.desk.form.save.savedocs" in r.url, timeout=30000) as answer:
		page.keyboard.press("Control+s")
	messages = [json.loads(m) for m in json.loads(answer.value.json().get("_server_messages") or "[]")]
	page.wait_for_function("() => !cur_frm.is_dirty() && !frappe.dom.freeze_count", timeout=20000)
	notes = [m.get("message", "") for m in messages if isinstance(m, dict) and m.get("alert")]  # shown as toasts
	if any(not (isinstance(m, dict) and m.get("alert")) for m in messages):  # the rest in one dialog
		dialog = page.locator(".modal.show .msgprint").first
		dialog.wait_for(state="visible", timeout=20000)
		text = page.locator(".modal.show").first.inner_text()
		notes.append(text)
		assert not any(w in text for w in ("Newly", "has no roles", "Message")), text
		page.locator(".modal.show:has(.msgprint) .btn-modal-close").first.click()
		page.wait_for_function("() => !document.querySelector('.modal.show .msgprint')", timeout=10000)
	return notes


def import_through_dialog(u, route, title, content, filename, nothing_yet=None):
	"""In the list at ``route``: 导入 → ``title``, the file uploaded, 检查（不导入） (asserting it
	imported nothing: ``nothing_yet()`` is asserted), then 导入.  Returns the check's report text; waits for the
	import's report."""
	page = u.page
	path = os.path.join(ARTIFACTS, filename)
	with open(path, "wb") as f:
		f.write(content)
	u.go(route)
	page.locator(".page-actions .inner-group-button button:has-text('导入')").first.click()
	page.locator(f".dropdown-menu a:has-text('{title}')").first.click()
	dialog = page.locator(".modal.show")
	dialog.locator("[data-fieldname='file'] button").first.click()
	page.locator(".file-uploader input[type=file]").set_input_files(path)
	page.locator(".modal.show .btn-modal-primary:has-text('上传')").click()
	page.wait_for_function("() => cur_dialog && cur_dialog.get_value('file')", timeout=20000)
	dialog = page.locator(".modal.show")
	dialog.locator(".btn-modal-secondary:has-text('检查')").click()
	dialog.locator(".sfl-import-result").wait_for(timeout=60000)
	checked = dialog.locator(".sfl-import-result").inner_text()
	page.set_viewport_size(PHONE)  # the report fits the dialog on a phone: nothing cut off
	page.wait_for_timeout(500)
	wide = page.evaluate("() => { const b = document.querySelector('.modal.show .modal-body'); return [b.scrollWidth, b.clientWidth]; }")
	assert wide[0] <= wide[1] + 1, f"{title}: the report is {wide[0] - wide[1]} px wider than the dialog at 390 px"
	page.set_viewport_size(DESKTOP)
	frappe.db.rollback()
	if nothing_yet:
		assert nothing_yet(), f"{title}: the check imported something"
	dialog.locator(".btn-modal-primary:has-text('导入')").click()
	page.wait_for_function("() => document.querySelector('.modal.show .sfl-import-result') && "
		"document.querySelector('.modal.show .sfl-import-result').innerText.includes('已导入')", timeout=60000)
	u.shot(f"desk-{title}", phone_too=False)
	frappe.db.rollback()
	return checked


def test_district_admin_creates_a_unit_admin_and_imports_organisations_users_and_results(browser):
	from tests.integration.conftest import Tree
	from tests.integration.test_import import fill

	frappe.set_user("Administrator")
	t = Tree()
	street = t.street(t.district(), "设置街道")
	district = make_user(f"setup-{uid()}@test.local", ["District Admin"], "区委组织部管理员")
	frappe.db.commit()
	u = User(browser, district)
	page = u.page
	try:
		# 1. a new account in Frappe's User form
		email = f"jiedao-{t.tag}@test.local"
		u.go("/app/user/new")
		page.locator(".frappe-control[data-fieldname='email'] input").fill(email)
		page.locator(".frappe-control[data-fieldname='first_name'] input").fill("设置街道管理员")
		save(page)
		page.wait_for_function("() => cur_frm && !cur_frm.is_new()", timeout=20000)
		editor = page.locator(".role-editor")
		editor.wait_for(state="attached", timeout=20000)
		# the editor draws its boxes once the roles it may offer arrive from the server
		page.wait_for_function("() => document.querySelectorAll('.role-editor input[type=checkbox]').length > 0",
			timeout=20000)
		page.evaluate("() => cur_frm.scroll_to_field('roles_html')")
		offered = sorted(page.locator(".role-editor input[type=checkbox]").evaluate_all(
			"(boxes) => boxes.map((b) => b.dataset.unit)"))
		from sanfenlei_app.users import campaign_roles

		assert offered == sorted(campaign_roles()), offered  # never System Manager
		page.locator(".role-editor input[type=checkbox][data-unit='Reporting Unit Admin']").check()
		save(page)
		u.shot("desk-user-created", phone_too=False)
		frappe.db.rollback()
		assert frappe.get_roles(email).count("Reporting Unit Admin") == 1

		# 2. the street's 单位管理员
		u.go(f"/app/party-organization/{street.name}")
		page.wait_for_selector(".frappe-control[data-fieldname='unit_admins'] input", state="attached")
		page.evaluate("""(email) => cur_frm.set_value("unit_admins", [{user: email}])""", email)
		save(page)
		frappe.db.rollback()
		assert [r.user for r in frappe.get_doc("Party Organization", street.name).unit_admins] == [email]

		# 3. 导入党组织 from the template: a 党委 after its two 支部, words as the screens show them
		_h, content = fill("organizations", [
			{"organization_name": f"一支部-{t.tag}", "org_level": "基层党组织", "parent_party_organization": f"机关党委-{t.tag}", "domain": "社区"},
			{"organization_name": f"二支部-{t.tag}", "org_level": "基层党组织", "parent_party_organization": f"机关党委-{t.tag}", "domain": "社区"},
			{"organization_name": f"机关党委-{t.tag}", "org_level": "基层党组织", "org_form": "党委",
				"parent_party_organization": street.name, "domain": "社区"},
			{"organization_name": f"错行-{t.tag}", "org_level": "基层党组织", "parent_party_organization": f"没有的街道-{t.tag}"},
		])
		checked = import_through_dialog(u, "/app/party-organization", "导入党组织", content, f"党组织导入-{t.tag}.xlsx",
			nothing_yet=lambda: not frappe.db.exists("Party Organization", f"机关党委-{t.tag}"))
		assert "共4行，可以导入3个党组织，1行未能导入" in checked and "5" in checked and "没有的街道" in checked, checked
		assert frappe.db.get_value("Party Organization", f"机关党委-{t.tag}", ["is_group", "org_form", "parent_party_organization"]) == (
			1, "Party Committee", street.name)
		assert frappe.db.count("Party Organization", {"parent_party_organization": f"机关党委-{t.tag}"}) == 2

		# 4. 导入用户 from the 用户 list: the new 支部's secretary and a leader, one bad row
		sec = f"zhibu-{t.tag}@test.local"
		_h, content = fill("users", [
			{"email": sec, "full_name": "一支部书记", "secretary_of": f"一支部-{t.tag}", "new_password": "Chengh#2012ua"},
			{"email": f"lingdao-{t.tag}@test.local", "full_name": "部门领导甲", "roles": "部门领导"},
			{"email": f"sm-{t.tag}@test.local", "full_name": "越权", "roles": "系统管理员"},
		])
		checked = import_through_dialog(u, "/app/user", "导入用户", content, f"用户导入-{t.tag}.xlsx",
			nothing_yet=lambda: not frappe.db.exists("User", sec))
		assert "共3行，可以导入2个用户，1行未能导入" in checked and "系统管理员" in checked, checked
		assert frappe.db.get_value("Party Organization", f"一支部-{t.tag}", "secretary_user") == sec
		assert "Organization Secretary" in frappe.get_roles(sec)

		# 5. 导入既往定级结果 from the 申报表 list: last year's grades of the imported branches
		last = str(frappe.utils.getdate().year - 1)
		_h, content = fill("results", [
			{"organization": f"一支部-{t.tag}", "year": last, "phase": "年终验收", "grade": "先进", "stars": "4"},
			{"organization": f"二支部-{t.tag}", "year": last, "phase": "年终验收", "grade": "后进", "stars": "2"},
		])
		checked = import_through_dialog(u, "/app/assessment-sheet", "导入既往定级结果", content, f"既往结果-{t.tag}.xlsx",
			nothing_yet=lambda: not frappe.db.exists("Assessment Sheet", {"organization": f"一支部-{t.tag}"}))
		assert "共2行，可以导入1条定级结果，1行未能导入" in checked and "后进（较差）党组织不评定星级" in checked, checked
		assert frappe.db.get_value("Assessment Sheet", {"organization": f"一支部-{t.tag}", "docstatus": 1},
			["decided_grade", "decided_stars"]) == ("Advanced", 4)
	finally:
		u.close()
