"""A secretary fills and moves a grading sheet on the portal, the street admin decides it
and the district approves it in the desk, the leader's dashboard counts change, and a
secretary of another organisation cannot open the sheet — all in a real browser."""

import os

import frappe
import pytest

from .conftest import ARTIFACTS, User, make_user, uid

APPROVED = {}


@pytest.fixture(scope="module")
def flow():
	from .conftest import Tree

	frappe.set_user("Administrator")
	if not frappe.db.exists("Campaign Year", "2012"):
		frappe.get_doc({"doctype": "Campaign Year", "year": 2012, "is_current": 1}).insert()
	t = Tree()
	d = t.district()
	street = t.street(d, "浏览器街道")
	users = {
		"sec": make_user(f"bs-{uid()}@test.local", ["Organization Secretary"], "王书记"),
		"other_sec": make_user(f"bo-{uid()}@test.local", ["Organization Secretary"], "李书记"),
		"unit": make_user(f"bu-{uid()}@test.local", ["Reporting Unit Admin"], "街道管理员"),
		"district": make_user(f"bd-{uid()}@test.local", ["District Admin"], "区委组织部"),
		"leader": make_user(f"bl-{uid()}@test.local", ["Campaign Leader"], "部门领导"),
	}
	org = t.org("浏览器社区党委", "Grassroots", street.name, domain="Community", secretary_user=users["sec"])
	other = t.org("另一社区党委", "Grassroots", street.name, domain="Community", secretary_user=users["other_sec"])
	street.append("unit_admins", {"user": users["unit"]})
	street.save()
	frappe.db.commit()
	return frappe._dict(org=org.name, other=other.name, street=street.name, users=users, sheet={})


def state(name):
	frappe.db.rollback()
	return frappe.db.get_value("Assessment Sheet", name, ["workflow_state", "docstatus"])


def fill(page, values):
	"""Fill web-form controls the way a user types: text, numbers, dates, selects."""
	for field, value in values.items():
		select = page.locator(f"select[data-fieldname='{field}']")
		if select.count():
			select.first.select_option(value)
			continue
		box = page.locator(f"input[data-fieldname='{field}'], textarea[data-fieldname='{field}']").first
		box.fill(str(value))
		box.press("Tab")
		page.keyboard.press("Escape")  # close a date picker


def save_form(page):
	page.locator("button.submit-btn").first.click()
	page.wait_for_timeout(1500)
	page.wait_for_load_state("networkidle")


def edit_sheet(user, name, values):
	page = user.go(f"/sheet/{name}/edit")
	fill(page, values)
	save_form(page)
	body = page.inner_text("body")
	assert "已成功保存" in body or "已保存" in body or "/sanfenlei" in page.url, body[:800]


def move_on_portal(user, name, action):
	page = user.go("/sanfenlei")
	page.locator(f".item[data-name='{name}'] button.sfl-move[data-action='{action}']").click()
	page.wait_for_timeout(1500)
	page.wait_for_load_state("networkidle")
	return page


def add_entry(page, n, item_no, points, reason):
	"""A row of 扣分、加分记录 on the portal's grid: the item's number, the points, the reason."""
	grid = page.locator(".frappe-control[data-fieldname='entries']")
	grid.locator(".grid-add-row").click()
	row = grid.locator(f".grid-body .grid-row[data-idx='{n}']")
	for field, value, tag in (("item_no", item_no, "input"), ("points", points, "input"), ("reason", reason, "textarea")):
		row.locator(f".grid-static-col[data-fieldname='{field}']").click()
		row.locator(f"{tag}[data-fieldname='{field}']").fill(str(value))


def test_secretary_fills_and_moves_the_sheet_on_the_portal(browser, flow):
	sec = User(browser, flow.users["sec"])
	page = sec.page
	assert page.url.endswith("/sanfenlei"), page.url  # the secretary's home page
	text = page.inner_text(".sfl")
	assert "当前阶段" in text and flow.org in text and "尚未定级" in text and "组织现状调查表" in text
	sec.shot("portal-home")

	page.locator(f".org[data-org='{flow.org}'] button.sfl-start[data-phase='Initial']").click()
	page.wait_for_url("**/sheet/*/edit")
	page.wait_for_load_state("networkidle")
	name = page.url.rstrip("/").split("/")[-2]
	flow.sheet["name"] = name
	# the standard's scoring points are listed, in Chinese, ready for deductions
	assert page.locator(".grid-row[data-idx='1'] [data-fieldname='content']").inner_text().strip()
	add_entry(page, 1, 1, 5, "支部委员缺额一名")
	add_entry(page, 2, 2, 10, "班子未按期换届")
	fill(page, {"satisfaction": "92", "upgrade_target": "Advanced",
		"rectification_measures": "一年内完成班子换届，每月开展主题党日", "upgrade_deadline": "2012-11-30",
		"contact_phone": "028-84000000"})
	page.locator(".web-form-header, .web-form-title, h1").first.click()  # close any date picker
	sec.shot("portal-sheet")
	save_form(page)
	frappe.db.rollback()
	sheet = frappe.get_doc("Assessment Sheet", name)
	assert sheet.total_score == 85 and sheet.grade == "Advanced" and sheet.items[0].deduction == 5
	assert [(e.item_no, e.points, e.reason) for e in sheet.entries] == [(1, 5, "支部委员缺额一名"), (2, 10, "班子未按期换届")]
	assert sheet.rectification_measures.startswith("一年内") and "先进" in sheet.explanation

	page = move_on_portal(sec, name, "Start Mass Review")
	assert state(name) == ("Mass Preliminary Review", 0)
	assert "群众初评" in page.locator(f".item[data-name='{name}'] .sfl-state").inner_text()
	# leaving a step without its record is refused, with the reason shown to the secretary
	page.locator(f".item[data-name='{name}'] button.sfl-move[data-action='Complete Mass Review']").click()
	page.wait_for_selector(".modal-dialog:visible, .msgprint")
	assert "请先填写" in page.locator(".modal-dialog:visible").last.inner_text()
	assert state(name) == ("Mass Preliminary Review", 0)

	edit_sheet(sec, name, {"mass_meeting_date": "2012-04-05", "mass_attendance": "48", "mass_grade": "Ordinary"})
	move_on_portal(sec, name, "Complete Mass Review")
	edit_sheet(sec, name, {"member_meeting_date": "2012-04-08", "member_attendance": "31", "member_grade": "Advanced"})
	move_on_portal(sec, name, "Complete Member Appraisal")
	edit_sheet(sec, name, {"self_grade": "Advanced", "self_basis": "两次会议多数意见为先进，近三年考核良好"})
	move_on_portal(sec, name, "Submit Self Grade for Review")
	edit_sheet(sec, name, {"votes_for": "40", "votes_against": "5", "votes_abstain": "3"})
	page = move_on_portal(sec, name, "Ballot Passed")
	assert state(name) == ("Superior Decision", 0)
	assert "上级评定" in page.locator(f".item[data-name='{name}'] .sfl-state").inner_text()
	# nothing more for the secretary to do at this step
	assert page.locator(f".item[data-name='{name}'] button.sfl-move").count() == 0
	sec.shot("portal-home-after")
	sec.close()


def desk_action(page, label):
	"""Click a workflow action in the desk form's 操作 menu (and confirm when asked)."""
	page.locator(".page-actions .actions-btn-group > button").click()
	page.locator(f".page-actions .dropdown-menu a:has-text('{label}')").first.click()
	page.wait_for_timeout(800)
	confirm = page.locator(".modal.show .btn-primary:has-text('是'), .modal.show .btn-primary:has-text('Yes')")
	if confirm.count():
		confirm.first.click()
	page.wait_for_timeout(1500)
	page.wait_for_load_state("networkidle")


def card_value(page, label):
	card = page.locator(f".number-widget-box:has-text('{label}') .number").first
	card.wait_for()
	page.wait_for_function("(el) => el.innerText.trim() !== ''", arg=card.element_handle())
	return int(card.inner_text().replace(",", "").strip())


def test_street_admin_decides_and_the_district_approves_in_the_desk(browser, flow):
	name = flow.sheet["name"]
	leader = User(browser, flow.users["leader"])
	leader.go("/app/三分类三升级")
	before = {k: card_value(leader.page, k) for k in ("先进党组织", "待区委组织部审核的申报表")}

	unit = User(browser, flow.users["unit"])
	page = unit.go(f"/app/assessment-sheet/{name}")
	page.wait_for_timeout(1500)
	unit.shot("desk-sheet-open", phone_too=False)
	page.locator(".frappe-control[data-fieldname='decided_grade'] select").wait_for(state="attached")
	page.locator(".form-section:has([data-fieldname='decided_grade']) .section-head").first.click()
	page.locator(".frappe-control[data-fieldname='decided_grade'] select").select_option("Advanced")
	stars = page.locator(".frappe-control[data-fieldname='decided_stars'] input")
	stars.fill("4")
	stars.press("Tab")
	page.keyboard.press("Control+s")
	page.wait_for_timeout(1500)
	unit.shot("desk-sheet-decision", phone_too=False)
	desk_action(page, "报区委组织部审核")
	assert state(name) == ("District Review", 0)
	unit.close()

	leader.go("/app/三分类三升级")
	assert card_value(leader.page, "待区委组织部审核的申报表") == before["待区委组织部审核的申报表"] + 1

	district = User(browser, flow.users["district"])
	page = district.go(f"/app/assessment-sheet/{name}")
	page.wait_for_timeout(1000)
	desk_action(page, "批准")
	assert state(name) == ("Graded", 1)
	frappe.db.rollback()
	assert frappe.db.get_value("Party Organization", flow.org, ["current_grade", "current_stars"]) == ("Advanced", 4)
	district.close()

	leader.go("/app/三分类三升级")
	leader.page.wait_for_timeout(1500)
	assert card_value(leader.page, "待区委组织部审核的申报表") == before["待区委组织部审核的申报表"]
	assert card_value(leader.page, "先进党组织") == before["先进党组织"] + 1
	leader.page.wait_for_selector(".widget.dashboard-widget-box .chart-container svg", timeout=20000)
	leader.page.wait_for_timeout(2000)
	leader.shot("workspace")
	leader.close()

	sec = User(browser, flow.users["sec"])
	text = sec.go("/sanfenlei").inner_text(".sfl")
	assert "当前级次：先进" in text and "已定级" in text
	sec.close()


def test_another_secretary_cannot_open_the_sheet(browser, flow):
	name = flow.sheet["name"]
	other = User(browser, flow.users["other_sec"])
	for path in (f"/sheet/{name}", f"/sheet/{name}/edit"):
		page = other.go(path)
		body = page.inner_text("body")
		assert flow.org not in body and "支部委员缺额一名" not in body
		assert "权限" in body or "not permitted" in body.lower()
	other.shot("portal-not-permitted", phone_too=False)
	home = other.go("/sanfenlei").inner_text(".sfl")
	assert flow.other in home and flow.org not in home
	other.close()


def test_a_party_member_confirms_their_own_commitment_on_a_phone(browser, flow):
	member = make_user(f"bm-{uid()}@test.local", ["Party Member"], "张党员")
	name = frappe.get_doc({"doctype": "Member Commitment", "organization": flow.org, "campaign_year": "2012",
		"member_name": "张党员", "member_user": member, "commitments": "带头学习，每季度走访联系群众"}).insert().name
	frappe.db.commit()
	user = User(browser, member)
	user.page.set_viewport_size({"width": 390, "height": 844})
	page = user.go("/sanfenlei")
	row = page.locator(f".item[data-name='{name}']")
	assert "待本人确认" in row.inner_text() and "带头学习" in row.inner_text()
	user.page.screenshot(path=os.path.join(ARTIFACTS, "portal-member-phone.png"), full_page=True)
	row.locator("button.sfl-confirm").click()
	page.locator(".modal.show .btn-primary").first.click()  # 确认后即视为本人签名
	page.wait_for_timeout(1500)
	page.wait_for_load_state("networkidle")
	assert "本人已确认" in page.locator(f".item[data-name='{name}']").inner_text()
	frappe.db.rollback()
	assert frappe.db.get_value("Member Commitment", name, "confirmed") == 1
	user.close()
