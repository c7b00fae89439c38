"""The secretaries' (and party members') portal: what awaits them, and moving their own
documents through their own workflow steps.  Pages: www/sanfenlei (home), the Web Forms
in the module's web_form/ folder; permissions are the desk's (permissions.py)."""

import frappe
from frappe import _
from frappe.model.workflow import get_transitions
from frappe.utils import getdate, nowdate
from frappe.utils.data import cast

from sanfenlei_app import rules
from sanfenlei_app.review import DECISION_STATES, REQUIRED_ON_LEAVING, apply_workflow
from sanfenlei_app.sanfenlei_app.doctype.campaign_year.campaign_year import get_current_year

ORG = "Party Organization"
FORMS = {  # DocType -> (web form route, what the secretary calls it)
	"Status Survey": ("survey", "组织现状调查表"),
	"Assessment Sheet": ("sheet", "分类定级申报表（附件2）"),
	"Upgrade Plan": ("plan", "争创目标和整改措施"),
	"Organization Commitment": ("commitment", "公开承诺书（附件7）"),
}
MOVABLE = ("Assessment Sheet", "Upgrade Plan")
# each portal document's official layout (print_format/), downloaded as a PDF on the phone
PRINT_FORMATS = {
	"Assessment Sheet": "附件2 分类定级申报表",
	"Upgrade Plan": "目标责任书",
	"Organization Commitment": "附件7 公开承诺书",
	"Member Commitment": "附件8 党员公开承诺书",
}


def print_url(doctype, name):
	"""The address of the document's PDF in its official layout (附件2/7/8, 目标责任书)."""
	return "/api/method/frappe.utils.print_format.download_pdf?" + frappe.utils.urlencode(
		{"doctype": doctype, "name": name, "format": PRINT_FORMATS[doctype], "no_letterhead": 1})


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
	if doc.get("doctype") and not frappe.get_meta(doc.get("doctype")).is_submittable:
		return "已填写"  # a record without a review (the survey): saved is done, still editable
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
			url = f"/{route}/{d.name}" + ("" if d.docstatus or d.get("published") else "/edit")
			if doctype == SHEET:
				url = f"/dingji?name={frappe.utils.quote(d.name)}"  # the sheet's own phone page
			done = d.docstatus == 1 or (doctype == "Organization Commitment" and d.published) or (
				not frappe.get_meta(doctype).is_submittable and doctype != "Organization Commitment")
			if doctype == SHEET and not done:  # nothing for the secretary at the sheet's current step: 查看
				done = not (set(frappe.get_roles()) & review_edit_roles(d.workflow_state))
			items.append(frappe._dict(doctype=doctype, name=d.name, title=title_text, state=state_label(d),
				url=url, doc=d, print_url=print_url(doctype, d.name) if doctype in PRINT_FORMATS else None,
				confirmable=doctype == "Organization Commitment" and not d.published, done=done,
				actions=next_steps(doctype, d.name) if doctype in MOVABLE and d.docstatus == 0 else []))
		if doctype == "Organization Commitment":  # 践诺: recorded through the year once it is public
			for it in items:
				if it.doctype == doctype and it.name and it.doc.published:
					it.fulfilments = frappe.db.count("Commitment Fulfilment", {"organization_commitment": it.name})
					it.fulfil_url = (f"/jiannuo/new?commitment_type={frappe.utils.quote(doctype)}"
						f"&organization_commitment={frappe.utils.quote(it.name)}")
		if doctype == "Assessment Sheet":
			phases = {d.phase: d for d in docs}
			if "Year End" in phases:  # 评诺: the members' and the masses' rating, the sheet's satisfaction
				items.append(rating_item(org, year, phases["Year End"]))
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


def milestones(org, year, today=None):
	"""The organisation's milestones (升级措施) of ``year`` for the portal home: open ones first, by
	date — each with its status word, ``due_in`` (days), ``overdue``, ``due_soon`` (within
	rules.DUE_SOON_DAYS), the number of progress reports and the addresses to report progress
	and to open it.  Returns (milestones, the one due next or None)."""
	today = getdate(today or nowdate())
	rows = frappe.get_all("Upgrade Milestone", filters={"organization": org.name, "campaign_year": year},
		fields=["name", "measure", "responsible", "due_date", "status", "last_report_on"], order_by="due_date asc")
	reports = dict(frappe.get_all("Milestone Progress", filters={"milestone": ["in", [r.name for r in rows]]},
		fields=["milestone", "count(name) as n"], group_by="milestone", as_list=True)) if rows else {}
	for r in rows:
		due = getdate(r.due_date)
		r.status_label = rules.MILESTONE_STATUS_LABELS.get(r.status, r.status)
		r.due_in = rules.milestone_due_in(r.status, due, today)
		r.overdue = rules.milestone_is_overdue(r.status, due, today)
		r.due_soon = r.due_in is not None and 0 <= r.due_in <= rules.DUE_SOON_DAYS
		r.reports = reports.get(r.name, 0)
		r.report_url = f"/jinzhan/new?milestone={frappe.utils.quote(r.name)}"
		r.url = f"/cuoshi/{frappe.utils.quote(r.name)}" + ("" if r.status == "Done" else "/edit")
	rows.sort(key=lambda r: (r.status == "Done", r.due_date))
	return rows, rules.next_due(rows, today)


def rating_item(org, year, year_end):
	"""The 评诺·满意度测评 of the organisation's year as a to-do item: to fill in, or filled (its
	satisfaction shown), editable until the year-end sheet is decided."""
	rating = frappe.db.get_value("Commitment Rating", {"organization": org.name, "campaign_year": year},
		["name", "satisfaction"], as_dict=True)
	title = "评诺·满意度测评"
	if not rating:
		return frappe._dict(doctype="Commitment Rating", name=None, title=title, state="未填写", doc=None, done=False,
			url=f"/pingnuo/new?organization={frappe.utils.quote(org.name)}&campaign_year={year}", actions=[])
	done = year_end.docstatus == 1
	return frappe._dict(doctype="Commitment Rating", name=rating.name, title=title,
		state=f"满意度{rules.num(rating.satisfaction)}%", doc=rating, done=done, actions=[],
		url=f"/pingnuo/{rating.name}" + ("" if done else "/edit"))


def supervision_notes(org, year):
	"""The superior's notes on the organisation this year (督查指导、书记点评), newest first: each
	with its kind's word, date, author and text."""
	notes = frappe.get_all("Supervision Note", filters={"organization": org.name, "campaign_year": year},
		fields=["name", "kind", "note_date", "author_name", "content"], order_by="note_date desc, creation desc")
	for n in notes:
		n.kind_label = _(n.kind)
	return notes


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
	"""The party member's own commitments (附件8), each with its PDF's address."""
	user = user or frappe.session.user
	rows = frappe.get_all("Member Commitment", filters={"member_user": user},
		fields=["name", "organization", "campaign_year", "member_name", "commitments", "confirmed", "confirmed_on"],
		order_by="campaign_year desc")
	for row in rows:
		row.print_url = print_url("Member Commitment", row.name)
	return rows


# ----------------------------------------------------------------- moving a document from the portal


@frappe.whitelist()
def next_steps(doctype, name):
	"""The workflow actions the user may take on the document now (with Chinese labels)."""
	if doctype not in MOVABLE:
		frappe.throw(_("此类单据不能在门户中流转"))
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("read")
	return _actions(get_transitions(doc))


def _actions(transitions):
	return [{"action": t.action, "label": _(t.action), "next_state": _(t.next_state)} for t in transitions]


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


def review_edit_roles(state):
	from sanfenlei_app import review

	return review.EDIT_ROLES.get(state, set())


@frappe.whitelist(methods=["POST"])
def confirm_commitment(name):
	"""The secretary confirms the organisation's commitment (书记签字) on the phone; it is then
	published (公示).  The document's own rule applies: only the organisation's secretary.
	Returns the commitment's public address."""
	doc = frappe.get_doc("Organization Commitment", name)
	return doc.confirm()


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


# what Frappe's own dialogs and messages say on a page of the app (frappe.confirm, msgprint, call)
DIALOG_MESSAGES = ("Confirm", "Yes", "No", "Message", "Close", "Cancel", "Submit", "Error", "Not Permitted",
	"Loading...", "Saving...", "Uploading...", "Please wait...", "Server Error", "Today",
	# Frappe's file uploader (a photo taken on the phone): its dialog, buttons and camera
	"Upload", "Upload file", "Upload {0} files", "Set all public", "Set all private", "Optimize", "Private", "My Device",
	"Link", "Camera", "Library", "Crop", "Back", "Drag and drop files here or upload from", "Drop files here",
	"Click on the lock icon to toggle public/private", "Please select a file first.", "Take Photo", "Capture",
	"Switch Camera", "Switching Camera", "Unable to load camera.", "Preview", "Attach a web link", "Invalid URL",
	"← Back to upload files", "Attach", "Reload File", "Clear")


def page_messages():
	"""The translations a page of the app (www/) hands to the browser's ``__()``: Frappe sends
	none with a website page, so its dialogs spoke English ("Confirm", "Yes", "No").  Returns a
	JSON object {English: translation} safe inside <script>: the app's own translations and
	Frappe's dialog words, in the user's language."""
	from frappe.translate import get_translations_from_apps

	lang = frappe.local.lang or "en"
	messages = dict(get_translations_from_apps(lang, apps=["sanfenlei_app"])) if lang != "en" else {}
	messages.update({m: _(m) for m in DIALOG_MESSAGES})
	return frappe.as_json(messages).replace("<", "\\u003c")


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
	for message in ("Updated", "Your form has been successfully updated", "Missing Values Required",
			"Following fields have missing values:", *DIALOG_MESSAGES):
		messages[message] = _(message)
	context.sanfenlei_messages = frappe.as_json(messages)
	return context


# ----------------------------------------------------------------- the grading sheet on a phone (/dingji)
# The desk's web form clips a child table at 390 px and cannot attach a file to a row, so the
# secretary's sheet has its own page (www/dingji.*): every scoring item as a card, several
# deductions per item with reason and photo, the current step's fields, the moves that the
# typed values allow, who acts now, returns and the superior's decision.

SHEET = "Assessment Sheet"
# the fields the secretary (or the unit, at its steps) records in each review step: what each
# step must have recorded before it is left (review.py), and the plan and contact in the draft
STEP_FIELDS = {
	**{state: fields for state, fields in REQUIRED_ON_LEAVING.items() if state not in DECISION_STATES},
	"Draft": ["satisfaction", "upgrade_target", "rectification_measures", "upgrade_deadline", "contact_phone"],
	"Street Self Scoring": ["satisfaction"],
}
# where deductions and bonuses are recorded (the scoring is the sheet's first step)
SCORING_STATES = ("Draft", "Street Self Scoring", "Self Check")
GRADE_FIELDS = ("mass_grade", "member_grade", "self_grade", "self_check_grade", "decided_grade")


def may_edit(doc):
	"""Whether the user may change the sheet in its current step (review.EDIT_ROLES)."""
	from sanfenlei_app import review

	if doc.docstatus != 0 or not doc.has_permission("write"):
		return False
	roles = set(frappe.get_roles())
	return bool(roles & review.SUPER_ROLES or roles & review.EDIT_ROLES.get(doc.workflow_state, set()))


def _field(doc, fieldname, names):
	df = doc.meta.get_field(fieldname)
	options = []
	if df.fieldtype == "Select":
		values = [o for o in (df.options or "").split("\n") if o]
		if fieldname in GRADE_FIELDS:
			values = [g for g in values if g in names]  # the standard's grades (three or four)
		options = [(v, names.get(v) or _(v)) for v in values]
	return {"fieldname": fieldname, "label": _(df.label), "fieldtype": df.fieldtype, "options": options,
		"value": doc.get(fieldname), "description": _(df.description) if df.description else ""}


def _evidence(url):
	if not url or not url.startswith(("/files/", "/private/files/")):
		return None
	name = frappe.db.get_value("File", {"file_url": url}, "file_name") or url.rsplit("/", 1)[-1]
	return {"url": url, "name": name, "is_image": url.lower().rsplit(".", 1)[-1] in ("png", "jpg", "jpeg", "gif", "webp")}


@frappe.whitelist()
def sheet_view(name):
	"""Everything the phone page shows of one sheet: header (step, who acts now, deadline, the
	latest return and its reason, the decision and its reason), items with their deductions and
	evidence, vetoes, the current step's fields, the result and its basis, the actions open now.
	Raises PermissionError for a user who may not read the sheet."""
	from sanfenlei_app import review
	from sanfenlei_app.grading import sheet_grade_names

	doc = frappe.get_doc(SHEET, name)
	doc.check_permission("read")
	names = sheet_grade_names(doc)
	editable = may_edit(doc)
	# at year end the satisfaction is the 评诺's once it is held: shown in the result, not typed
	from sanfenlei_app.sanfenlei_app.doctype.commitment_rating.commitment_rating import rated_satisfaction

	rated = doc.phase == "Year End" and rated_satisfaction(doc.organization, doc.campaign_year) is not None
	acting = [u for u in (review.responsible_email(doc) or "").split(",") if u]
	roles = review.EDIT_ROLES.get(doc.workflow_state, set())
	returned = next((s for s in reversed(doc.steps) if s.result == "退回" and s.to_state == doc.workflow_state), None)
	entries = {}
	for e in doc.entries:
		entries.setdefault(e.item_no, []).append({"idx": e.idx, "points": e.points, "reason": e.reason,
			"evidence": _evidence(e.evidence)})
	kinds = {"Deduction": "扣分项", "Bonus": "加分项", "Penalty": "减分项", "Rating": "评分项"}
	return {
		"name": doc.name, "modified": str(doc.modified), "organization": doc.organization, "campaign_year": doc.campaign_year,
		"phase": "年初定级" if doc.phase == "Initial" else "年底验收", "state": state_label(doc),
		"docstatus": doc.docstatus, "editable": editable,
		"scoring": editable and doc.workflow_state in SCORING_STATES,
		"acting": "、".join(frappe.db.get_value("User", u, "full_name") or u for u in acting) or _nobody_acts(doc, roles),
		"due_date": frappe.utils.formatdate(doc.due_date, "yyyy-MM-dd") if doc.due_date else "", "is_overdue": doc.is_overdue,
		"returned": {"reason": returned.reason, "by": frappe.db.get_value("User", returned.user, "full_name")} if returned else None,
		"decision": {"grade": names.get(doc.decided_grade, ""), "stars": doc.decided_stars or 0,
			"reason": doc.decision_reason or "", "district": doc.district_opinion or ""} if doc.decided_grade else None,
		"result": {"total": doc.total_score, "grade": doc.grade_label, "stars": doc.stars or 0,
			"vetoes": doc.veto_applied or "", "explanation": (doc.explanation or "").split("\n")},
		"items": [{"idx": i.idx, "category": i.category, "content": i.content, "max_points": i.max_points,
			"method": i.deduction_method or "", "kind": i.item_kind or "Deduction", "kind_label": kinds.get(i.item_kind or "Deduction"),
			"part": i.part or "", "score": i.score, "rating": i.rating, "entries": entries.get(i.idx, [])} for i in doc.items],
		"vetoes": [{"code": v.code, "description": v.description, "kind": v.kind, "applies": v.applies,
			"label": {"condition": "具备", "honour": "获得"}.get(v.kind, "属实")} for v in doc.vetoes],
		"fields": [_field(doc, f, names) for f in STEP_FIELDS.get(doc.workflow_state, [])
			if not (f == "satisfaction" and rated)] if editable else [],
		**_open_actions(doc),
		"print_url": print_url(SHEET, name),
	}


def _nobody_acts(doc, roles):
	"""Who acts now when no account is named: a unit without an administrator is said so (the
	district is told daily, dashboard.notify_units_without_admin), otherwise the roles."""
	from sanfenlei_app.review import RUA

	if RUA in roles and doc.reporting_unit and not frappe.db.exists("Party Organization Admin", {"parent": doc.reporting_unit}):
		return _("{0}暂无单位管理员（已提醒区委组织部指定）").format(doc.reporting_unit)
	return "、".join(_(r) for r in sorted(roles)) or "—"


def _open_actions(doc):
	"""The moves open now, without those whose choice depends on values of this step not yet
	entered (党员群众审议: 通过 or 未通过 follows the votes, so neither is offered before the
	votes are in); ``waiting_for`` then says what to enter."""
	from sanfenlei_app.review import REQUIRED_ON_LEAVING

	if doc.docstatus != 0:
		return {"actions": [], "waiting_for": ""}
	transitions = get_transitions(doc)
	conditions = {t.action: t.condition or "" for t in transitions}
	required = REQUIRED_ON_LEAVING.get(doc.workflow_state, [])
	missing = [f for f in required if doc.get(f) in (None, "")]
	if not any(doc.get(f) not in (None, "", 0) for f in required):
		missing = list(required)  # nothing of this step entered yet (numbers still at 0)
	actions, held = [], False
	for a in _actions(transitions):
		if any(f"doc.{f}" in conditions.get(a["action"], "") for f in missing):
			held = True
			continue
		actions.append(a)
	waiting = "请先填写" + "、".join(f"“{_(doc.meta.get_label(f))}”" for f in missing) + "，再办理本环节" if held else ""
	return {"actions": actions, "waiting_for": waiting}


@frappe.whitelist(methods=["POST"])
def save_sheet(name, values=None, entries=None, ratings=None, vetoes=None, modified=None):
	"""Save what the phone page changed: ``values`` {field: value} of the current step's fields,
	``entries`` the whole 扣分、加分记录 ([{item_no, points, reason, evidence}]), ``ratings``
	{item idx: score} of 评分项, ``vetoes`` {code: 0/1}; ``modified``: the version the page shows —
	a sheet changed since (by another tab or the unit) is not overwritten.  The sheet's own checks
	apply (grading, who may edit in this step); a field of another step is refused.  Returns
	``sheet_view``."""
	doc = frappe.get_doc(SHEET, name)
	doc.check_permission("write")
	if modified and str(doc.modified) != modified:
		frappe.throw(_("这份申报表刚被他人修改过，您的这次修改没有保存：请刷新页面后再填写"), frappe.TimestampMismatchError)
	if not may_edit(doc):
		frappe.throw(_("当前环节为“{0}”，您不能修改此申报表").format(_(doc.workflow_state)), frappe.PermissionError)
	values, entries, ratings, vetoes = (frappe.parse_json(x) if isinstance(x, str) else x
		for x in (values, entries, ratings, vetoes))
	allowed = STEP_FIELDS.get(doc.workflow_state, [])
	for field, value in (values or {}).items():
		if field not in allowed:
			frappe.throw(_("当前环节不能填写“{0}”").format(_(doc.meta.get_label(field))))
		# as the field's type: "30" typed on the phone is the number 30 (no "30 → 30" in the log)
		doc.set(field, cast(doc.meta.get_field(field).fieldtype, value) if value not in (None, "") else None)
	if entries is not None or ratings or vetoes:
		if doc.workflow_state not in SCORING_STATES:
			frappe.throw(_("评分只能在“{0}”环节填写").format(_("Draft")))
	if entries is not None:
		doc.set("entries", [{"item_no": e.get("item_no"), "points": e.get("points"), "reason": e.get("reason"),
			"evidence": e.get("evidence")} for e in entries])
	for idx, score in (ratings or {}).items():
		row = next((i for i in doc.items if str(i.idx) == str(idx)), None)
		if not row or row.item_kind != "Rating":
			frappe.throw(_("第{0}项不是评分项，不能直接填写得分").format(idx))
		row.rating = score
	for v in doc.vetoes:
		if v.kind != "satisfaction" and v.code in (vetoes or {}):
			v.applies = 1 if vetoes[v.code] else 0
	doc.save()
	return sheet_view(name)
