"""承诺—践诺—评诺: the organisation's and its members' public commitments kept through the year
(践诺 records with their photos), and at year end the members' and the masses' rating (评诺) that is
the Year End sheet's satisfaction test — its veto included — over REST as each confined role."""

import frappe

from sanfenlei_app import rules

from .conftest import Rest, make_user, message, uid
from .test_evidence import upload
from .test_grading import new_sheet
from .test_status_survey import year

RUN = "/api/method/run_doc_method"
FULFIL = "/api/resource/Commitment Fulfilment"
RATING = "/api/resource/Commitment Rating"


def test_commitments_kept_through_the_year_and_rated_at_its_end(tree):
	d = tree.district()
	street = tree.street(d, "承诺街道")
	other_street = tree.street(d, "别的承诺街道")
	users = {k: make_user(f"cm-{k}-{uid()}@test.local", [r]) for k, r in (("sec", "Organization Secretary"),
		("sec2", "Organization Secretary"), ("member", "Party Member"), ("unit", "Reporting Unit Admin"))}
	org = tree.org("承诺社区", "Grassroots", street.name, domain="Community", secretary_user=users["sec"]).name
	tree.org("别的承诺社区", "Grassroots", other_street.name, domain="Community", secretary_user=users["sec2"])
	tree.admin(street, users["unit"])
	frappe.db.commit()
	api = {k: Rest(u) for k, u in users.items()}
	sec = api["sec"]

	# 承诺: the organisation's commitment, confirmed and public; a member's, not yet confirmed
	r = sec.post("/api/resource/Organization Commitment", {"organization": org, "campaign_year": year(),
		"commitments": "一、每月开展主题党日\n二、为居民办实事十件"})
	assert r.status_code == 200, message(r)
	pledge = r.json()["data"]["name"]
	r = sec.post("/api/resource/Member Commitment", {"organization": org, "campaign_year": year(),
		"member_name": "李党员", "member_user": users["member"], "commitments": "联系十户居民"})
	assert r.status_code == 200, message(r)
	member_pledge = r.json()["data"]["name"]
	r = sec.post(FULFIL, {"organization_commitment": pledge, "what_done": "还没公示就记录"})
	assert r.status_code == 417 and "确认公示后，才能记录践诺情况" in message(r), message(r)
	assert sec.post(RUN, {"dt": "Organization Commitment", "dn": pledge, "method": "confirm"}).status_code == 200

	# 践诺, with a photo kept once with the record
	photo = upload(sec, f"主题党日-{uid()}.png")
	r = sec.post(FULFIL, {"organization_commitment": pledge, "commitment_item": "一、每月开展主题党日",
		"what_done": "三月主题党日：清理小区楼道", "evidence": photo})
	assert r.status_code == 200, message(r)
	record = r.json()["data"]
	assert (record["organization"], record["campaign_year"], record["recorded_by"]) == (org, year(), users["sec"])
	frappe.db.rollback()
	assert frappe.db.get_value("File", {"file_url": photo}, ["attached_to_doctype", "attached_to_name"]) == (
		"Commitment Fulfilment", record["name"])
	assert api["sec2"].post(FULFIL, {"organization_commitment": pledge, "what_done": "越权"}).status_code == 403
	assert api["sec2"].get(f"{FULFIL}/{record['name']}").status_code == 403
	assert api["unit"].get(f"{FULFIL}/{record['name']}").status_code == 200
	# a member's commitment: once the member has signed it
	member_record = {"commitment_type": "Member Commitment", "member_commitment": member_pledge, "what_done": "走访三户居民"}
	assert sec.post(FULFIL, member_record).status_code == 417
	assert api["member"].post(RUN, {"dt": "Member Commitment", "dn": member_pledge, "method": "confirm"}).status_code == 200
	r = sec.post(FULFIL, member_record)
	assert r.status_code == 200 and r.json()["data"]["member_name"] == "李党员", message(r)

	# 评诺 at year end: the rating is the Year End sheet's satisfaction, and the domain's veto applies
	sheet = new_sheet(org, phase="Year End", satisfaction=95)
	frappe.db.commit()
	assert (sheet.grade, float(sheet.satisfaction)) == ("Advanced", 95.0)
	votes = {"members_satisfied": 12, "members_basic": 6, "members_unsatisfied": 12,
		"masses_satisfied": 10, "masses_basic": 4, "masses_unsatisfied": 26}
	expected = round((12 + 6 + 10 + 4) * 100 / 70, 1)  # 45.7: below the community's 60%
	r = sec.post(RATING, {"organization": org, "campaign_year": year(), "meeting_date": f"{int(year()) + 1}-01-05", **votes})
	assert r.status_code == 417 and "会议日期须在" in message(r), message(r)
	r = sec.post(RATING, {"organization": org, "campaign_year": year(), "meeting_date": f"{year()}-12-01", **votes})
	assert r.status_code == 200, message(r)
	rating = r.json()["data"]
	assert rating["satisfaction"] == expected and rating["year_end_sheet"] == sheet.name
	frappe.db.rollback()
	got = frappe.db.get_value("Assessment Sheet", sheet.name, ["satisfaction", "grade", "stars", "veto_applied"], as_dict=True)
	print("\n评诺:", expected, "->", dict(got))
	assert float(got.satisfaction) == expected and got.grade == "Lagging" and got.stars == 0 and "满意度低于60%" in got.veto_applied
	# a recount: 87.5% — the veto lifts, the sheet grades by its score again
	recount = {"members_satisfied": 30, "members_basic": 5, "members_unsatisfied": 5,
		"masses_satisfied": 30, "masses_basic": 5, "masses_unsatisfied": 5}
	r = sec.put(f"{RATING}/{rating['name']}", recount)
	assert r.status_code == 200 and r.json()["data"]["satisfaction"] == 87.5, message(r)
	frappe.db.rollback()
	assert frappe.db.get_value("Assessment Sheet", sheet.name, ["satisfaction", "grade"]) == (87.5, "Advanced")
	# a save of the sheet itself keeps the rating's satisfaction, whatever is typed
	doc = frappe.get_doc("Assessment Sheet", sheet.name)
	doc.satisfaction = 10
	doc.save()
	assert (float(doc.satisfaction), doc.grade) == (87.5, "Advanced")
	frappe.db.commit()
	r = sec.post(RATING, {"organization": org, "campaign_year": year(), "meeting_date": f"{year()}-12-02", **recount})
	assert r.status_code != 200 and "满意度测评已经填写" in message(r)
	assert api["sec2"].get(f"{RATING}/{rating['name']}").status_code == 403

	# the secretary's home: 践诺 counted on the commitment, 评诺 with its satisfaction
	html = sec.get("/sanfenlei").text
	assert "记录践诺（已记1次）" in html and "评诺·满意度测评" in html and "满意度87.5%" in html

	# once the year-end result is decided the rating stands
	frappe.db.set_value("Assessment Sheet", sheet.name, {"docstatus": 1, "workflow_state": "Confirmed"})
	frappe.db.commit()
	r = sec.put(f"{RATING}/{rating['name']}", votes)
	assert r.status_code == 417 and "满意度测评不能再修改" in message(r), message(r)
