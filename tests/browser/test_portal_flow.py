"""A secretary fills and moves a grading sheet on the portal, the street admin decides it
and the district approves it in the desk, the leader's dashboard counts change, and a
secretary of another organisation cannot open the sheet — all in a real browser."""

import os

import frappe
import pytest

from .conftest import ARTIFACTS, BASE, PHONE, User, make_user, uid

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


def no_overflow(page, where):
	"""Nothing on the page is wider than the phone's 390 px."""
	width = page.evaluate("document.documentElement.scrollWidth")
	assert width <= 392, f"{where}: the page is {width} px wide at 390 px"


def settle(page):
	page.wait_for_load_state("networkidle")
	page.wait_for_timeout(500)


def add_deduction(page, idx, points, reason, photo=None):
	"""One row of 扣分、加分记录 on the phone page: points, reason and (optionally) a photo."""
	item = page.locator(f".item[data-idx='{idx}']")
	item.locator("summary.dj-open-add").click()
	item.locator(".dj-points").fill(str(points))
	item.locator(".dj-reason").fill(reason)
	if photo:
		item.locator(".dj-file").set_input_files(photo)
	item.locator(".dj-add").click()
	page.wait_for_selector(f".item[data-idx='{idx}'] .entry:has-text('{reason}')")
	settle(page)


def fill_step(page, values):
	"""The current step's fields, as typed: each is saved when left (the page re-renders)."""
	for field, value in values.items():
		box = page.locator(f".dj-field[data-field='{field}']")
		if box.evaluate("e => e.tagName") == "SELECT":
			box.select_option(value)
		else:
			box.fill(str(value))
			box.dispatch_event("change")
		settle(page)
		assert not page.locator(".dj-error:visible").count(), page.locator(".dj-error").inner_text()


def move_on_page(page, action):
	page.locator(f".dj-move[data-action='{action}']").click()
	settle(page)
	page.wait_for_timeout(800)


def photo_file():
	"""A real photo-sized JPEG-less PNG on disk, as a phone's camera would hand it over."""
	from ..integration.test_evidence import png

	path = os.path.join(ARTIFACTS, f"meeting-record-{uid()}.png")
	with open(path, "wb") as f:
		f.write(png(uid()))
	return path


def test_secretary_fills_and_moves_the_sheet_on_the_portal(browser, flow):
	sec = User(browser, flow.users["sec"])
	page = sec.page
	page.set_viewport_size(PHONE)
	assert page.url.endswith("/sanfenlei"), page.url  # the secretary's home page
	text = page.inner_text(".sfl")
	assert "当前阶段" in text and flow.org in text and "尚未定级" in text and "组织现状调查表" in text
	no_overflow(page, "home")
	page.screenshot(path=os.path.join(ARTIFACTS, "portal-home-phone.png"), full_page=True)

	page.locator(f".org[data-org='{flow.org}'] button.sfl-start[data-phase='Initial']").click()
	page.wait_for_url("**/dingji?name=*")
	page.wait_for_selector(".dj .item[data-idx='1']")
	name = page.url.split("name=")[-1]
	flow.sheet["name"] = name
	assert "现在由" in page.inner_text(".dj .head") and "王书记" in page.inner_text(".dj-acting")
	# the standard's scoring points, each with its 扣分办法, ready for deductions with a photo
	assert "扣分办法" in page.locator(".item[data-idx='1']").inner_text()
	add_deduction(page, 1, 5, "支部委员缺额一名", photo_file())
	add_deduction(page, 2, 4, "班子未按期换届")
	add_deduction(page, 2, 6, "班子成员缺额两人")
	assert page.locator(".item[data-idx='1'] .entry img").count() == 1  # the photo's thumbnail
	fill_step(page, {"satisfaction": "92", "upgrade_target": "Advanced",
		"rectification_measures": "一年内完成班子换届，每月开展主题党日", "upgrade_deadline": "2012-11-30",
		"contact_phone": "028-84000000"})
	no_overflow(page, "sheet")
	page.screenshot(path=os.path.join(ARTIFACTS, "portal-sheet-phone.png"), full_page=True)
	frappe.db.rollback()
	sheet = frappe.get_doc("Assessment Sheet", name)
	assert sheet.total_score == 85 and sheet.grade == "Advanced" and sheet.items[0].deduction == 5
	assert [(e.item_no, e.points, e.reason) for e in sheet.entries] == [
		(1, 5, "支部委员缺额一名"), (2, 4, "班子未按期换届"), (2, 6, "班子成员缺额两人")]
	assert sheet.rectification_measures.startswith("一年内") and "先进" in sheet.explanation
	evidence = sheet.entries[0].evidence
	assert frappe.db.get_value("File", {"file_url": evidence}, ["attached_to_doctype", "attached_to_name", "is_private"]) == (
		"Assessment Sheet", name, 1)
	flow.sheet["evidence"] = evidence
	assert "meeting-record" not in evidence and len(evidence.rsplit("-", 1)[-1]) >= 24  # an unguessable name

	move_on_page(page, "Start Mass Review")
	assert state(name) == ("Mass Preliminary Review", 0)
	assert "群众初评" in page.inner_text(".dj-state")
	# leaving a step without its record is refused, with the reason shown to the secretary
	move_on_page(page, "Complete Mass Review")
	assert "请先填写" in page.inner_text(".dj-error")
	assert state(name) == ("Mass Preliminary Review", 0)

	fill_step(page, {"mass_meeting_date": "2012-04-05", "mass_attendance": "48", "mass_grade": "Ordinary"})
	move_on_page(page, "Complete Mass Review")
	fill_step(page, {"member_meeting_date": "2012-04-08", "member_attendance": "31", "member_grade": "Advanced"})
	move_on_page(page, "Complete Member Appraisal")
	fill_step(page, {"self_grade": "Advanced", "self_basis": "两次会议多数意见为先进，近三年考核良好"})
	move_on_page(page, "Submit Self Grade for Review")
	# before the votes are in, neither 通过 nor 未通过 is offered; then the buttons follow the votes typed
	assert page.locator(".dj-move[data-action^='Ballot']").count() == 0
	assert "请先填写" in page.inner_text(".dj-waiting")
	fill_step(page, {"votes_for": "10", "votes_against": "20", "votes_abstain": "3"})
	assert page.locator(".dj-move[data-action='Ballot Failed']").count() == 1
	assert page.locator(".dj-move[data-action='Ballot Passed']").count() == 0
	fill_step(page, {"votes_for": "40", "votes_against": "5", "votes_abstain": "3"})
	assert page.locator(".dj-move[data-action='Ballot Passed']").count() == 1
	assert page.locator(".dj-move[data-action='Ballot Failed']").count() == 0
	no_overflow(page, "ballot")
	move_on_page(page, "Ballot Passed")
	assert state(name) == ("Superior Decision", 0)
	assert "上级评定" in page.inner_text(".dj-state") and "街道管理员" in page.inner_text(".dj-acting")
	# nothing more for the secretary to do at this step
	assert page.locator(".dj-move").count() == 0 and page.locator(".dj-field").count() == 0
	page.screenshot(path=os.path.join(ARTIFACTS, "portal-sheet-after-phone.png"), full_page=True)
	pdf = page.request.get(BASE + page.locator(".dj-print").get_attribute("href"), timeout=120000)
	assert pdf.status == 200 and pdf.body()[:5] == b"%PDF-"  # 附件2 in its official layout, as a PDF
	home = sec.go("/sanfenlei")
	assert "上级评定" in home.locator(f".item[data-name='{name}'] .sfl-state").inner_text()
	# nothing left for the secretary at this step: the row offers 查看, not 打开填写
	assert home.locator(f".item[data-name='{name}'] a.btn").first.inner_text().strip() == "查看"
	no_overflow(home, "home after")
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


def test_secretary_walks_decembers_acceptance_on_a_phone(browser, flow):
	"""年底验收 on the phone: after April's grading is approved the home page offers December's
	sheet; the secretary starts the self check, records a deduction with its reason, the report,
	the appraisal meeting and the self-check grade, then the satisfaction test, and hands the
	sheet to the street (上级确认)."""
	sec = User(browser, flow.users["sec"])
	page = sec.page
	page.set_viewport_size(PHONE)
	home = sec.go("/sanfenlei")
	home.locator(f".org[data-org='{flow.org}'] button.sfl-start[data-phase='Year End']").click()
	page.wait_for_url("**/dingji?name=*")
	page.wait_for_selector(".dj .item[data-idx='1']")
	name = page.url.split("name=")[-1]
	assert name != flow.sheet["name"] and "年底验收" in page.inner_text(".dj .head")
	# December's sheet follows its own path: no mass review here
	assert page.locator(".dj-move[data-action='Start Mass Review']").count() == 0
	move_on_page(page, "Start Self Check")
	assert state(name) == ("Self Check", 0) and "自查" in page.inner_text(".dj-state")
	add_deduction(page, 3, 2, "全年有两个月未按时开展组织生活")
	move_on_page(page, "Submit Self Check")
	assert "请先填写" in page.inner_text(".dj-error") and state(name) == ("Self Check", 0)
	fill_step(page, {"self_check_report": "全年争创目标基本完成，班子换届已落实",
		"appraisal_meeting_date": "2012-11-28", "self_check_grade": "Advanced"})
	no_overflow(page, "year-end self check")
	move_on_page(page, "Submit Self Check")
	assert state(name) == ("Satisfaction Test", 0)
	fill_step(page, {"satisfaction": "93"})
	move_on_page(page, "Submit Satisfaction Test")
	assert state(name) == ("Superior Confirmation", 0)
	assert page.locator(".dj-move").count() == 0 and "街道管理员" in page.inner_text(".dj-acting")
	page.screenshot(path=os.path.join(ARTIFACTS, "portal-year-end-phone.png"), full_page=True)
	frappe.db.rollback()
	sheet = frappe.get_doc("Assessment Sheet", name)
	assert [(e.item_no, e.points) for e in sheet.entries] == [(3, 2)] and sheet.satisfaction == 93
	assert sheet.self_check_grade == "Advanced" and sheet.total_score == 98
	sec.close()


def test_another_secretary_cannot_open_the_sheet(browser, flow):
	name = flow.sheet["name"]
	other = User(browser, flow.users["other_sec"])
	for path in (f"/sheet/{name}", f"/sheet/{name}/edit", f"/dingji?name={name}"):
		page = other.go(path)
		body = page.inner_text("body")
		assert flow.org not in body and "支部委员缺额一名" not in body
		assert "权限" in body or "not permitted" in body.lower()
	# the evidence photo: the street admin opens it, another secretary gets 403
	assert other.page.request.get(f"{BASE}{flow.sheet['evidence']}").status == 403
	unit = User(browser, flow.users["unit"])
	assert unit.page.request.get(f"{BASE}{flow.sheet['evidence']}").status == 200
	unit.close()
	other.shot("portal-not-permitted", phone_too=False)
	home = other.go("/sanfenlei").inner_text(".sfl")
	assert flow.other in home and flow.org not in home
	other.close()


def test_the_secretary_confirms_the_organisations_commitment_on_a_phone(browser, flow):
	"""公开承诺书（附件7）: written on the phone, confirmed (书记签字) on the phone, then public."""
	frappe.set_user("Administrator")
	name = frappe.get_doc({"doctype": "Organization Commitment", "organization": flow.org, "campaign_year": "2012",
		"commitments": "每月开展一次主题党日，每季度公开一次党务"}).insert().name
	frappe.db.commit()
	sec = User(browser, flow.users["sec"])
	page = sec.page
	page.set_viewport_size(PHONE)
	row = sec.go("/sanfenlei").locator(f".item[data-name='{name}']")
	assert "待书记确认" in row.inner_text()
	row.locator("button.sfl-confirm-org").click()
	dialog = page.locator(".modal.show")
	dialog.wait_for()
	assert "书记签字" in dialog.inner_text() and "是" in dialog.inner_text()
	dialog.locator(".btn-primary").first.click()
	page.wait_for_timeout(1500)
	page.wait_for_load_state("networkidle")
	assert "已确认并公示" in page.locator(f".item[data-name='{name}']").inner_text()
	no_overflow(page, "commitment confirmed")
	frappe.db.rollback()
	assert frappe.db.get_value("Organization Commitment", name, ["published", "confirmed_by"]) == (1, flow.users["sec"])
	assert flow.org in sec.go("/gongshi").inner_text("body")
	sec.close()


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
