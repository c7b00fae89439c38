"""推动晋位升级 on a phone (390 px): the secretary lists a measure of the upgrade plan as a milestone
from the portal home, then reports its progress with a photo; the home then shows it in progress
with its report; then records 践诺 on the published commitment; nothing is wider than the phone."""

import os

import frappe
from frappe.utils import add_days, getdate, nowdate

from tests.integration.test_evidence import png

from .conftest import ARTIFACTS, PHONE, User, make_user, uid
from .test_portal_flow import no_overflow, settle


def test_secretary_reports_progress_on_a_milestone_with_a_photo_at_phone_width(browser):
	"""On a day of 推动晋位升级 (15 June), so that the measure due ten days later falls in the same campaign year."""
	from tests.clock import day_in_tracking_phase, stack_on

	with stack_on(day_in_tracking_phase()) as day:
		secretary_reports_progress(browser, day)


def secretary_reports_progress(browser, day):
	import pytz

	from tests.integration.conftest import Tree
	from tests.integration.test_milestones import this_year

	frappe.set_user("Administrator")
	t = Tree()
	street = t.street(t.district(), "手机措施街道")
	sec = make_user(f"ms-phone-{uid()}@test.local", ["Organization Secretary"], "手机书记")
	org = t.org("手机措施社区", "Grassroots", street.name, domain="Community", secretary_user=sec).name
	year = this_year()
	# graded in April (一般, two stars): its targets and measures come next
	frappe.db.set_value("Party Organization", org, {"current_grade": "Ordinary", "current_stars": 2, "current_grade_year": year})
	pledge = frappe.get_doc({"doctype": "Organization Commitment", "organization": org, "campaign_year": year,
		"commitments": "一、每月开展主题党日"}).insert()
	pledge.db_set("published", 1)  # confirmed and public: 践诺 can be recorded
	current = frappe.db.get_value("Campaign Year", {"is_current": 1})
	frappe.get_doc("Campaign Year", year).update({"is_current": 1}).save()
	frappe.db.commit()
	photo = os.path.join(ARTIFACTS, f"进展照片-{t.tag}.png")
	with open(photo, "wb") as f:
		f.write(png(t.tag))
	u = User(browser, sec)
	page = u.page
	page.clock.install(time=pytz.timezone(frappe.utils.get_system_timezone()).localize(day))  # the phone's own clock
	page.set_viewport_size(PHONE)
	try:
		u.go("/sanfenlei")
		org_block = page.locator(f".org[data-org='{org}']")
		assert "升级措施（0项）" in org_block.inner_text()
		no_overflow(page, "home")
		org_block.locator(".sfl-add-milestone").click()
		settle(page)
		page.locator(".frappe-control[data-fieldname='measure'] textarea").fill("整理三会一课台账")
		page.locator(".frappe-control[data-fieldname='responsible'] input").fill("王书记")
		due = add_days(nowdate(), 10)
		page.evaluate("(d) => frappe.web_form.set_value('due_date', d)", str(due))
		no_overflow(page, "milestone form")
		page.locator(".web-form-actions .btn-primary, .btn.submit-btn").first.click()
		page.wait_for_function("() => document.body.innerText.includes('已保存')", timeout=20000)
		frappe.db.rollback()
		name = frappe.db.get_value("Upgrade Milestone", {"organization": org}, "name")
		assert name and frappe.db.get_value("Upgrade Milestone", name, "due_date") == getdate(due)

		u.go("/sanfenlei")
		item = page.locator(f".sfl-milestone[data-name='{name}']")
		assert "未开始" in item.inner_text() and "整理三会一课台账" in item.inner_text()
		item.locator(".sfl-report").click()
		settle(page)
		page.locator(".frappe-control[data-fieldname='progress_report'] textarea").fill("已整理1至6月会议记录")
		page.locator(".frappe-control[data-fieldname='evidence'] button").first.click()
		uploader = page.locator(".modal.show")
		uploader.locator(".file-uploader").wait_for()
		words = uploader.inner_text()
		assert "我的设备" in words or "本机文件" in words, words
		page.locator(".file-uploader input[type=file]").set_input_files(photo)
		page.wait_for_timeout(500)
		words = uploader.inner_text()
		english = [w for w in ("Upload", "Set all", "Optimize", "Private", "My Device", "Camera", "Link") if w in words]
		assert not english, f"the photo uploader speaks English: {english}"
		page.screenshot(path=os.path.join(ARTIFACTS, "portal-photo-uploader-phone.png"))
		uploader.locator(".btn-primary").last.click()
		page.wait_for_function("() => frappe.web_form.get_value('evidence')", timeout=20000)
		no_overflow(page, "progress form")
		u.shot("portal-milestone-progress-form", phone_too=False)
		page.locator(".web-form-actions .btn-primary, .btn.submit-btn").first.click()
		page.wait_for_function("() => document.body.innerText.includes('已保存')", timeout=20000)
		frappe.db.rollback()
		report = frappe.db.get_value("Milestone Progress", {"milestone": name}, ["name", "evidence", "reported_by"], as_dict=True)
		assert report and report.reported_by == sec and report.evidence, report
		assert frappe.db.get_value("File", {"file_url": report.evidence}, "attached_to_name") == report.name

		u.go("/sanfenlei")
		text = page.locator(f".sfl-milestone[data-name='{name}']").inner_text()
		assert "进行中" in text and "已报告进展1次" in text, text
		no_overflow(page, "home after the report")
		page.screenshot(path=os.path.join(ARTIFACTS, "portal-milestones-phone.png"), full_page=True)

		# 践诺 on the published commitment, from the home's button: the commitment comes with the link
		page.locator(".sfl-fulfil").click()
		settle(page)
		assert page.evaluate("() => frappe.web_form.get_value('organization_commitment')") == pledge.name
		page.locator(".frappe-control[data-fieldname='what_done'] textarea").fill("三月主题党日：清理楼道")
		no_overflow(page, "fulfilment form")
		page.locator(".web-form-actions .btn-primary, .btn.submit-btn").first.click()
		page.wait_for_function("() => document.body.innerText.includes('已保存')", timeout=20000)
		frappe.db.rollback()
		assert frappe.db.get_value("Commitment Fulfilment", {"organization_commitment": pledge.name},
			["what_done", "organization", "recorded_by"]) == ("三月主题党日：清理楼道", org, sec)
		u.go("/sanfenlei")
		assert "记录践诺（已记1次）" in page.locator(f".org[data-org='{org}']").inner_text()
	finally:
		u.close()
		frappe.get_doc("Campaign Year", current).update({"is_current": 1}).save()
		frappe.db.commit()
