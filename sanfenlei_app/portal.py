"""The secretaries' (and party members') portal: what awaits them, and moving their own
documents through their own workflow steps.  Pages: www/sanfenlei (home), the Web Forms
in the module's web_form/ folder; permissions are the desk's (permissions.py)."""

import frappe
from frappe import _
from frappe.model.workflow import get_transitions
from frappe.utils import getdate, nowdate

from sanfenlei_app import rules
from sanfenlei_app.review import apply_workflow
from sanfenlei_app.sanfenlei_app.doctype.campaign_year.campaign_year import get_current_year

ORG = "Party Organization"
FORMS = {  # DocType -> (web form route, what the secretary calls it)
	"Status Survey": ("survey", "组织现状调查表"),
	"Assessment Sheet": ("sheet", "分类定级申报表（附件2）"),
	"Upgrade Plan": ("plan", "争创目标和整改措施"),
	"Organization Commitment": ("commitment", "公开承诺书（附件7）"),
}
MOVABLE = ("Assessment Sheet", "Upgrade Plan")


def my_organizations(user=None):
	"""The organisations a secretary serves (their own, not the subtree of a unit)."""
	user = user or frappe.session.user
	return frappe.get_all(ORG, filters={"secretary_user": user, "status": "Active"},
		fields=["name", "domain", "reporting_unit", "current_grade", "current_stars", "current_grade_year"],
		order_by="lft")


def phase_of(year_name, today=None):
	year = frappe.get_doc("Campaign Year", year_name)
	dates = {f: getdate(year.get(f)) for f in year.as_dict() if f.endswith(("_start", "_end", "_due")) and year.get(f)}
	key, label, deadline = rules.campaign_phase(dates, getdate(today or nowdate()))
	return frappe._dict(key=key, label=label, deadline=deadline, year=year.year, title=year.title)


def state_label(doc):
	if doc.get("docstatus") == 2:
		return _("Cancelled")
	state = doc.get("workflow_state")
	if state:
		return _(state)
	if doc.get("doctype") == "Organization Commitment":
		return "已确认并公示" if doc.get("published") else "待书记确认"
	return "已提交" if doc.get("docstatus") == 1 else "草稿"


def todo(org, year):
	"""Each form of the year for one organisation: what exists, its state, where to open it."""
	items = []
	for doctype, (route, title) in FORMS.items():
		if doctype == "Upgrade Plan" and not (org.current_grade_year == year or frappe.db.exists(
				"Assessment Sheet", {"organization": org.name, "campaign_year": year, "phase": "Initial", "docstatus": 1})):
			continue  # targets come after April's grading
		filters = {"organization": org.name, "campaign_year": year, "docstatus": ["<", 2]}
		fields = ["name", "docstatus", "modified"] + (["workflow_state"] if doctype in MOVABLE else [])
		if doctype == "Assessment Sheet":
			fields += ["phase", "grade", "stars", "total_score", "due_date", "is_overdue"]
		if doctype == "Organization Commitment":
			fields += ["published", "route"]
		docs = frappe.get_all(doctype, filters=filters, fields=fields, order_by="creation")
		for d in docs:
			d.doctype = doctype
			title_text = title
			if doctype == "Assessment Sheet":
				title_text = f"{title}·{'年初定级' if d.phase == 'Initial' else '年底验收'}"
			items.append(frappe._dict(doctype=doctype, name=d.name, title=title_text, state=state_label(d),
				url=f"/{route}/{d.name}" + ("" if d.docstatus or d.get("published") else "/edit"), doc=d, done=d.docstatus == 1 or (doctype == "Organization Commitment" and d.published),
				actions=next_steps(doctype, d.name) if doctype in MOVABLE and d.docstatus == 0 else []))
		if doctype == "Assessment Sheet":
			phases = {d.phase: d for d in docs}
			missing = [] if "Initial" in phases else ["Initial"]
			if phases.get("Initial") and phases["Initial"].docstatus == 1 and "Year End" not in phases:
				missing.append("Year End")
			for phase in missing:
				items.append(frappe._dict(doctype=doctype, name=None, phase=phase, state="未填写", doc=None, done=False,
					title=f"{title}·{'年初定级' if phase == 'Initial' else '年底验收'}", url=None, actions=[]))
		elif not docs:
			items.append(frappe._dict(doctype=doctype, name=None, title=title, state="未填写",
				url=f"/{route}/new?organization={frappe.utils.quote(org.name)}&campaign_year={year}", doc=None, done=False,
				actions=[]))
	return items


@frappe.whitelist(methods=["POST"])
def start_sheet(organization, phase="Initial"):
	"""Create the organisation's sheet of the current year with its standard's items, so
	the secretary opens a form that already lists every scoring point."""
	if phase not in ("Initial", "Year End"):
		frappe.throw(_("阶段只能是年初定级或年底验收"))
	year = get_current_year()
	existing = frappe.db.get_value("Assessment Sheet", {"organization": organization, "campaign_year": year,
		"phase": phase, "docstatus": ["<", 2]})
	if existing:
		return existing
	doc = frappe.get_doc({"doctype": "Assessment Sheet", "organization": organization, "campaign_year": year,
		"phase": phase})
	doc.insert()
	return doc.name


def member_commitments(user=None):
	user = user or frappe.session.user
	return frappe.get_all("Member Commitment", filters={"member_user": user},
		fields=["name", "organization", "campaign_year", "member_name", "commitments", "confirmed", "confirmed_on"],
		order_by="campaign_year desc")


# ----------------------------------------------------------------- moving a document from the portal


@frappe.whitelist()
def next_steps(doctype, name):
	"""The workflow actions the user may take on the document now (with Chinese labels)."""
	if doctype not in MOVABLE:
		frappe.throw(_("此类单据不能在门户中流转"))
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("read")
	return [{"action": t.action, "label": _(t.action), "next_state": _(t.next_state)} for t in get_transitions(doc)]


@frappe.whitelist(methods=["POST"])
def move(doctype, name, action):
	"""Take one workflow action: the same checks as in the desk (workflow, review.py)."""
	if doctype not in MOVABLE:
		frappe.throw(_("此类单据不能在门户中流转"))
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("read")
	if action not in {t.action for t in get_transitions(doc)}:
		frappe.throw(_("当前环节您不能执行“{0}”").format(_(action)), frappe.PermissionError)
	doc = apply_workflow(doc.as_dict(), action)  # taken again on a MariaDB deadlock, as in the desk
	return {"workflow_state": doc.workflow_state, "label": _(doc.workflow_state), "docstatus": doc.docstatus}


@frappe.whitelist(methods=["POST"])
def confirm_member_commitment(name):
	doc = frappe.get_doc("Member Commitment", name)
	doc.check_permission("read")
	return doc.confirm()


@frappe.whitelist()
def status(doctype, name):
	"""The document's review step and the actions open to the user (the web forms' banner)."""
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("read")
	return {"state": state_label(doc), "docstatus": doc.docstatus,
		"actions": next_steps(doctype, name) if doctype in MOVABLE and doc.docstatus == 0 else []}


def web_form_context(context, doctype):
	"""Extra context of the portal's web forms: the Chinese labels of their child tables'
	columns (Frappe translates only the form's own fields) for the client script."""
	context.no_cache = 1
	messages = {}
	for df in frappe.get_meta(doctype).get_table_fields():
		for child in frappe.get_meta(df.options).fields:
			if child.label:
				messages[child.label] = _(child.label)
			if child.fieldtype == "Select" and child.options:
				messages.update({o: _(o) for o in child.options.split("\n") if o})
	for message in ("Updated", "Your form has been successfully updated",
			"Click here if you are not redirected within {0} seconds"):
		messages[message] = _(message)
	context.sanfenlei_messages = frappe.as_json(messages)
	return context
