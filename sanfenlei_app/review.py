"""The review of a grading sheet up the reporting line (the five steps of the notice,
then the district's check).  Frappe's Workflow `Assessment Sheet Review` carries the
states and who may move them; this module adds what a workflow cannot say by itself:
what each step must have recorded before it is left, who may edit in each state, the
reason a return needs, and the log of every step.
"""

import time

import frappe
from frappe import _
from frappe.utils import cint, now_datetime

from sanfenlei_app import rules

SEC, RUA, DA = "Organization Secretary", "Reporting Unit Admin", "District Admin"
SUPER_ROLES = {"System Manager", "Administrator"}

# who may change a sheet while it stays in a state
EDIT_ROLES = {
	"Draft": {SEC, RUA},
	"Mass Preliminary Review": {SEC},
	"Party Member Appraisal": {SEC},
	"Self Grading": {SEC},
	"Members and Masses Review": {SEC},
	"Superior Decision": {RUA},
	"Street Self Scoring": {RUA},
	"Department Opinions": {DA},
	"Self Check": {SEC},
	"Satisfaction Test": {SEC},
	"Superior Confirmation": {RUA},
	"District Review": {DA},
}

# what a step must have recorded before the sheet leaves it (forward)
REQUIRED_ON_LEAVING = {
	"Mass Preliminary Review": ["mass_meeting_date", "mass_attendance", "mass_grade"],
	"Party Member Appraisal": ["member_meeting_date", "member_attendance", "member_grade"],
	"Self Grading": ["self_grade", "self_basis"],
	"Members and Masses Review": ["votes_for", "votes_against", "votes_abstain"],
	"Superior Decision": ["decided_grade"],
	"Self Check": ["self_check_report", "appraisal_meeting_date", "self_check_grade"],
	"Satisfaction Test": ["satisfaction"],
	"Superior Confirmation": ["decided_grade"],
	"District Review": ["decided_grade"],
}
DECISION_STATES = ("Superior Decision", "Superior Confirmation", "District Review")

# what each step records, written only while the sheet is at that step (the sheet's step_owned declaration,
# enforced by CampaignDocument): its required records, the decision with its reason (and a return's reason)
# at the deciding steps, the district's opinion at its review, the satisfaction where it is measured
STEP_RECORDS = {
	**{state: tuple(fields) for state, fields in REQUIRED_ON_LEAVING.items() if state not in DECISION_STATES},
	**{state: ("decided_grade", "decided_stars", "decision_reason", "return_reason") for state in DECISION_STATES},
	"Draft": ("satisfaction",),
	"Street Self Scoring": ("satisfaction",),
}
STEP_RECORDS["District Review"] += ("district_opinion",)

RETURNS = {
	("Superior Confirmation", "Satisfaction Test"),
	("District Review", "Superior Confirmation"),
	("Superior Decision", "Members and Masses Review"),
	("District Review", "Superior Decision"),
	("District Review", "Street Self Scoring"),
}


def label(sheet, fieldname):
	return _(sheet.meta.get_label(fieldname))


def check_edit_rights(sheet):
	"""Only the role that owns the current step may change the sheet in it."""
	if sheet.is_new() or sheet.docstatus != 0:
		return
	roles = set(frappe.get_roles())
	if roles & SUPER_ROLES:
		return
	allowed = EDIT_ROLES.get(sheet.workflow_state, set())
	if not roles & allowed:
		frappe.throw(
			_("当前环节为“{0}”，由{1}办理，您不能修改此申报表").format(
				_(sheet.workflow_state), "、".join(_(r) for r in sorted(allowed)) or _("无人")
			),
			frappe.PermissionError,
		)


def on_transition(sheet, old, new):
	"""Checks and the log entry of a move from ``old`` to ``new``."""
	is_return = (old, new) in RETURNS
	messages = []
	if is_return:
		if not (sheet.return_reason or "").strip():
			messages.append("退回须写明理由")
	else:
		for field in REQUIRED_ON_LEAVING.get(old, []):
			value = sheet.get(field)
			if value is None or value == "":
				messages.append(f"请先填写“{label(sheet, field)}”")
	if old == "Draft" and not is_return:
		# a 评分项 (e.g. 民主测评) counts in its part's weight: it is given before the review starts
		messages += [f"请填写第{r.idx}项“{(r.content or '')[:20]}”的得分（评分项）" for r in sheet.items
			if r.item_kind == "Rating" and not r.rating]
	if old == "Members and Masses Review" and not messages:
		valid = cint(sheet.votes_for) + cint(sheet.votes_against) + cint(sheet.votes_abstain)
		if valid <= 0:
			messages.append("请填写有效票数")
	if old in DECISION_STATES and not is_return and not messages:
		messages += check_decision(sheet)
	if old in ("Superior Decision", "Superior Confirmation") and not is_return and not messages:
		messages += check_site_share(sheet) + check_star_share(sheet)
	if messages:
		frappe.throw("<br>".join(messages), title=_("不能进入下一环节"))
	log_step(sheet, old, new, step_result(sheet, old, new), sheet.return_reason if is_return else None)
	if is_return:
		sheet.return_reason = None


def log_step(sheet, old, new, result, reason=None):
	"""A row of the sheet's 审核环节记录: who moved it from ``old`` to ``new``, when, with what result."""
	sheet.append("steps", {"from_state": old, "to_state": new, "user": frappe.session.user,
		"user_name": frappe.utils.get_fullname(frappe.session.user), "at": now_datetime(), "result": result, "reason": reason})


def check_decision(sheet):
	"""上级评定: the final grade and stars; a decision different from the self-grade (or from
	the stars the score gives) needs a reason; stars stay within the grade's band."""
	messages = []
	stars = cint(sheet.decided_stars)
	if sheet.domain in rules.NO_STAR_DOMAINS:
		if stars:
			messages.append("远程教育站点不评定星级")
	else:
		messages += rules.check_stars_decision(sheet.decided_grade, stars, "-", sheet.domain, sheet_scheme_of(sheet))
	own = sheet.self_check_grade if sheet.phase == "Year End" else sheet.self_grade
	differs = (own and sheet.decided_grade != own) or (
		sheet.decided_grade != sheet.grade or (sheet.domain not in rules.NO_STAR_DOMAINS and stars != cint(sheet.stars))
	)
	if differs and not (sheet.decision_reason or "").strip():
		messages.append("评定结果与自评级次或按分数确定的级次、星级不同，须写明理由")
	return messages


def step_result(sheet, old, new):
	scheme = sheet_scheme_of(sheet)
	g = lambda grade: rules.grade_label(grade, sheet.domain, scheme and scheme["labels"]) if grade else ""  # noqa: E731
	if old == "Mass Preliminary Review":
		return f"群众代表{cint(sheet.mass_attendance)}人参加，初评为{g(sheet.mass_grade)}"
	if old == "Party Member Appraisal":
		return f"党员{cint(sheet.member_attendance)}人参加，评议为{g(sheet.member_grade)}"
	if old == "Self Grading":
		return f"自评为{g(sheet.self_grade)}"
	if old == "Members and Masses Review":
		passed = "通过" if new == "Superior Decision" else "未通过，退回组织自评"
		return f"赞成{cint(sheet.votes_for)}票，反对{cint(sheet.votes_against)}票，弃权{cint(sheet.votes_abstain)}票，{passed}"
	if old == "Self Check":
		return f"自查初评为{g(sheet.self_check_grade)}"
	if old == "Satisfaction Test":
		return f"满意度{sheet.satisfaction}%"
	if old in DECISION_STATES and (old, new) not in RETURNS:
		stars = f"，{cint(sheet.decided_stars)}星级" if cint(sheet.decided_stars) else ""
		return f"评定为{g(sheet.decided_grade)}{stars}"
	if (old, new) in RETURNS:
		return "退回"
	return ""


def sheet_scheme_of(sheet):
	"""The scheme of the sheet's standard (None when it has none yet)."""
	if not sheet.standard:
		return None
	return frappe.get_cached_doc("Assessment Standard", sheet.standard).scheme()


def check_star_share(sheet):
	"""星级比例: a standard may intend a share per star level (e.g. five stars about 10%).  When
	a unit finalises a decision, a star level over its share of the unit's organisations of the
	domain needs the district's recorded exception (as the 30% rule for remote sites)."""
	scheme = sheet_scheme_of(sheet)
	stars = cint(sheet.decided_stars)
	if not scheme or not stars or stars not in scheme["star_shares"]:
		return []
	unit = sheet.reporting_unit
	if sheet.domain == "Street Committee":  # the streets themselves are decided by the district, among all streets
		unit = frappe.db.get_value("Party Organization", sheet.organization, "parent_party_organization")
	lft, rgt = frappe.db.get_value("Party Organization", unit, ["lft", "rgt"])
	total = frappe.db.count(
		"Party Organization", {"lft": [">", lft], "rgt": ["<", rgt], "domain": sheet.domain, "status": "Active"})
	in_scope = {} if sheet.domain == "Street Committee" else {"reporting_unit": unit}
	count = frappe.db.count(
		"Assessment Sheet",
		{**in_scope, "campaign_year": sheet.campaign_year, "phase": sheet.phase, "domain": sheet.domain,
		 "decided_stars": stars, "docstatus": ["<", 2],
		 "workflow_state": ["in", ["District Review", "Graded", "Confirmed"]], "name": ["!=", sheet.name]},
	) + 1
	exception = frappe.db.exists(
		"Site Share Exception",
		{"parent": sheet.campaign_year, "parenttype": "Campaign Year", "street": unit, "stars": stars})
	return rules.check_star_shares({stars: count}, total, {stars: scheme["star_shares"][stars]}, bool(exception))


def check_site_share(sheet):
	"""附件5/1: 优秀站点比例原则上不超过30%.  Checked when the street finalises a site's
	grade (reports it to the district)."""
	if sheet.domain != "Remote Education Site" or sheet.decided_grade != "Advanced":
		return []
	street = sheet.reporting_unit
	lft, rgt = frappe.db.get_value("Party Organization", street, ["lft", "rgt"])
	total = frappe.db.count(
		"Party Organization",
		{"lft": [">", lft], "rgt": ["<", rgt], "domain": "Remote Education Site", "status": "Active"},
	)
	excellent = frappe.db.count(
		"Assessment Sheet",
		{"reporting_unit": street, "campaign_year": sheet.campaign_year, "phase": sheet.phase,
		 "domain": "Remote Education Site", "decided_grade": "Advanced", "docstatus": ["<", 2],
		 "workflow_state": ["in", ["District Review", "Graded", "Confirmed"]], "name": ["!=", sheet.name]},
	) + 1
	exception = frappe.db.exists(
		"Site Share Exception", {"parent": sheet.campaign_year, "parenttype": "Campaign Year", "street": street, "stars": 0}
	)
	message = rules.check_excellent_site_share(excellent, total, bool(exception))
	return [message] if message else []


def responsible_email(sheet):
	"""Who acts on the sheet now (for reminders): the secretary, or the unit's administrators."""
	roles = EDIT_ROLES.get(sheet.workflow_state, set())
	if sheet.workflow_state == "Draft" and sheet.domain == "Street Committee":
		roles = {RUA}
	if SEC in roles:
		return frappe.db.get_value("Party Organization", sheet.organization, "secretary_user")
	if RUA in roles and sheet.reporting_unit:
		admins = frappe.get_all("Party Organization Admin", filters={"parent": sheet.reporting_unit}, pluck="user")
		return ",".join(admins) or None
	return None


# ---------------------------------------------------------------- only the workflow moves a document
# Frappe's workflow checks a change of the review step, but a change of docstatus alone
# (frappe.client.submit/cancel, PUT with docstatus, run_method, the list's bulk Submit and
# Cancel, Data Import's "submit after import") passes it: Frappe then sets the state itself,
# and a cancel skips the workflow's validation altogether.  These hooks, on every DocType
# (hooks.py, doc_events "*"), refuse any docstatus change of a document under an active
# workflow unless it is one of the workflow's transitions, permitted to the user, into a
# state of that docstatus.


def state_doc_status(workflow) -> dict[str, int]:
	"""{state: its docstatus} of a Frappe Workflow."""
	return {s.state: cint(s.doc_status) for s in workflow.states}


def revoke_actions(workflow) -> set[str]:
	"""The actions of a workflow that lead into a cancelled state (docstatus 2)."""
	cancelled = {state for state, status in state_doc_status(workflow).items() if status == 2}
	return {t.action for t in workflow.transitions if t.next_state in cancelled}


def refuse_outside_workflow(doc, state, what):
	frappe.throw(
		_("“{0}”须按审核流程办理：请使用页面上的审核操作按钮（当前环节：{1}），{2}").format(_(doc.doctype), _(state), what),
		frappe.PermissionError, title=_("不能跳过审核环节"),
	)


def guard_docstatus(doc, method=None):
	"""before_submit / before_cancel of any document: raises frappe.PermissionError unless
	the change of docstatus is a transition of the document's active workflow."""
	from frappe.model.workflow import get_transitions, get_workflow, get_workflow_name

	if not get_workflow_name(doc.doctype):
		return
	workflow = get_workflow(doc.doctype)
	field = workflow.workflow_state_field
	before = doc.get_doc_before_save()
	old, new = (before.get(field) if before else None), doc.get(field)
	if before and old != new and state_doc_status(workflow).get(new) == cint(doc.docstatus):
		if any(t.next_state == new for t in get_transitions(before, workflow)):
			return
	refuse_outside_workflow(doc, old or workflow.states[0].state, _("不能直接提交或取消"))


def guard_state_docstatus(doc, method=None):
	"""before_validate of any document: a save that moves a document under an active workflow into a
	state of another docstatus (a PUT of the state "Graded" on a draft, say) is refused with
	frappe.PermissionError; Frappe checks only that the move is a transition."""
	from frappe.model.workflow import get_workflow, get_workflow_name

	if not get_workflow_name(doc.doctype) or doc.is_new():
		return
	workflow = get_workflow(doc.doctype)
	before = doc.get_doc_before_save()
	new = doc.get(workflow.workflow_state_field)
	if not before or before.get(workflow.workflow_state_field) == new:
		return
	doc_status = state_doc_status(workflow)
	if new in doc_status and doc_status[new] != cint(doc.docstatus):
		refuse_outside_workflow(doc, before.get(workflow.workflow_state_field), _("不能直接修改环节"))


def revoking(doc, reason_field="cancel_reason"):
	"""before_cancel of a sheet or plan (the workflow's revoke transition): the reason is
	required; returns it stripped.  Raises frappe.ValidationError without one."""
	reason = (doc.get(reason_field) or "").strip()
	if not reason:
		frappe.throw(_("撤销须写明理由"), title=_("不能撤销"))
	return reason


@frappe.whitelist()
def get_common_transition_actions(docs, doctype):
	"""The list view's bulk workflow actions (Frappe's, for the checked documents) without the
	revoke actions: a revoke needs a reason of its own for each document, given on its form.
	Returns a list of action names."""
	from frappe.model.workflow import get_common_transition_actions as common_actions
	from frappe.model.workflow import get_workflow, get_workflow_name

	actions = common_actions(docs, doctype)
	if not get_workflow_name(doctype):
		return actions
	revoking = revoke_actions(get_workflow(doctype))
	return [a for a in actions if a not in revoking]


MOVE_ATTEMPTS = 3


@frappe.whitelist(methods=["POST"])
def apply_workflow(doc, action):
	"""Frappe's `apply_workflow` (the desk's action buttons, and the portal's moves), taken
	again when MariaDB reports a deadlock: the Workflow Action rows Frappe keeps for many
	documents moving at once can deadlock; the whole move was rolled back, nothing is half done.
	Only a move that is the first write of its transaction is retried: rolling back must not
	throw away a caller's earlier work."""
	from frappe.model import workflow

	retry = not frappe.db.transaction_writes
	for attempt in range(MOVE_ATTEMPTS):
		try:
			carry_cancel_reason(doc, action)  # again after a rollback
			return workflow.apply_workflow(doc, action)
		except frappe.QueryDeadlockError:
			if not retry:
				raise
			frappe.db.rollback()
			if attempt == MOVE_ATTEMPTS - 1:
				frappe.throw(_("系统繁忙，请稍后再试（未做任何修改）"))
			time.sleep(0.05 * (attempt + 1))


def carry_cancel_reason(doc, action):
	"""Frappe's apply_workflow reloads the document from the database, so the reason a revoke
	needs (typed on the form or sent with the action) is stored first, and only when that
	action is one the user may take now.  The store is rolled back with a refused move."""
	from frappe.model.workflow import get_transitions, get_workflow

	values = frappe.parse_json(doc)
	reason = (values.get("cancel_reason") or "").strip() if isinstance(values, dict) else ""
	if not reason or not values.get("doctype") or not values.get("name"):
		return
	current = frappe.get_doc(values["doctype"], values["name"])
	workflow = get_workflow(current.doctype)
	if action in revoke_actions(workflow) and any(t.action == action for t in get_transitions(current, workflow)):
		current.db_set("cancel_reason", reason)
