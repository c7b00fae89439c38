"""Evidence (佐证材料) of a deduction: uploaded by the secretary, kept with the sheet, opened by the
reviewers of the subtree and by nobody else (issue 17's evidence, at the REST level)."""

import frappe

from .conftest import BASE_URL, Rest, make_user, message, uid
from .test_status_survey import year

def png(seed=None):
	"""A valid one-pixel PNG of its own colour, its seed written in it (Frappe keeps one copy of
	identical content, so each upload gets its own bytes)."""
	import random
	import struct
	import zlib

	rgb = bytes(random.Random(seed).randrange(256) for _ in range(3))

	def chunk(kind, data):
		return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

	return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
		+ chunk(b"IDAT", zlib.compress(b"\x00" + rgb)) + chunk(b"tEXt", b"Comment\x00" + str(seed).encode())
		+ chunk(b"IEND", b""))


def upload(api, name):
	r = api.s.post(f"{BASE_URL}/api/method/upload_file", files={"file": (name, png(name), "image/png")},
		data={"is_private": 1}, timeout=30)
	assert r.status_code == 200, r.text
	return r.json()["message"]["file_url"]


def test_evidence_opens_for_the_sheets_reviewers_and_nobody_else(tree):
	d = tree.district()
	street, other_street = tree.street(d, "佐证街道"), tree.street(d, "别的街道")
	sec, other_sec, admin = (make_user(f"{k}-{uid()}@test.local", [r]) for k, r in (
		("ev-sec", "Organization Secretary"), ("ev-other", "Organization Secretary"), ("ev-admin", "Reporting Unit Admin")))
	org = tree.org("佐证社区", "Grassroots", street.name, domain="Community", secretary_user=sec)
	tree.org("别的社区", "Grassroots", other_street.name, domain="Community", secretary_user=other_sec)
	tree.admin(street, admin)
	year()
	frappe.db.commit()

	api = Rest(sec)
	r = api.post("/api/resource/Assessment Sheet", {"organization": org.name, "campaign_year": year(), "phase": "Initial"})
	assert r.status_code == 200, r.text
	name = r.json()["data"]["name"]
	photo = upload(api, f"会议记录-{uid()}.png")
	r = api.put(f"/api/resource/Assessment Sheet/{name}",
		{"entries": [{"item_no": 1, "points": 2, "reason": "缺少一次组织生活记录", "evidence": photo}]})
	assert r.status_code == 200, r.text
	frappe.db.rollback()
	attached = frappe.db.get_value("File", {"file_url": photo}, ["attached_to_doctype", "attached_to_name", "is_private"])
	assert attached == ("Assessment Sheet", name, 1)

	seen = {}
	for who, client in (("secretary", api), ("street admin", Rest(admin)), ("other secretary", Rest(other_sec))):
		seen[who] = client.get(photo).status_code
	print(f"\nevidence {photo}: {seen}")
	assert seen["secretary"] == 200 and seen["street admin"] == 200
	assert seen["other secretary"] == 403

	# a file the user did not upload cannot be claimed as evidence (it would open to this sheet's reviewers)
	foreign = upload(Rest(other_sec), f"别人的照片-{uid()}.png")
	r = api.put(f"/api/resource/Assessment Sheet/{name}",
		{"entries": [{"item_no": 1, "points": 2, "reason": "冒用", "evidence": foreign}]})
	assert r.status_code == 403 and "不是您上传或有权查看的文件" in message(r)
	r = api.put(f"/api/resource/Assessment Sheet/{name}",
		{"entries": [{"item_no": 1, "points": 2, "reason": "外链", "evidence": "https://example.com/x.png"}]})
	assert r.status_code == 417 and "上传到本系统的文件" in message(r)


# Frappe's own Chinese that issue 17 found wrong ("锶" for the 序号 header, "12米" for 12 minutes
# ago) or missing on the screens of the campaign; the app's translations mend them.
FRAPPE_STRINGS = {"Sr": "序号", "Jump to field": "跳转到字段", "{0} m": "{0}分钟", "No": "否",
	"Connections": "关联", "List View": "列表视图", "changed the value of": "修改了", "Get PDF": "下载PDF",
	"This form is not editable due to a Workflow.": "此表单由审核流程控制，请使用审核按钮办理。",
	"Not allowed via controller permission check": "无权访问：该记录不在您的管辖范围内",
	"Click here if you are not redirected within 3 seconds": "如果3秒内没有自动跳转，请点击这里"}


def test_frappes_wrong_or_missing_chinese_is_mended():
	from frappe.translate import get_all_translations

	frappe.cache.hdel("merged_translations", "zh")  # as a fresh worker reads them
	full = get_all_translations("zh")
	wrong = {en: full.get(en) for en, zh in FRAPPE_STRINGS.items() if full.get(en) != zh}
	print(f"\n{len(FRAPPE_STRINGS)} of Frappe's strings checked in the site's Chinese")
	assert not wrong, wrong


def test_the_phone_pages_saving_refuses_what_the_step_does_not_allow(tree):
	"""portal.save_sheet (the /dingji page's saving) over REST: a stale version is not overwritten,
	a field of another step, a score on an item that is not a 评分项 and deductions after the
	scoring step are refused in Chinese; the allowed change is saved."""
	d = tree.district()
	street = tree.street(d, "手机街道")
	sec = make_user(f"ph-sec-{uid()}@test.local", ["Organization Secretary"])
	org = tree.org("手机社区", "Grassroots", street.name, domain="Community", secretary_user=sec)
	year()
	frappe.db.commit()
	api = Rest(sec)
	name = api.post("/api/method/sanfenlei_app.portal.start_sheet", {"organization": org.name}).json()["message"]
	view = api.get("/api/method/sanfenlei_app.portal.sheet_view", name=name).json()["message"]
	save = lambda **kw: api.post("/api/method/sanfenlei_app.portal.save_sheet", {"name": name, **kw})  # noqa: E731
	r = save(modified=view["modified"], entries=[{"item_no": 1, "points": 3, "reason": "记录不全"}])
	assert r.status_code == 200, r.text
	assert r.json()["message"]["result"]["total"] == 97
	stale = save(modified=view["modified"], entries=[])  # the page's older copy
	assert stale.status_code == 417 and "刚被他人修改过" in message(stale)
	current = r.json()["message"]["modified"]
	for kwargs, text in (({"values": {"votes_for": 3}}, "当前环节不能填写"), ({"ratings": {"1": 50}}, "不是评分项"),
			({"values": {"items": []}}, "当前环节不能填写")):
		r = save(modified=current, **kwargs)
		assert r.status_code == 417 and text in message(r), (kwargs, r.text[-300:])
	assert api.post("/api/method/sanfenlei_app.portal.move", {"doctype": "Assessment Sheet", "name": name,
		"action": "Start Mass Review"}).status_code == 200
	current = api.get("/api/method/sanfenlei_app.portal.sheet_view", name=name).json()["message"]["modified"]
	r = save(modified=current, entries=[])
	assert r.status_code == 417 and "评分只能在" in message(r)
	frappe.db.rollback()
	assert [(e.item_no, e.points) for e in frappe.get_doc("Assessment Sheet", name).entries] == [(1, 3)]
