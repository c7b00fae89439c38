"""Server side of the load run (scripts/load_test.sh): prepare secretaries with their own
sheets, then check in the database that every acknowledged save is there and no sheet moved
to a step it should not have."""

import json

import frappe

STREET = "压力测试街道党工委"
PASSWORD = "Load@2012"
ALLOWED = {  # state -> states it may move to from the secretary's portal actions
	"Draft": {"Mass Preliminary Review"},
	"Mass Preliminary Review": {"Party Member Appraisal"},
}


def prepare(n=50):
	from frappe.utils.password import update_password

	from sanfenlei_app.bulk import _create
	from sanfenlei_app.sanfenlei_app.doctype.campaign_year.campaign_year import get_current_year

	frappe.set_user("Administrator")
	frappe.flags.in_test = True  # no welcome mail
	district = frappe.db.get_value("Party Organization", {"org_level": "District"})
	if not frappe.db.exists("Party Organization", STREET):
		frappe.get_doc({"doctype": "Party Organization", "organization_name": STREET, "org_level": "Reporting Unit",
			"unit_kind": "Street Committee", "domain": "Street Committee", "parent_party_organization": district}).insert()
	year = get_current_year()
	pairs = []
	for i in range(n):
		email = f"load{i:03d}@sanfenlei.local"
		if not frappe.db.exists("User", email):
			frappe.get_doc({"doctype": "User", "email": email, "first_name": f"压力{i}", "send_welcome_email": 0,
				"roles": [{"role": "Organization Secretary"}]}).insert(ignore_permissions=True)
		update_password(email, PASSWORD)
		org = f"压力测试社区{i:03d}"
		if not frappe.db.exists("Party Organization", org):
			frappe.get_doc({"doctype": "Party Organization", "organization_name": org, "org_level": "Grassroots",
				"parent_party_organization": STREET, "domain": "Community", "secretary_user": email}).insert()
		pairs.append((email, org))
	missing = [org for _e, org in pairs if not frappe.db.exists("Assessment Sheet",
		{"organization": org, "campaign_year": year, "phase": "Initial", "docstatus": 0})]
	frappe.db.commit()
	_create(missing, year, "Initial")
	out = []
	for email, org in pairs:
		sheet = frappe.db.get_value("Assessment Sheet", {"organization": org, "campaign_year": year, "phase": "Initial",
			"docstatus": 0})
		# every run starts from Draft with an empty step log (a run before may have moved the sheet)
		frappe.db.set_value("Assessment Sheet", sheet, {"workflow_state": "Draft", "mass_meeting_date": None,
			"mass_attendance": 0, "mass_grade": None}, update_modified=False)
		frappe.db.delete("Assessment Sheet Step", {"parent": sheet, "parenttype": "Assessment Sheet"})
		out.append({"user": email, "sheet": sheet})
	frappe.db.commit()
	return out


def check(path):
	"""``path``: a JSON file {sheet: {"idx": item index, "deduction": value, "state": last acknowledged state}}."""
	with open(path) as f:
		acks = json.load(f)
	problems = []
	for sheet, ack in acks.items():
		doc = frappe.get_doc("Assessment Sheet", sheet)
		if ack.get("idx") is not None:
			got = doc.items[int(ack["idx"])].deduction
			if float(got) != float(ack["deduction"]):
				problems.append(f"{sheet}: item {ack['idx']} has {got}, last acknowledged {ack['deduction']}")
		if ack.get("state") and doc.workflow_state != ack["state"]:
			problems.append(f"{sheet}: state {doc.workflow_state}, last acknowledged {ack['state']}")
		previous = "Draft"
		for step in doc.steps:
			if step.from_state != previous or step.to_state not in ALLOWED.get(step.from_state, set()):
				problems.append(f"{sheet}: step {step.from_state} → {step.to_state} after {previous}")
			previous = step.to_state
	return {"sheets": len(acks), "problems": problems}


def prepare_fault():
	"""One secretary's sheet at 群众初评 with the step's record filled, ready for Complete Mass Review."""
	pair = prepare(n=1)[0]
	sheet = frappe.get_doc("Assessment Sheet", pair["sheet"])
	frappe.db.set_value("Assessment Sheet", sheet.name, {"workflow_state": "Mass Preliminary Review",
		"mass_meeting_date": "2012-04-05", "mass_attendance": 30, "mass_grade": "Ordinary"})
	frappe.db.commit()
	return pair
