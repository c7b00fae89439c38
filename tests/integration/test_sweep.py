"""The sweep (issue 14): every whitelisted method that Frappe and the app expose, called over
REST by each confined role against every campaign DocType, with canary documents planted
outside the caller's subtree.

Methods are enumerated from Frappe's own registry of whitelisted functions (frappe.whitelisted,
filled by importing every module of frappe and of the app), not from a hand-picked list.  A
method is swept when it takes a DocType, a document name, filters, a document or search text.
For each (method, role, DocType) triple the arguments point at the canaries: their names,
filters that select only them (without the marker itself, so that an error message echoing
the request cannot pass for a leak), the marker as search text.

Asserted for every triple:
- no marker in the answer (the canaries' organisations and street carry it in their names,
  their texts carry it too): nothing of a document outside the subtree is read;
- no positive count in the answer of a counting method asked about the canaries only;
- no canary document changed (every column compared);
- no docstatus of the caller's own documents under a workflow changed, except through the
  workflow's own action methods (whose transitions Frappe checks).
The counts of triples tried and skipped (with the reason) are printed.
"""

import importlib
import inspect
import json
import pkgutil
import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import frappe
import pytest

from .conftest import Rest, make_user, uid
from .test_rates_report import graded
from .test_status_survey import survey_values, year

ROLES = ("Organization Secretary", "Reporting Unit Admin", "Party Member", "Evaluation Department", "Campaign Leader",
	# officials with two roles: each role's reach, never more
	"Party Member+Evaluation Department", "Organization Secretary+Evaluation Department")
CAMPAIGN_DOCTYPES = ("Party Organization", "Assessment Sheet", "Status Survey", "Survey Special Report", "Upgrade Plan",
	"Organization Commitment", "Member Commitment", "Assistance Record", "Annual Summary", "Evaluation Opinion")
CHILD_DOCTYPES = {"Assessment Sheet Item": "Assessment Sheet", "Assessment Sheet Step": "Assessment Sheet",
	"Assessment Sheet Veto": "Assessment Sheet", "Party Organization Admin": "Party Organization",
	"Annual Summary Rate": "Annual Summary"}
TARGET_PARAMS = {"doctype", "dt", "doctype_name", "reference_doctype", "ref_doctype", "name", "docname", "dn", "doc_name",
	"reference_name", "docnames", "names", "doc", "docs", "filters", "current_filters", "txt", "text", "parent"}
# the workflow's own action methods: Frappe checks each transition they make
WORKFLOW_ACTIONS = {"frappe.model.workflow.apply_workflow", "frappe.model.workflow.bulk_workflow_approval",
	"sanfenlei_app.review.apply_workflow", "sanfenlei_app.portal.move",
	"frappe.workflow.doctype.workflow_action.workflow_action.apply_action",
	"frappe.workflow.doctype.workflow_action.workflow_action.confirm_action"}
# not called: they end the caller's session or act on the whole site, whoever may call them
NOT_CALLED = {
	"frappe.utils.nestedset.rebuild_tree": "rebuilds a whole tree (System Manager only; refused in test_isolation)",
	"frappe.desk.doctype.system_console.system_console.execute_code": "runs code (System Manager only)",
}
COUNTING = re.compile(r"count|stats|dashboard_data|group_by", re.I)


def whitelisted_methods():
	"""(dotted path, function) of every whitelisted function of frappe and the app."""
	for pkg in ("frappe", "sanfenlei_app"):
		mod = importlib.import_module(pkg)
		for info in pkgutil.walk_packages(mod.__path__, pkg + "."):
			if re.search(r"\.tests?(\.|_)|\.patches|^frappe\.commands|bench_helper", info.name):
				continue
			try:
				importlib.import_module(info.name)
			except BaseException:  # noqa: BLE001 - a module that cannot load exposes nothing
				continue
	for fn in frappe.whitelisted:
		yield f"{fn.__module__}.{fn.__qualname__}", fn


# what a method that reads its arguments from the request (frappe.form_dict) is sent
REQUEST_PARAMS = dict(inspect.signature(lambda doctype, name, docname, filters, fields, txt: None).parameters)


def reads_the_request(fn):
	try:
		source = inspect.getsource(fn)
	except (OSError, TypeError):
		return False
	return "form_dict" in source or "get_form_params" in source


def params_of(fn):
	try:
		return inspect.signature(fn).parameters
	except (TypeError, ValueError):
		return {}


@pytest.fixture(scope="module")
def world():
	from .conftest import Tree

	frappe.set_user("Administrator")
	t = Tree()
	mark = f"QZX{uid().upper()}"  # in the canaries' texts and names only; never sent in a request
	street_mark = f"QZJ{uid().upper()}"
	d = t.district()
	own_street = t.street(d, "自己街道")
	canary_street = t.street(d, f"金丝雀街道{uid()}")
	users = {role: make_user(f"sweep{i}-{uid()}@test.local", role.split("+")) for i, role in enumerate(ROLES)}
	other_member = make_user(f"sweep-om-{uid()}@test.local", ["Party Member"])
	own = t.org("自己社区", "Grassroots", own_street.name, domain="Community",
		secretary_user=users["Organization Secretary"])
	canary = t.org(f"金丝雀社区{uid()}", "Grassroots", canary_street.name, domain="Community",
		secretary_name=f"书记{mark}")
	canary_street.db_set("secretary_name", f"书记{street_mark}")
	t.admin(own_street, users["Reporting Unit Admin"])
	year()
	docs = {"canary": {}, "own": {}}
	for key, org, unit in (("canary", canary.name, canary_street.name), ("own", own.name, own_street.name)):
		text = f"材料{mark}" if key == "canary" else "本组织材料"
		graded(org, "Initial", "Lagging", 0)
		approved = frappe.db.get_value("Assessment Sheet", {"organization": org, "phase": "Initial"})
		frappe.get_doc({"doctype": "Assessment Sheet Entry", "parent": approved, "parenttype": "Assessment Sheet",
			"parentfield": "entries", "idx": 1, "item_no": 1, "points": 1, "reason": text, "docstatus": 1}).db_insert()
		sheet = frappe.get_doc({"doctype": "Assessment Sheet", "organization": org, "campaign_year": year(),
			"phase": "Year End", "self_check_report": text}).insert()
		survey = frappe.get_doc(survey_values(org, overall_evaluation=text)).insert()
		report = frappe.get_doc({"doctype": "Survey Special Report", "reporting_unit": unit, "campaign_year": year(),
			"conclusion": text}).insert()
		plan = frappe.get_doc({"doctype": "Upgrade Plan", "organization": org, "campaign_year": year(),
			"target_grade": "Ordinary", "target_stars": 1, "rectification_measures": text,
			"plan_text": text, "upgrade_deadline": "2012-11-30"}).insert()
		commitment = frappe.get_doc({"doctype": "Organization Commitment", "organization": org, "campaign_year": year(),
			"commitments": text}).insert()
		member = frappe.get_doc({"doctype": "Member Commitment", "organization": org, "campaign_year": year(),
			"member_name": f"党员{mark}" if key == "canary" else "党员",
			"member_user": other_member if key == "canary" else users["Party Member"], "commitments": text}).insert()
		assistance = frappe.get_doc({"doctype": "Assistance Record", "organization": org, "campaign_year": year(),
			"kind": "Leader Contact Point", "helper": text, "start_date": "2012-05-01", "actions": text}).insert()
		summary = frappe.get_doc({"doctype": "Annual Summary", "reporting_unit": unit, "campaign_year": year(),
			"summary_text": text}).insert()
		opinion = None
		if key == "canary":  # the departments advise on a street committee's self-scoring
			street_sheet = frappe.get_doc({"doctype": "Assessment Sheet", "organization": unit, "campaign_year": year(),
				"phase": "Initial"}).insert()
			street_sheet.db_set("workflow_state", "Department Opinions")
			opinion = frappe.get_doc({"doctype": "Evaluation Opinion", "sheet": street_sheet.name,
				"department": "Supervision Office", "opinion": f"意见{street_mark}"}).insert()
		docs[key] = {"Party Organization": org, "Assessment Sheet": sheet.name, "Status Survey": survey.name,
			"Survey Special Report": report.name, "Upgrade Plan": plan.name, "Organization Commitment": commitment.name,
			"Member Commitment": member.name, "Assistance Record": assistance.name, "Annual Summary": summary.name,
			"Evaluation Opinion": opinion.name if opinion else None, "approved sheet": approved}
	# an assignment on a canary (Frappe's assigned-to counts read ToDo rows)
	frappe.get_doc({"doctype": "ToDo", "allocated_to": "Administrator", "reference_type": "Assessment Sheet",
		"reference_name": docs["canary"]["Assessment Sheet"], "description": f"待办{mark}"}).insert()
	# the caller's own documents under a workflow, one per docstatus
	frappe.db.set_value("Upgrade Plan", docs["own"]["Upgrade Plan"], "workflow_state", "Plan Under Review")
	frappe.db.commit()
	street_level = {canary_street.name, street_mark, docs["canary"]["Evaluation Opinion"],
		frappe.db.get_value("Evaluation Opinion", docs["canary"]["Evaluation Opinion"], "sheet")}
	everything = {mark, canary.name} | street_level | {n for n in docs["canary"].values() if n}
	return frappe._dict(users=users, docs=docs, mark=mark, street_mark=street_mark, canary=canary.name,
		canary_street=canary_street.name, own=own.name,
		# what each role must never read: the canaries' names and markers (the departments
		# advise on every street committee, so a street's own documents are theirs to read)
		secrets={"all": everything, "Campaign Leader": set(),
			**{r: everything - street_level for r in ROLES if "Evaluation Department" in r}})


def fingerprint(docs, doctypes, social=True):
	"""Every column of the given documents, to see whether anything changed them (without
	the likes, tags, assignments and seen marks a reader may leave, when ``social`` is False).

	A top-level document's ``idx`` is left out: Frappe counts how often a document is linked
	to (``frappe.model.utils.link_count``, on every link validated in a committed request) and
	its scheduler adds the count to ``idx`` to order link searches by popularity, whenever
	its job happens to run. It is no field a user can set or read as data."""
	frappe.db.rollback()
	out = {}
	for dt, name in docs:
		if name and dt in doctypes:
			rows = frappe.db.sql(f"select * from `tab{dt}` where name = %s", name, as_dict=True)
			out[(dt, name)] = [{k: v for k, v in r.items() if k != "idx" and (social or not k.startswith("_"))}
				for r in rows]
	return out


def fingerprint_of(prints, social):
	return {k: [{c: v for c, v in r.items() if social or not c.startswith("_")} for r in rows] for k, rows in prints.items()}


def diff(before, after):
	"""The columns that differ between two fingerprints of one document."""
	if not after:
		return "deleted"
	return sorted(c for c in before[0] if before[0].get(c) != after[0].get(c))


def docstatus_of(docs):
	frappe.db.rollback()
	return {(dt, n): frappe.db.get_value(dt, n, ["docstatus", "workflow_state"]) for dt, n in docs}


def full_document(doctype, name):
	"""The document as stored, one docstatus further (a submit of a draft, a cancel of a
	submitted one): what an attacker who knows it would send to a method taking a document."""
	if not name or doctype in CHILD_DOCTYPES:
		return None
	doc = frappe.get_doc(doctype, name).as_dict(convert_dates_to_str=True)
	doc["docstatus"] = min(doc.docstatus + 1, 2)
	return json.loads(frappe.as_json(doc))


def arguments(method, params, doctype, name, world, mark_free_filter, document=None):
	"""The REST arguments aiming ``method`` at the document ``name`` of ``doctype``."""
	parent = CHILD_DOCTYPES.get(doctype)
	values = {}
	for p, spec in params.items():
		if p in ("self", "args", "kwargs") or spec.kind in (spec.VAR_KEYWORD, spec.VAR_POSITIONAL):
			continue
		if p in ("doctype", "dt", "doctype_name", "reference_doctype", "ref_doctype"):
			values[p] = doctype
		elif p in ("name", "docname", "dn", "doc_name", "reference_name", "old_name", "old"):
			values[p] = name
		elif p in ("docnames", "names"):
			values[p] = json.dumps([name])
		elif p in ("doc",):
			values[p] = json.dumps(document or {"doctype": doctype, "name": name, "docstatus": 1})
		elif p in ("docs",):
			values[p] = json.dumps([dict(document or {"doctype": doctype, "name": name}, docname=name)])
		elif p in ("filters", "current_filters"):
			values[p] = json.dumps(mark_free_filter)
		elif p in ("txt", "text"):
			values[p] = world.mark[:6]
		elif p == "parent":
			values[p] = parent or ""
		elif p in ("fields", "fieldname"):
			values[p] = json.dumps(["*"]) if p == "fields" else "name"
		elif p in ("field",):
			values[p] = "assigned_to"
		elif p == "action":
			values[p] = "Submit" if "savedocs" in method or "bulk_update" in method else "Approve"
		elif p in ("value",):
			values[p] = "1"
		elif p in ("args", "arg"):
			values[p] = json.dumps({"doctype": doctype, "name": name, "assign_to": ["Administrator"], "description": "1"})
		elif p in ("ignore_user_permissions", "ignore_permissions"):
			values[p] = 1  # what an attacker would ask for
		elif p == "stats":
			values[p] = json.dumps(["organization", "reporting_unit", "name"])
		elif spec.default is inspect.Parameter.empty:
			values[p] = "1"
	return values


def scope_filter(doctype, world):
	"""Filters selecting only the canaries of ``doctype``, without the marker itself."""
	if doctype in CHILD_DOCTYPES:
		return {"parent": ["like", "%"], "parenttype": CHILD_DOCTYPES[doctype]}
	if doctype == "Party Organization":
		return {"organization_name": ["like", "金丝雀社区%"]}
	if frappe.get_meta(doctype).has_field("organization"):
		return {"organization": ["like", "金丝雀社区%"]}
	return {"reporting_unit": ["like", "金丝雀街道%"]}


def readable(text):
	"""The answer with every \\uXXXX escape decoded, at whatever depth of JSON encoding
	(Frappe's messages are JSON inside JSON inside JSON)."""
	return re.sub(r"\\+u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)


def positive_count(message):
	if isinstance(message, bool):
		return False
	if isinstance(message, (int, float)):
		return message > 0
	if isinstance(message, dict):
		return any((k in ("count", "total_count", "total") and positive_count(v)) or
			(isinstance(v, (dict, list)) and positive_count(v)) for k, v in message.items())
	if isinstance(message, list):
		return any(positive_count(v) for v in message if isinstance(v, (dict, list)))
	return False


def test_every_whitelisted_method_as_every_confined_role(world, capsys):
	methods = sorted(whitelisted_methods())
	overrides = frappe.get_hooks("override_whitelisted_methods") or {}
	tried, skipped, leaks, bypasses = Counter(), Counter(), [], []
	doctypes = list(CAMPAIGN_DOCTYPES) + list(CHILD_DOCTYPES)
	canary_docs = [(dt, n) for dt, n in world.docs["canary"].items() if dt in CAMPAIGN_DOCTYPES and n]
	canary_docs.append(("Assessment Sheet", world.docs["canary"]["approved sheet"]))
	own_workflow_docs = [("Assessment Sheet", world.docs["own"]["Assessment Sheet"]),
		("Assessment Sheet", world.docs["own"]["approved sheet"]), ("Upgrade Plan", world.docs["own"]["Upgrade Plan"])]
	plan = []
	from frappe.model.base_document import get_controller

	controllers = {dt: get_controller(dt) for dt in doctypes}
	for path, fn in methods:
		params = params_of(fn)
		if "." in fn.__qualname__:  # a controller's method: called through run_doc_method on each DocType that has it
			name = fn.__name__
			having = [dt for dt, cls in controllers.items() if getattr(getattr(cls, name, None), "__qualname__", None) == fn.__qualname__]
			if not having:
				skipped["a method of a controller of no campaign DocType"] += 1
				continue
			plan.append((f"run_doc_method:{name}", params, having))
			continue
		if not set(params) & TARGET_PARAMS:
			if reads_the_request(fn):  # takes its arguments from the request (frappe.form_dict)
				plan.append((path, {**REQUEST_PARAMS, **params}, doctypes))
				continue
			skipped["takes no DocType, name, filters, document or search text"] += 1
			continue
		if path in NOT_CALLED:
			skipped[NOT_CALLED[path]] += 1
			continue
		plan.append((path, params, doctypes))
	documents = {(dt, n): full_document(dt, n) for dt, n in canary_docs + own_workflow_docs}
	before_canaries = fingerprint(canary_docs, CAMPAIGN_DOCTYPES)
	before_own = docstatus_of(own_workflow_docs)
	filters = {dt: scope_filter(dt, world) for dt in doctypes}  # worked out here: the calls run in threads

	def run(role, path, params, doctype, api):
		parent = CHILD_DOCTYPES.get(doctype)
		targets = [world.docs["canary"]["approved sheet"] if parent == "Assessment Sheet" else
			world.docs["canary"].get(parent or doctype)]
		if doctype in ("Assessment Sheet", "Upgrade Plan") and path not in WORKFLOW_ACTIONS:
			targets += [n for dt, n in own_workflow_docs if dt == doctype]
		out = []
		for target in targets:
			if not target:
				continue
			args = arguments(path, params, doctype, target, world, filters[doctype], documents.get((doctype, target)))
			if path.startswith("run_doc_method:"):
				args = {"dt": doctype, "dn": target, "method": path.split(":")[1], "args": json.dumps(args)}
				r = api.post("/api/method/run_doc_method", args)
			else:
				r = api.post(f"/api/method/{path}", args)
			out.append((target, r.status_code, r.text, readable(json.dumps(args))))
		return out

	for role in ROLES:
		api = Rest(world.users[role])
		secrets = world.secrets.get(role, world.secrets["all"])
		jobs = [(path, params, dt) for path, params, having in plan for dt in having]
		with ThreadPoolExecutor(max_workers=4) as pool:
			results = list(pool.map(lambda j: (j, run(role, j[0], j[1], j[2], api)), jobs))
		for (path, params, doctype), calls in results:
			tried[role] += 1
			for target, status, text, sent in calls:
				# what the request itself named may come back in a refusal; anything else is read
				text = readable(text)
				found = [m for m in secrets if m not in sent and m in text]
				if "Traceback (most recent call last)" in text:
					leaks.append(f"{role} · {path} · {doctype} · {status}: a Python traceback reached the caller")
				if found:
					leaks.append(f"{role} · {path} · {doctype} · {status}: {found[0]} in {text[:160]}")
				if role != "Campaign Leader" and target in [n for _dt, n in canary_docs] and status == 200 and \
						COUNTING.search(path) and positive_count(json.loads(text or "{}").get("message")):
					leaks.append(f"{role} · {path} · {doctype}: a count of the canaries: {text[:160]}")
		social = role != "Campaign Leader"  # a reader may like or tag what it reads
		after = fingerprint(canary_docs, CAMPAIGN_DOCTYPES, social)
		was = fingerprint_of(before_canaries, social)
		street_level = {("Evaluation Opinion", world.docs["canary"]["Evaluation Opinion"])}
		changed = [(k, diff(was[k], after.get(k))) for k in was if was[k] != after.get(k)
			and not ("Evaluation Department" in role and k in street_level)]
		if changed:
			bypasses.append(f"{role}: canaries changed: {changed}")
		before_canaries = fingerprint(canary_docs, CAMPAIGN_DOCTYPES)
		now = docstatus_of(own_workflow_docs)
		moved = [k for k in before_own if before_own[k][0] != now[k][0]]
		if moved:
			bypasses.append(f"{role}: docstatus of own documents changed outside a workflow action: {moved}")
			before_own = now

	with capsys.disabled():
		print(f"\nsweep: {len(methods)} whitelisted methods, {len(plan)} swept ({sum(p[0].startswith('run_doc_method:') for p in plan)}"
			f" of them controller methods through run_doc_method) × {len(ROLES)} roles × up to {len(doctypes)} DocTypes")
		print(f"sweep: {sum(tried.values())} (method, role, DocType) triples tried: " +
			", ".join(f"{r} {n}" for r, n in tried.items()))
		for reason, n in skipped.items():
			print(f"sweep: {n} methods skipped: {reason}")
		print(f"sweep: {len(leaks)} leaks, {len(bypasses)} bypasses; overrides in force: {sorted(overrides)}")
	assert not leaks + bypasses, "\n".join(bypasses + leaks[:60])


def test_the_examples_of_issue_14(world):
	"""The examples found from outside, each with its right outcome: the link search asked to
	ignore User Permissions, counts by grade, an Excel export of another unit, a refused read."""
	sec = Rest(world.users["Organization Secretary"])
	for method in ("frappe.desk.search.search_widget", "frappe.desk.search.search_link"):
		r = sec.post(f"/api/method/{method}", {"doctype": "Assessment Sheet", "txt": "", "ignore_user_permissions": 1,
			"page_length": 500})
		assert r.status_code == 200 and world.docs["canary"]["approved sheet"] not in r.text, (method, r.text[:300])
		assert world.docs["own"]["approved sheet"] in r.text, method  # its own sheets still found
	r = sec.post("/api/method/frappe.client.get_count", {"doctype": "Assessment Sheet",
		"filters": json.dumps({"organization": world.canary, "decided_grade": "Lagging"})})
	assert r.json()["message"] == 0
	r = sec.post("/api/method/frappe.client.get_count", {"doctype": "Assessment Sheet",
		"filters": json.dumps({"organization": world.own})})
	assert r.json()["message"] == 2  # its own April and December sheets
	unit = Rest(world.users["Reporting Unit Admin"])
	r = unit.post("/api/method/sanfenlei_app.excel.export_annex", {"annex": "annex3", "campaign_year": year(),
		"reporting_unit": world.canary_street})
	assert r.status_code == 403 and "您只能查看本单位" in readable(r.text), r.text[:300]
	r = unit.post("/api/method/sanfenlei_app.excel.export_annex", {"annex": "annex3", "campaign_year": year(),
		"reporting_unit": frappe.db.get_value("Party Organization", world.own, "reporting_unit")})
	assert r.status_code == 200 and r.content[:2] == b"PK"  # an xlsx workbook
	r = sec.get(f"/api/resource/Assessment Sheet/{world.docs['canary']['approved sheet']}")
	assert r.status_code == 403 and "Traceback" not in r.text and "exc" not in r.json(), r.text[:300]
