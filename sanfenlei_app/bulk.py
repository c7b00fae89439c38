"""Creating the year's grading sheets for a whole subtree at once."""

import frappe
from frappe import _

from sanfenlei_app.grading import load_standard
from sanfenlei_app.sanfenlei_app.doctype.campaign_year.campaign_year import get_current_year

QUEUE_ABOVE = 200  # more organisations than this: the background queue, with progress


@frappe.whitelist(methods=["POST"])
def create_sheets_for_unit(unit, campaign_year=None, phase="Initial"):
	"""One sheet per active graded organisation of ``unit``'s subtree that has none yet."""
	if not frappe.has_permission("Party Organization", "write", doc=unit):
		frappe.throw(_("您无权为“{0}”批量创建申报表").format(unit), frappe.PermissionError)
	if not frappe.has_permission("Assessment Sheet", "create"):
		frappe.throw(_("您无权创建分类定级申报表"), frappe.PermissionError)
	campaign_year = campaign_year or get_current_year()
	todo = missing_organizations(unit, campaign_year, phase)
	if len(todo) > QUEUE_ABOVE:
		frappe.enqueue(_create, queue="long", timeout=3600, orgs=todo, campaign_year=campaign_year, phase=phase,
			user=frappe.session.user)
		return {"queued": len(todo)}
	return {"created": _create(todo, campaign_year, phase)}


def missing_organizations(unit, campaign_year, phase):
	lft, rgt = frappe.db.get_value("Party Organization", unit, ["lft", "rgt"])
	return frappe.db.sql_list(
		"""select o.name from `tabParty Organization` o
		left join `tabAssessment Sheet` s on s.organization = o.name and s.campaign_year = %(year)s
			and s.phase = %(phase)s and s.docstatus < 2
		where o.lft >= %(lft)s and o.rgt <= %(rgt)s and o.status = 'Active' and o.domain is not null
			and o.domain != '' and s.name is null
		order by o.lft""",
		{"year": campaign_year, "phase": phase, "lft": lft, "rgt": rgt},
	)


def reserve_sheet_names(campaign_year, count):
	"""``count`` names of the sheets' naming series (FLB-<year>-#####), taken at once under the
	series' row lock, for sheets written in bulk."""
	prefix = f"FLB-{campaign_year}-"
	if not frappe.db.exists("Series", prefix):
		frappe.db.sql("insert into `tabSeries` (name, current) values (%s, 0)", prefix)
	start = frappe.db.sql("select current from `tabSeries` where name = %s for update", prefix)[0][0]
	frappe.db.sql("update `tabSeries` set current = current + %s where name = %s", (count, prefix))
	return [f"{prefix}{start + i:05d}" for i in range(1, count + 1)]


def _create(orgs, campaign_year, phase, user=None, batch=500):
	"""Create the sheets in bulk.  For each (domain, reporting unit) one sheet is built and
	validated through the ORM, hooks and all (standard, grading, scope, deadline); the others
	are that sheet with their own organisation, named from the same series and written with
	`bulk_insert` — a new sheet differs from its group's only by its organisation."""
	if user:
		frappe.set_user(user)
	if not orgs:
		return 0
	info = {o.name: o for o in frappe.get_all("Party Organization", filters={"name": ["in", orgs]},
		fields=["name", "domain", "reporting_unit", "secretary_user"])}
	templates = {}
	names = reserve_sheet_names(campaign_year, len(orgs))
	now, owner = frappe.utils.now_datetime(), frappe.session.user
	sheets, children = [], {"items": [], "vetoes": []}
	sheet_fields = child_fields = None
	for i, name in enumerate(orgs, 1):
		org = info[name]
		key = (org.domain, org.reporting_unit)
		if key not in templates:
			t = frappe.get_doc({"doctype": "Assessment Sheet", "organization": name, "campaign_year": campaign_year,
				"phase": phase})
			load_standard(t)
			t.set("__islocal", 1)  # as insert() marks it: a new sheet starts at Draft
			t.run_method("before_validate")
			t.run_method("validate")
			templates[key] = t
		t = templates[key]
		sheet_name = names[i - 1]
		row = t.get_valid_dict(convert_dates_to_str=True)  # as db_insert writes it (nulls made 0 where due)
		# who acts on a Draft sheet: its secretary, or for a street committee the unit's admins (review.responsible_email)
		email = t.current_owner_email if org.domain == "Street Committee" else org.secretary_user
		row.update(name=sheet_name, organization=name, owner=owner, modified_by=owner, creation=now, modified=now,
			docstatus=0, idx=0, current_owner_email=email)
		sheet_fields = sheet_fields or list(row)
		sheets.append(tuple(row[f] for f in sheet_fields))
		for table in ("items", "vetoes"):
			for c in t.get(table):
				child = c.get_valid_dict(convert_dates_to_str=True)
				# named after the sheet: unique by construction (random 10-character names of 200,000 rows
				# collided once in the 100,000-organisation benchmark)
				child.update(name=f"{sheet_name}-{table[0]}{c.idx}", parent=sheet_name, parenttype="Assessment Sheet",
					parentfield=table, owner=owner, modified_by=owner, creation=now, modified=now, docstatus=0)
				child_fields = child_fields or {}
				child_fields.setdefault(table, list(child))
				children[table].append(tuple(child[f] for f in child_fields[table]))
		if i % batch == 0 or i == len(orgs):
			_flush(sheets, children, sheet_fields, child_fields)
			frappe.publish_progress(i * 100 / len(orgs), title=_("正在批量创建分类定级申报表"), description=f"{i}/{len(orgs)}")
	frappe.db.commit()
	return len(orgs)


def _flush(sheets, children, sheet_fields, child_fields):
	if sheets:
		frappe.db.bulk_insert("Assessment Sheet", sheet_fields, sheets)
	for table, doctype in (("items", "Assessment Sheet Item"), ("vetoes", "Assessment Sheet Veto")):
		if children[table]:
			frappe.db.bulk_insert(doctype, child_fields[table], children[table])
		children[table].clear()
	sheets.clear()
