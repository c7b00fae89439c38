"""Chinese everywhere a user looks, and no portal page wider than a phone.

A sweep, not a list of strings: every portal page and the main desk pages (workspace, the sheet's
list and form, the organisation tree and list, every report of the app) are opened as each role
that uses them; the text a user can see (text nodes that are displayed, placeholders, tooltips;
not text hidden for screen readers or faded out) is collected and every English word in it is a
failure, except codes (FLB-2012-00001), e-mail addresses, file names and a few words a Chinese
office uses as they are (PDF, Excel, Ctrl).  Portal pages are opened at 390 px and must not
overflow.  The test prints pages × roles checked and the words found."""

import os
import re

import frappe
import pytest

from .conftest import ARTIFACTS, BASE, PHONE, User, make_user, uid

# words a Chinese office uses as they are
ALLOWED = {"PDF", "Excel", "Ctrl", "Shift", "Enter", "Esc", "Alt", "Tab"}
CODE = re.compile(r"\b[A-Z]{1,6}-\d{4}(-\d+)+\b|\b[A-Z]{1,6}-\.?Y{4}\.?-\b")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
FILE = re.compile(r"[\w.-]+\.(png|jpe?g|gif|webp|pdf|xlsx?|csv|docx?)\b", re.I)
URL = re.compile(r"https?://\S+|/(app|files|private|api)/\S*")
# the tests' names carry a six-hex tag (语言社区党委-6e04ae)
TEST_TAG = re.compile(r"(?<![0-9A-Za-z])(?=[0-9a-f]{0,5}\d)[0-9a-f]{6}(?![0-9A-Za-z])")
WORD = re.compile(r"[A-Za-z]{2,}")

VISIBLE_TEXT = """() => {
	const hidden = (el) => {
		for (let e = el; e; e = e.parentElement) {
			const s = getComputedStyle(e);
			if (s.display === "none" || s.visibility === "hidden" || s.opacity === "0") return true;
			if (s.clip === "rect(0px, 0px, 0px, 0px)") return true;  // for screen readers only
		}
		const r = el.getBoundingClientRect();
		return r.width <= 1 || r.height <= 1;
	};
	const out = [];
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	while (walker.nextNode()) {
		const node = walker.currentNode, el = node.parentElement, text = node.textContent.trim();
		if (!text || !el || el.closest("script,style,noscript,template") || hidden(el)) continue;
		out.push(text);
	}
	document.querySelectorAll("[placeholder],[title],[data-placeholder]").forEach((el) => {
		if (hidden(el)) return;
		for (const a of ["placeholder", "title", "data-placeholder"]) if (el.getAttribute(a)) out.push(el.getAttribute(a));
	});
	return out;
}"""


def english_words(texts):
	"""{word: the text it was found in} of the English words in ``texts`` beyond the allow-list."""
	found = {}
	for text in texts:
		if "<" in text and ">" in text:
			continue  # markup typed into a name (the bad-input tests' data), shown escaped
		bare = TEST_TAG.sub(" ", URL.sub(" ", FILE.sub(" ", EMAIL.sub(" ", CODE.sub(" ", text)))))
		for word in WORD.findall(bare):
			if word not in ALLOWED:
				found.setdefault(word, text[:90].replace("\n", " "))
	return found


def test_the_sweep_finds_english():
	"""The sweep's own check: it catches an English word and lets codes and addresses pass."""
	assert english_words(["No new notifications"]) == {w: "No new notifications" for w in ("No", "new", "notifications")}
	assert english_words(["编号 FLB-2012-00553", "wang@test.local 上传 照片-1.png", "下载附件2（PDF）", "Ctrl + G"]) == {}
	assert set(english_words(["2012年 November"])) == {"November"}
	assert english_words(["语言社区党委-6e04ae", "金丝雀社区c6e09e-baeb6f"]) == {}
	assert set(english_words(["甲0-Com-20631f"])) == {"Com"}  # English in a name is English
	assert set(english_words(["Document has been submitted 6e04ae"])) == {"Document", "has", "been", "submitted"}


@pytest.fixture(scope="module")
def town():
	from tests.integration.conftest import Rest, Tree

	frappe.set_user("Administrator")
	if not frappe.db.exists("Campaign Year", "2012"):
		frappe.get_doc({"doctype": "Campaign Year", "year": 2012, "is_current": 1}).insert()
	t = Tree()
	d = t.district()
	street = t.street(d, "语言街道")
	users = {
		"Organization Secretary": make_user(f"ls-{uid()}@test.local", ["Organization Secretary"], "赵书记"),
		"Party Member": make_user(f"lm-{uid()}@test.local", ["Party Member"], "钱党员"),
		"Reporting Unit Admin": make_user(f"lu-{uid()}@test.local", ["Reporting Unit Admin"], "语言街道管理员"),
		"District Admin": make_user(f"ld-{uid()}@test.local", ["District Admin"], "区委组织部管理员"),
		"Campaign Leader": make_user(f"ll-{uid()}@test.local", ["Campaign Leader"], "部门领导"),
		"Evaluation Department": make_user(f"le-{uid()}@test.local", ["Evaluation Department"], "目督办"),
	}
	t.admin(street, users["Reporting Unit Admin"])
	org = t.org("语言社区党委", "Grassroots", street.name, domain="Community",
		secretary_user=users["Organization Secretary"])
	frappe.db.commit()
	# a sheet that went the whole way (its timeline has changes, moves and a decision) ...
	sec, unit, district = (Rest(users[r]) for r in ("Organization Secretary", "Reporting Unit Admin", "District Admin"))
	r = sec.post("/api/resource/Assessment Sheet", {"organization": org.name, "campaign_year": "2012", "phase": "Initial"})
	assert r.status_code == 200, r.text[-300:]
	doc = r.json()["data"]
	doc["entries"] = [{"item_no": 1, "points": 3, "reason": "支部委员缺额一名"}]
	doc["satisfaction"] = 90
	assert sec.put(f"/api/resource/Assessment Sheet/{doc['name']}", doc).status_code == 200
	graded = doc["name"]
	apply = "/api/method/frappe.model.workflow.apply_workflow"
	steps = [
		(sec, "Start Mass Review", {}),
		(sec, "Complete Mass Review", {"mass_meeting_date": "2012-04-05", "mass_attendance": 35, "mass_grade": "Advanced"}),
		(sec, "Complete Member Appraisal", {"member_meeting_date": "2012-04-08", "member_attendance": 40, "member_grade": "Advanced"}),
		(sec, "Submit Self Grade for Review", {"self_grade": "Advanced", "self_basis": "两次会议均评为先进"}),
		(sec, "Ballot Passed", {"votes_for": 30, "votes_against": 5, "votes_abstain": 3}),
		(unit, "Report to District", {"decided_grade": "Advanced", "decided_stars": 4, "decision_reason": "对照标准复核"}),
		(district, "Approve", {}),
	]
	for api, action, fields in steps:
		if fields:
			assert api.put(f"/api/resource/Assessment Sheet/{graded}", fields).status_code == 200, action
		current = api.get(f"/api/resource/Assessment Sheet/{graded}").json()["data"]
		r = api.post(apply, {"doc": current, "action": action})
		assert r.status_code == 200, (action, r.text[-300:])
	# ... December's sheet still open on the secretary's phone, and the other documents of the year
	year_end = sec.post("/api/resource/Assessment Sheet", {"organization": org.name, "campaign_year": "2012",
		"phase": "Year End"}).json()["data"]["name"]
	frappe.db.rollback()
	from tests.integration.test_status_survey import survey_values

	survey = frappe.get_doc(survey_values(org.name, funding_judgement="Partly", funding_problems="活动场所偏小")).insert().name
	commitment = frappe.get_doc({"doctype": "Organization Commitment", "organization": org.name,
		"campaign_year": "2012", "commitments": "每月开展一次主题党日"}).insert().name
	frappe.get_doc({"doctype": "Member Commitment", "organization": org.name, "campaign_year": "2012",
		"member_name": "钱党员", "member_user": users["Party Member"], "commitments": "带头学习"}).insert()
	frappe.db.commit()
	return frappe._dict(org=org.name, street=street.name, users=users, graded=graded, year_end=year_end, survey=survey,
		commitment=commitment)


def pages(town):
	"""(role, path, on a phone) for every page each role uses."""
	from urllib.parse import quote

	reports = frappe.get_all("Report", filters={"module": "Sanfenlei App", "disabled": 0, "is_standard": "Yes",
		"report_type": "Script Report"}, pluck="name", order_by="name")
	assert len(reports) >= 8, reports
	org = quote(town.org)
	portal = ["/sanfenlei", f"/dingji?name={town.graded}", f"/dingji?name={town.year_end}",
		f"/survey/{town.survey}/edit", f"/survey/new?organization={org}&campaign_year=2012",
		f"/plan/new?organization={org}&campaign_year=2012", f"/commitment/{town.commitment}/edit", "/gongshi"]
	# lists and reports as a user narrows them to one street: this site also holds every other test's
	# districts, whose names are not the pages' words
	street = f"reporting_unit={quote(town.street)}"
	desk = ["/app/三分类三升级", f"/app/assessment-sheet?{street}", f"/app/assessment-sheet/{town.graded}",
		f"/app/assessment-sheet/{town.year_end}", "/app/party-organization/view/tree", f"/app/party-organization?{street}",
		*(f"/app/query-report/{quote(r)}?campaign_year=2012&{street}" for r in reports)]
	out = [("Guest", p, True) for p in ("/login", "/gongshi")]
	out += [("Organization Secretary", p, True) for p in portal]
	out += [("Party Member", p, True) for p in ("/sanfenlei", "/gongshi")]
	for role in ("Reporting Unit Admin", "District Admin"):
		out += [(role, p, False) for p in desk] + [(role, f"/dingji?name={town.graded}", True)]
	out += [("Campaign Leader", p, False) for p in desk]
	out += [("Evaluation Department", p, False) for p in ("/app/三分类三升级", f"/app/assessment-sheet?{street}")]
	return out


def open_date_picker(page):
	"""What a tap on a date field shows: the calendar, in Chinese."""
	page.locator(".frappe-control[data-fieldtype='Date'] input").first.click()
	page.wait_for_selector(".datepicker.active, .datepicker.-active-")
	calendar = page.locator(".datepicker.active, .datepicker.-active-").first.inner_text()
	assert "月" in calendar and "今天" in calendar, calendar


def open_confirm_dialog(page):
	"""The member's signing dialog (frappe.confirm), in Chinese."""
	page.locator("button.sfl-confirm").first.click()
	page.wait_for_selector(".modal.show .btn-primary")
	assert "是" in page.locator(".modal.show").inner_text(), page.locator(".modal.show").inner_text()


def save_empty_form(page):
	"""保存 on an empty web form: the dialog lists the missing fields, each by its own name."""
	page.keyboard.press("Escape")
	page.locator(".web-form-actions .submit-btn, .submit-btn").first.click()
	page.wait_for_selector(".modal.show")
	text = page.locator(".modal.show").inner_text()
	assert "必填" in text, text
	names = [li.inner_text().strip() for li in page.locator(".modal.show li").all()]
	assert names and len(names) == len(set(names)), names


def save_form(page):
	"""保存 on a filled web form: the page that follows (updated, redirect note), in Chinese."""
	box = page.locator(".frappe-control[data-fieldname='commitments'] textarea")
	box.fill(box.input_value() + "；每季度向党员群众报告一次")
	page.locator(".submit-btn").first.click()
	page.wait_for_selector(".success-page:not(.hide)")


# what a tap shows beyond the page itself, where a page has it
ACTIONS = {"/survey/new": [open_date_picker, save_empty_form], "/survey/DC": [open_date_picker],
	"/plan/": [open_date_picker], "/commitment/": [save_form], "Party Member /sanfenlei": [open_confirm_dialog]}


def open_page(user, role, path, phone):
	page = user.page
	page.set_viewport_size(PHONE if phone else {"width": 1366, "height": 900})
	page.goto(f"{BASE}{path}")
	page.wait_for_load_state("networkidle")
	page.wait_for_timeout(1200)
	for key, actions in ACTIONS.items():
		if key in f"{role} {path}":
			for action in actions:
				action(page)
				page.wait_for_timeout(300)
	return page


def test_every_page_a_role_uses_is_chinese_and_fits_a_phone(browser, town):
	found, checked, overflow = {}, {}, []
	sessions = {}
	try:
		for role, path, phone in pages(town):
			if role not in sessions:
				sessions[role] = Guest(browser) if role == "Guest" else User(browser, town.users[role])
			page = open_page(sessions[role], role, path, phone)
			assert "/login" not in page.url or role == "Guest", f"{role} was sent to the login page from {path}"
			if path == "/gongshi":  # the app's own page, not Frappe's list of the DocType
				assert "基层党组织公开承诺公示" in page.inner_text("body"), page.inner_text("body")[:300]
			words = english_words(page.evaluate(VISIBLE_TEXT))
			for word, text in words.items():
				found.setdefault((word, text), set()).add(f"{role} {path}")
			checked.setdefault(path.split("?")[0], set()).add(role)
			if phone:
				width = page.evaluate("document.documentElement.scrollWidth")
				if width > PHONE["width"] + 2:
					overflow.append(f"{role} {path}: {width} px")
			shot = re.sub(r"[^\w]+", "-", f"lang-{role}-{path}")[:80]
			page.screenshot(path=os.path.join(ARTIFACTS, f"{shot}.png"), full_page=False)
	finally:
		for s in sessions.values():
			s.close()
	print(f"\nchecked {sum(len(r) for r in checked.values())} page × role pairs on {len(checked)} pages:")
	for path, roles in sorted(checked.items()):
		print(f"  {path}: {', '.join(sorted(roles))}")
	for (word, text), where in sorted(found.items()):
		print(f"  ENGLISH {word!r} in {text!r} — {sorted(where)[0]} (+{len(where) - 1})")
	assert not overflow, "pages wider than the phone:\n" + "\n".join(overflow)
	assert not found, f"{len(found)} English words on screen (listed above)"


class Guest:
	"""A visitor who is not logged in."""

	def __init__(self, browser):
		self.context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
		self.page = self.context.new_page()
		self.page.set_default_timeout(20000)

	def close(self):
		self.context.close()


def pdf_text(body):
	import io

	from pypdf import PdfReader

	return "".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


def test_every_print_on_the_portal_is_its_official_layout_as_a_pdf(browser, town):
	"""Each 打印（PDF） link of the portal (附件2 of both sheets, 附件7, 附件8) gives the document in
	its official layout, readable as text; another organisation's secretary gets 403 for it."""
	from urllib.parse import parse_qs, urlparse

	from sanfenlei_app.portal import PRINT_FORMATS

	headings = {"Assessment Sheet": "分类定级申报表", "Organization Commitment": "公开承诺书",
		"Member Commitment": "党员公开承诺书", "Upgrade Plan": "目标责任书"}
	links = {}
	for role in ("Organization Secretary", "Party Member"):
		user = User(browser, town.users[role])
		page = user.go("/sanfenlei")
		for a in page.locator(".sfl-print").all():
			doctype = a.locator("xpath=ancestor::*[@data-doctype][1]").get_attribute("data-doctype")
			links[(role, doctype, a.get_attribute("href"))] = user
		pdfs = [(d, h) for (r, d, h) in links if r == role]
		for doctype, href in pdfs:
			r = user.page.request.get(BASE + href, timeout=120000)
			assert r.status == 200 and r.body()[:5] == b"%PDF-", (doctype, r.status, r.text()[:300])
			assert parse_qs(urlparse(href).query)["format"] == [PRINT_FORMATS[doctype]], href
			text = pdf_text(r.body())
			assert headings[doctype] in text.replace(" ", ""), (doctype, text[:300])
		user.close()
	covered = {d for (_r, d, _h) in links}
	print(f"\nportal prints: {len(links)} PDFs of {sorted(covered)}")
	assert {"Assessment Sheet", "Organization Commitment", "Member Commitment"} <= covered, covered
	stranger_email = make_user(f"lx-{uid()}@test.local", ["Organization Secretary"], "外单位书记")
	frappe.db.commit()
	stranger = User(browser, stranger_email)
	assert "外单位书记" in stranger.go("/sanfenlei").inner_text("body")  # logged in
	for (_r, doctype, href) in links:
		r = stranger.page.request.get(BASE + href, timeout=120000)
		assert r.status in (403, 404) and b"%PDF" not in r.body()[:10], (doctype, r.status)
	stranger.close()
