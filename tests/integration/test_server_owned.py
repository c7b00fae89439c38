"""The server-owned sweep (issue 29): nobody writes what only the review or a named server method may write.

Its scope comes from Frappe's metadata and the app's declarations, never from a list kept here:
- every DocType of the module "Sanfenlei App" that is not a child table must have a controller inheriting
  CampaignDocument (so a new DocType is covered by that alone);
- for each, every server-owned field (campaign_document.server_owned_fields: its read-only fields and its
  class's ``server_owned``) and every step-owned field (``step_owned``), table fields included;
- for each field, the write paths a user has — REST insert (POST /api/resource), REST save (PUT),
  frappe.client.set_value, frappe.client.save, the desk's savedocs — tried by each role on a document of
  its own subtree (the secretary's organisation, the unit admin's street, the District Admin's district).

Each attempt sends a forged value; asserted: the value is not stored (the database is read after each).
The counts of DocTypes, fields, attempts and how each was answered are printed.
"""

import json
from collections import Counter

import frappe
import pytest
from frappe.model import no_value_fields

from sanfenlei_app.campaign_document import (
	NO_VALUE,
	CampaignDocument,
	server_owned_fields,
	step_fields,
)

from .conftest import Rest, make_user, uid
from .test_status_survey import year

MODULE = "Sanfenlei App"
ROLES = ("Organization Secretary", "Reporting Unit Admin", "District Admin", "Party Member", "Evaluation Department",
	"Campaign Leader")
PATHS = ("insert", "put", "set_value", "client.save", "savedocs")


def module_doctypes():
	return frappe.get_all("DocType", filters={"module": MODULE, "istable": 0}, pluck="name", order_by="name")


def test_every_doctype_of_the_module_is_a_campaign_document():
	"""The declaration is the coverage: a DocType whose controller does not inherit CampaignDocument would have
	no guard and no permission rule."""
	from frappe.model.base_document import get_controller

	doctypes = module_doctypes()
	outside = [dt for dt in doctypes if not issubclass(get_controller(dt), CampaignDocument)]
	print(f"\n{len(doctypes)} DocTypes of the module, {len(doctypes) - len(outside)} campaign documents")
	assert doctypes and not outside, outside


def owned_of(doctype, state=None):
	"""{fieldname: docfield} of the server-owned fields of ``doctype`` and of its step-owned fields but those the
	step ``state`` (where the target document stands) records itself (value fields only)."""
	doc = frappe.new_doc(doctype)
	steps = {f: states for f, states in step_fields(doc).items() if state not in states}
	names = server_owned_fields(doc) | set(steps)
	return {df.fieldname: df for df in doc.meta.fields if df.fieldname in names and df.fieldtype not in NO_VALUE}


def forged(df, current, world):
	"""A value of field ``df`` different from ``current`` that a forger would send."""
	t = df.fieldtype
	if t in ("Table", "Table MultiSelect"):
		child = frappe.get_meta(df.options)
		row = {}
		for cdf in child.fields:
			if cdf.fieldtype in no_value_fields:
				continue
			row[cdf.fieldname] = forged(cdf, None, world)
		return [row]
	if t == "Check":
		return 0 if current else 1
	if t == "Int":
		return (current or 0) + 7
	if t in ("Float", "Currency", "Percent"):
		return (current or 0) + 7.5
	if t == "Date":
		return "2011-02-03"
	if t == "Datetime":
		return "2011-02-03 04:05:06"
	if t == "Select":
		options = [o for o in (df.options or "").split("\n") if o and o != current]
		return options[-1] if options else "伪造"
	if t == "Link":
		if df.options == "User":
			return world.forger_user if current != world.forger_user else "Administrator"
		if df.options == "Party Organization":
			return world.other_org if current != world.other_org else world.org
		candidates = frappe.get_all(df.options, pluck="name", limit=3)
		return next((c for c in candidates if c != current), current)
	if t == "Dynamic Link":
		return world.org
	return f"伪造{world.tag}"


def stored(doctype, name, df):
	"""What the database holds for ``df`` of ``doctype`` ``name``: the value, or for a table its rows' names."""
	frappe.db.rollback()
	if df.fieldtype in ("Table", "Table MultiSelect"):
		return sorted(frappe.get_all(df.options, filters={"parent": name, "parenttype": doctype,
			"parentfield": df.fieldname}, pluck="name"))
	return frappe.db.get_value(doctype, name, df.fieldname)


def rows_carry(doctype, name, df, tag):
	"""Whether a row of table ``df`` of ``doctype`` ``name`` holds the forger's tag in a text column."""
	frappe.db.rollback()
	texts = [c.fieldname for c in frappe.get_meta(df.options).fields if c.fieldtype in ("Data", "Small Text", "Text", "Long Text")]
	rows = frappe.get_all(df.options, filters={"parent": name, "parenttype": doctype, "parentfield": df.fieldname},
		fields=texts or ["name"])
	return any(tag in str(v or "") for row in rows for v in row.values())


def same_value(df, a, b):
	from sanfenlei_app.campaign_document import same

	return same(df, a, b)


@pytest.fixture(scope="module")
def world():
	from .conftest import Tree

	frappe.set_user("Administrator")
	t = Tree()
	d = t.district()
	street = t.street(d, "字段街道")
	other_street = t.street(d, "别的字段街道")
	users = {role: make_user(f"owned{i}-{uid()}@test.local", [role]) for i, role in enumerate(ROLES)}
	forger = make_user(f"owned-forger-{uid()}@test.local", ["Organization Secretary"])
	org = t.org("字段社区", "Grassroots", street.name, domain="Community",
		secretary_user=users["Organization Secretary"]).name
	other_org = t.org("别的字段社区", "Grassroots", other_street.name, domain="Community").name
	t.admin(street, users["Reporting Unit Admin"])
	year()
	frappe.db.commit()
	return frappe._dict(tag=t.tag, org=org, other_org=other_org, street=street.name, district=d.name, users=users,
		forger_user=forger, api={role: Rest(u) for role, u in users.items()})


def documents_of_the_subtree(world):
	"""{DocType: name} of one document of each campaign DocType in the world's street, taken from those the
	integration tests left on the site or made here from the DocType's metadata (mandatory fields filled)."""
	from sanfenlei_app.campaign_document import campaign_doctypes

	out = {}
	for doctype, controller in campaign_doctypes().items():
		scope = controller.scope_field
		if doctype == "Party Organization":
			out[doctype] = world.org
			continue
		if not scope:
			out[doctype] = frappe.get_all(doctype, pluck="name", limit=1, order_by="creation desc")[0]
			continue
		place = world.street if scope == "reporting_unit" else world.org
		existing = frappe.get_all(doctype, filters={scope: place}, pluck="name", limit=1)
		out[doctype] = existing[0] if existing else made_from_metadata(doctype, scope, place, world)
	return out


def made_from_metadata(doctype, scope, place, world):
	"""A document of ``doctype`` placed at ``place``: its mandatory fields filled from their types, inserted
	as Administrator (or written directly when its own rules need more than the metadata says)."""
	meta = frappe.get_meta(doctype)
	values = {"doctype": doctype, scope: place}
	for df in meta.fields:
		if df.fieldname in values or not df.reqd or df.fieldtype in no_value_fields:
			continue
		if df.fieldtype == "Link":
			values[df.fieldname] = (year() if df.options == "Campaign Year"
				else frappe.get_all(df.options, filters={scope: place} if frappe.get_meta(df.options).has_field(scope) else {},
					pluck="name", limit=1)[0] if frappe.get_all(df.options, limit=1) else None)
		elif df.fieldtype == "Select":
			values[df.fieldname] = next((o for o in (df.options or "").split("\n") if o), None)
		elif df.fieldtype in ("Date", "Datetime"):
			values[df.fieldname] = f"{year()}-06-01"
		elif df.fieldtype in ("Int", "Float", "Currency", "Percent", "Check"):
			values[df.fieldname] = 1
		else:
			values[df.fieldname] = "示例"
	if "campaign_year" in [df.fieldname for df in meta.fields] and not values.get("campaign_year"):
		values["campaign_year"] = year()
	doc = frappe.get_doc(values)
	try:
		doc.insert()
	except frappe.ValidationError:
		frappe.db.rollback()
		doc = frappe.get_doc(values)
		doc.set_new_name()
		doc.db_insert()
	frappe.db.commit()
	return doc.name


def attempt(api, path, doctype, name, field, value, send_field=True):
	"""One forged write of ``field`` = ``value`` on ``doctype`` ``name`` along ``path`` (for "insert": a copy of
	the document, ``field`` sent only when ``send_field``). Returns the response."""
	if path == "insert":
		doc = frappe.get_doc(doctype, name).as_dict(convert_dates_to_str=True, no_default_fields=True)
		for key in ("name", "docstatus", "amended_from", "workflow_state"):
			doc.pop(key, None)
		for table in frappe.get_meta(doctype).get_table_fields():
			doc[table.fieldname] = [{k: v for k, v in row.items() if k not in ("name", "parent")}
				for row in doc.get(table.fieldname) or []]
		if send_field:
			doc[field] = value
		else:
			doc.pop(field, None)
		return api.post(f"/api/resource/{doctype}", json.loads(frappe.as_json(doc)))
	if path == "put":
		return api.put(f"/api/resource/{doctype}/{name}", {field: value})
	if path == "set_value":
		return api.post("/api/method/frappe.client.set_value", {"doctype": doctype, "name": name, "fieldname": field,
			"value": json.dumps(value) if isinstance(value, list) else value})
	doc = json.loads(frappe.as_json(frappe.get_doc(doctype, name).as_dict(convert_dates_to_str=True)))
	doc[field] = value
	if path == "client.save":
		return api.post("/api/method/frappe.client.save", {"doc": json.dumps(doc)})
	return api.post("/api/method/frappe.desk.form.save.savedocs",
		{"doc": json.dumps(doc), "action": "Update" if doc.get("docstatus") == 1 else "Save"})


def forged_insert_kept(api, doctype, name, df, value, new, world):
	"""After an insert with the forged value succeeded as ``new``: whether the forged value is what it holds while
	the same insert without it would not hold it (so a value the server computes anyway is no forgery). The
	documents made are deleted."""
	is_table = df.fieldtype in ("Table", "Table MultiSelect")
	kept = rows_carry(doctype, new, df, world.tag) if is_table else same_value(df, stored(doctype, new, df), value)
	remove(doctype, new)
	if not kept or is_table:
		return kept
	control = attempt(api, "insert", doctype, name, df.fieldname, value, send_field=False)
	if control.status_code != 200:
		return True
	other = control.json()["data"]["name"]
	computed = stored(doctype, other, df)
	remove(doctype, other)
	return not same_value(df, computed, value)


def remove(doctype, name):
	frappe.db.rollback()
	frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
	frappe.db.commit()


def test_no_role_writes_a_server_owned_field_on_any_path(world):
	frappe.set_user("Administrator")
	targets = documents_of_the_subtree(world)
	answered, fields_covered, stored_forgeries = Counter(), 0, []
	for doctype, name in sorted(targets.items()):
		owned = owned_of(doctype, frappe.db.get_value(doctype, name, "workflow_state")
			if frappe.get_meta(doctype).has_field("workflow_state") else None)
		fields_covered += len(owned)
		for fieldname, df in sorted(owned.items()):
			is_table = df.fieldtype in ("Table", "Table MultiSelect")
			before = stored(doctype, name, df)
			value = forged(df, None if is_table else before, world)
			for role in ROLES:
				for path in PATHS:
					r = attempt(world.api[role], path, doctype, name, fieldname, value)
					answered[(path, r.status_code)] += 1
					if path == "insert":
						if r.status_code == 200 and forged_insert_kept(world.api[role], doctype, name, df, value,
								r.json()["data"]["name"], world):
							stored_forgeries.append((doctype, fieldname, role, path, value))
						continue
					if stored(doctype, name, df) != before:
						stored_forgeries.append((doctype, fieldname, role, path, value))
						if not is_table:
							frappe.db.set_value(doctype, name, fieldname, before, update_modified=False)
							frappe.db.commit()
	attempts = sum(answered.values())
	print(f"\nserver-owned sweep: {len(targets)} DocTypes, {fields_covered} fields, {len(ROLES)} roles, "
		f"{len(PATHS)} paths: {attempts} forged writes; answers {dict(sorted(answered.items()))}; "
		f"forged values stored: {len(stored_forgeries)}")
	assert fields_covered > 0 and attempts == fields_covered * len(ROLES) * len(PATHS)
	assert not stored_forgeries, stored_forgeries[:20]
