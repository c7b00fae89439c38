"""What every campaign document shares: the base class each of the app's controllers inherits.

A campaign DocType declares, on its controller class, the fields only the server writes:

- ``server_owned``: besides every field its DocType marks read-only (computed scores and grades, who and
  when, confirmations, signatures, publication, derived links), the fields no user writes directly;
- ``step_owned``: {review step (workflow state): its fields} — what a step records (a meeting's date, a
  ballot, the superior's decision, the district's opinion), written only while the document is at that
  step (who may write at a step is the review's rule: review.check_edit_rights);
- a table field read-only in its DocType (a step log, rates) is the server's as a whole; in any other
  table, each row's read-only fields are.

One guard enforces the declaration on every write path — REST insert and save, set_value, the desk's
savedocs, allow-on-submit edits, web forms and the portal (which save with ignore_permissions), Data
Import: a new document starts with none of them (they are reset to their defaults), an existing one
refuses a change to any of them. The workflow's own code and the app's named server methods write them
after the guard (in the controller's validate) or with ``flags.written_by_server`` set. A new DocType is
covered by inheriting this class; a new field by its read-only mark or a line in its class's declaration.
"""

import datetime
from typing import ClassVar

import frappe
from frappe import _
from frappe.model import no_value_fields
from frappe.model.document import Document
from frappe.utils import cint, flt, get_datetime, getdate

from sanfenlei_app import evidence, permissions

# field types that hold no value (a table holds its rows: it is no such type here)
NO_VALUE = frozenset(no_value_fields) - {"Table", "Table MultiSelect"}
# read-only fields Frappe itself keeps: its workflow moves the state (checked by Frappe and review.py),
# an amendment names its original, a tree keeps its bounds
FRAPPE_KEPT = frozenset(("workflow_state", "amended_from", "lft", "rgt", "old_parent"))


class CampaignDocument(Document):
	"""Base of every campaign controller. Subclasses declare ``server_owned``, ``step_owned`` and ``scope_field``,
	and override ``permission_query`` and ``record_permission`` where their rule differs (hooks.py hands Frappe's
	permission hooks of every DocType to these through sanfenlei_app.permissions)."""

	server_owned: ClassVar[tuple[str, ...]] = ()
	step_owned: ClassVar[dict[str, tuple[str, ...]]] = {}
	# where a document stands in the organisation tree: its Link to Party Organization. A confined user (a
	# secretary, a unit's administrator) reads, lists and saves only documents placed in their subtrees.
	# None: a record every campaign role reads, whose DocPerms alone say who writes it (years, standards).
	scope_field: ClassVar[str | None] = "organization"

	def validate_higher_perm_levels(self):
		# Frappe resets here, on every save path and before any of the controller's own code, the fields a user
		# may not write (permlevel); extended to the fields only the server writes, ignore_permissions or not
		super().validate_higher_perm_levels()
		if frappe.session.user != "Administrator" and not frappe.flags.in_install:  # as Frappe's own reset
			guard_server_owned(self, exempt=self.flags.written_by_server or ())

	def save_as_server(self, *fields, **kwargs):
		"""Saves the document as a named server method does: ``fields`` (fieldnames it set itself) pass the
		guard, every other server-owned field still may not change. Returns what Document.save returns."""
		self.flags.written_by_server = set(fields)
		try:
			return self.save(**kwargs)
		finally:
			self.flags.written_by_server = None

	@classmethod
	def permission_query(cls, user, doctype):
		"""SQL condition on `tab{doctype}` for ``user``'s lists, counts and searches ("" for none)."""
		return permissions.linked_query_conditions(user, doctype) if cls.scope_field else ""

	@classmethod
	def record_permission(cls, doc, ptype, user):
		"""Whether ``user`` may ``ptype`` ``doc`` (False denies; None leaves it to Frappe's DocPerms)."""
		return permissions.linked_has_permission(doc, ptype, user) if cls.scope_field else None

	def validate_scope(self):
		"""A confined user saves a document only for an organisation of their own subtree (on every path: web
		forms and the portal save with ignore_permissions). Raises frappe.PermissionError otherwise."""
		if self.scope_field:
			permissions.check_saved_in_scope(self)


def validate_campaign_document(doc, method=None):
	"""doc_events "*" validate (after the controller's own validate, so derived placements are set): the shared
	rules of every campaign document — its place in the tree and plain text kept plain."""
	if isinstance(doc, CampaignDocument):
		doc.validate_scope()
		permissions.escape_markup(doc)
		evidence.check_attachments(doc)


def on_update_campaign_document(doc, method=None):
	"""doc_events "*" on_update: a child row's evidence, uploaded and attached to nothing yet, is attached to the
	campaign document (so it opens for whoever may read the document)."""
	if isinstance(doc, CampaignDocument):
		evidence.attach_child_files(doc)


def campaign_doctypes() -> dict[str, type]:
	"""{DocType: controller class} of every DocType of the app whose controller is a CampaignDocument (cached
	per request). Child DocTypes are not among them: their rows follow their parent."""
	cache = getattr(frappe.local, "sanfenlei_campaign_doctypes", None)
	if cache is None:
		from frappe.model.base_document import get_controller

		cache = {}
		for name in frappe.get_all("DocType", filters={"module": "Sanfenlei App", "istable": 0}, pluck="name"):
			controller = get_controller(name)
			if issubclass(controller, CampaignDocument):
				cache[name] = controller
		frappe.local.sanfenlei_campaign_doctypes = cache
	return cache

def server_owned_fields(doc) -> set[str]:
	"""The parent-level fieldnames of ``doc`` only the server writes: its DocType's read-only fields (but those
	Frappe keeps itself) and its class's ``server_owned``. Returns a set of fieldnames."""
	fields = {df.fieldname for df in doc.meta.fields if df.read_only and df.fieldtype not in NO_VALUE}
	return (fields - FRAPPE_KEPT) | set(getattr(type(doc), "server_owned", ()))


def step_fields(doc) -> dict[str, set[str]]:
	"""{fieldname: the review steps (workflow states) it is written at} of ``doc``'s class declaration."""
	out = {}
	for state, fields in getattr(type(doc), "step_owned", {}).items():
		for field in fields:
			out.setdefault(field, set()).add(state)
	return out


def guard_server_owned(doc, exempt=()):
	"""The guard: on a new ``doc`` every server-owned and step-owned field is reset to its default (and a
	server-owned table emptied); on an existing one a changed server-owned field, or a step-owned field changed
	outside its step, raises frappe.PermissionError naming the fields (in Chinese). ``exempt``: fieldnames a
	named server method writes in this save (CampaignDocument.save_as_server)."""
	owned, steps = server_owned_fields(doc) - set(exempt), step_fields(doc)
	steps = {field: states for field, states in steps.items() if field not in exempt}
	before = None if doc.is_new() else doc.get_doc_before_save()
	if before is None and not doc.is_new():
		doc.load_doc_before_save()
		before = doc.get_doc_before_save()
	refused = []
	first_step = initial_state(doc.doctype) if before is None and steps else None
	for df in doc.meta.fields:
		name = df.fieldname
		if df.fieldtype in ("Table", "Table MultiSelect"):
			if name not in exempt:
				refused += guard_table(doc, df, before, whole=name in owned or name in steps)
			continue
		if name not in owned and name not in steps:
			continue
		if before is None:
			if name in owned or first_step not in steps[name]:  # what the first step records is typed at creation
				doc.set(name, default_of(df))
		elif name in owned or before.get("workflow_state") not in steps[name]:
			if not same(df, doc.get(name), before.get(name)):
				refused.append(_(df.label or name))
	if refused:
		frappe.throw(
			_("以下内容由系统或相应审核环节填写，不能直接修改：{0}").format("、".join(refused)),
			frappe.PermissionError, title=_("不能修改"),
		)


def initial_state(doctype):
	"""The first state of ``doctype``'s active workflow (where a new document starts), or None."""
	from frappe.model.workflow import get_workflow_name

	name = get_workflow_name(doctype)
	return frappe.get_cached_doc("Workflow", name).states[0].state if name else None


def guard_table(doc, df, before, whole):
	"""A table field of the guard. ``whole``: the table is the server's (on a new document emptied; on an existing
	one rows neither added, removed nor changed). Otherwise an existing row's read-only fields are kept; a new
	row's are copies the document's own validation checks against their source (a sheet's items against its
	standard). Returns the labels refused."""
	rows = doc.get(df.fieldname) or []
	child_meta = frappe.get_meta(df.options)
	if before is None:
		if whole:
			doc.set(df.fieldname, [])
		return []
	stored = {row.name: row for row in before.get(df.fieldname) or []}
	label = _(df.label or df.fieldname)
	if whole:
		names = [row.name for row in rows]
		if sorted(n for n in names if n) != sorted(stored) or any(not n or n not in stored for n in names):
			return [label]
	refused = []
	for row in rows:
		old = stored.get(row.name)
		if old is None:
			continue
		for cdf in child_meta.fields:
			if cdf.fieldtype in no_value_fields or not (whole or cdf.read_only):
				continue
			if not same(cdf, row.get(cdf.fieldname), old.get(cdf.fieldname)):
				refused.append(f"{label}·{_(cdf.label or cdf.fieldname)}")
	return refused


def default_of(df):
	"""What a field holds on a new document: its default, else empty (0 for numbers and checks)."""
	if df.default and not str(df.default).startswith(("eval:", "__", ":")):
		return df.default
	return 0 if df.fieldtype in ("Int", "Check", "Float", "Currency", "Percent") else None


def same(df, a, b) -> bool:
	"""Whether two values of field ``df`` are the same value (as the client and the database write it)."""
	if df.fieldtype in ("Int", "Check"):
		return cint(a) == cint(b)
	if df.fieldtype in ("Float", "Currency", "Percent"):
		return abs(flt(a) - flt(b)) < 1e-9
	if df.fieldtype == "Date":
		return (getdate(a) if a else None) == (getdate(b) if b else None)
	if df.fieldtype == "Datetime":
		return (get_datetime(a) if a else None) == (get_datetime(b) if b else None)
	if isinstance(a, datetime.date | datetime.timedelta) or isinstance(b, datetime.date | datetime.timedelta):
		return str(a or "") == str(b or "")
	return (a or "") == (b or "")
