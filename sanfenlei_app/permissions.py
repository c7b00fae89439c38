"""Who sees what.

Isolation rests on Frappe's User Permissions on the `Party Organization` tree.  A user
assigned to an organisation (its secretary, or an administrator of a reporting unit) gets
User Permissions on that node, which Frappe extends to the node's descendants: every
DocType that links to `Party Organization` (surveys, sheets, plans, ...) then shows the
user only documents of that subtree, on every path (desk, REST, reports, link search).

The User Permissions are written per linked DocType (``applicable_for``), not for
`Party Organization` itself, because Frappe checks a document's own name against them and
a new organisation has no name yet.  `Party Organization` is isolated by the same nodes
through the two hooks below, with one lft/rgt condition per permitted node.
"""

import frappe

ORG = "Party Organization"
NO_ACCESS = "1=0"


def assigned_users(org) -> set[str]:
	if not org:
		return set()
	users = {org.get("secretary_user")} | {row.user for row in (org.get("unit_admins") or [])}
	return {u for u in users if u and u not in ("Administrator", "Guest")}


def linked_doctypes() -> list[str]:
	"""Every non-child DocType with a Link to Party Organization (besides itself)."""
	parents = set(
		frappe.get_all("DocField", filters={"fieldtype": "Link", "options": ORG, "parenttype": "DocType"}, pluck="parent")
	) | set(frappe.get_all("Custom Field", filters={"fieldtype": "Link", "options": ORG}, pluck="dt"))
	parents.discard(ORG)
	return sorted(dt for dt in parents if not frappe.get_meta(dt).istable)


def grant(user, org_name, doctypes=None):
	existing = set(
		frappe.get_all(
			"User Permission", filters={"user": user, "allow": ORG, "for_value": org_name}, pluck="applicable_for"
		)
	)
	for dt in doctypes or linked_doctypes():
		if dt not in existing:
			frappe.get_doc(
				{
					"doctype": "User Permission",
					"user": user,
					"allow": ORG,
					"for_value": org_name,
					"apply_to_all_doctypes": 0,
					"applicable_for": dt,
				}
			).insert(ignore_permissions=True)


def revoke(user, org_name):
	for name in frappe.get_all(
		"User Permission", filters={"user": user, "allow": ORG, "for_value": org_name}, pluck="name"
	):
		frappe.delete_doc("User Permission", name, ignore_permissions=True)


def sync_org_user_permissions(org, removing=False):
	"""Called when an organisation is saved or deleted."""
	frappe.local.sanfenlei_nodes = {}
	now = set() if removing else assigned_users(org)
	previous = assigned_users(org.get_doc_before_save())
	if removing:
		previous |= assigned_users(org)
	doctypes = linked_doctypes()
	for user in now:
		grant(user, org.name, doctypes)
	for user in previous - now:
		revoke(user, org.name)


def resync_all():
	"""After migrate: new linked DocTypes get their User Permissions for every assignment."""
	doctypes = linked_doctypes()
	pairs = frappe.get_all(ORG, filters={"secretary_user": ["is", "set"]}, fields=["name", "secretary_user as user"])
	pairs += frappe.get_all(
		"Party Organization Admin", filters={"parenttype": ORG}, fields=["parent as name", "user"]
	)
	for p in pairs:
		grant(p.user, p.name, doctypes)


# ---------------------------------------------------------------- the tree itself


CONFINED_ROLES = {"Reporting Unit Admin", "Organization Secretary"}
BROAD_ROLES = {"System Manager", "District Admin", "Campaign Leader"}  # the whole district
UNCONFINED_ROLES = BROAD_ROLES | {"Evaluation Department"}


def permitted_nodes(user=None) -> list[str] | None:
	"""The organisations a user is confined to (with their descendants), or None when the
	user is not confined.  A secretary or unit administrator with no assignment is
	confined to nothing."""
	user = user or frappe.session.user
	if user == "Administrator":
		return None
	if not hasattr(frappe.local, "sanfenlei_nodes"):
		frappe.local.sanfenlei_nodes = {}
	cache = frappe.local.sanfenlei_nodes
	if user not in cache:
		nodes = set(frappe.get_all(ORG, filters={"secretary_user": user}, pluck="name"))
		nodes |= set(frappe.get_all("Party Organization Admin", filters={"user": user, "parenttype": ORG}, pluck="parent"))
		nodes |= set(frappe.get_all("User Permission", filters={"user": user, "allow": ORG}, pluck="for_value"))
		roles = set(frappe.get_roles(user))
		if nodes:
			cache[user] = sorted(nodes)
		elif roles & CONFINED_ROLES and not roles & BROAD_ROLES:
			cache[user] = []  # also for an evaluation department's official who is a secretary
		else:
			cache[user] = None
	return cache[user]


def subtree_ranges(nodes):
	return frappe.get_all(ORG, filters={"name": ["in", nodes]}, fields=["lft", "rgt"])


def subtree_condition(user=None, table="`tabParty Organization`"):
	"""SQL condition confining `table` (Party Organization rows) to the user's subtrees."""
	user = user or frappe.session.user
	roles = frappe.get_roles(user)
	nodes = permitted_nodes(user)
	ranges = subtree_ranges(nodes) if nodes else []
	within = " or ".join(f"({table}.lft >= {int(r.lft)} and {table}.rgt <= {int(r.rgt)})" for r in ranges)
	if is_evaluation_only(roles):  # every street committee, and their own subtree if they have one
		return f"({table}.domain = 'Street Committee'" + (f" or {within})" if within else ")")
	if nodes is None:
		return ""
	return f"({within})" if within else NO_ACCESS


def is_evaluation_only(roles):
	"""An evaluation department's official (目督办、信访局、民政局): reads the street committees, and
	besides only what another confined role of theirs gives (not the whole district)."""
	return "Evaluation Department" in roles and not BROAD_ROLES & set(roles)


def org_query_conditions(user=None, doctype=None):
	return subtree_condition(user)


def org_has_permission(doc, ptype=None, user=None):
	user = user or frappe.session.user
	nodes = permitted_nodes(user)
	if is_evaluation_only(frappe.get_roles(user)) and doc.get("domain") == "Street Committee":
		return True
	if nodes is None:
		return not is_evaluation_only(frappe.get_roles(user))
	target = doc.name if doc.get("lft") else doc.get("parent_party_organization")
	if not target or not nodes:
		return False
	lft, rgt = frappe.db.get_value(ORG, target, ["lft", "rgt"]) or (None, None)
	if lft is None:
		return False
	return any(r.lft <= lft and rgt <= r.rgt for r in subtree_ranges(nodes))


# ---------------------------------------------------------------- link search

# Frappe lets any caller of the link search ask to ignore User Permissions, and then skips
# every permission check of the list query (permission query conditions included).  The
# flag is honoured only for DocTypes this app does not confine by a permission hook.


def confined_doctypes() -> set[str]:
	"""The DocTypes whose rows this app confines: every campaign DocType placed in the tree (or with a rule of
	its own) and the child DocTypes of their tables."""
	from sanfenlei_app.campaign_document import CampaignDocument, campaign_doctypes

	own = {dt for dt, cls in campaign_doctypes().items() if cls.scope_field
		or cls.permission_query is not CampaignDocument.permission_query}
	return own | set(child_parents())


# ---------------------------------------------------------------- Frappe's permission hooks ("*" in hooks.py)
# Frappe asks these for every DocType; each campaign DocType answers through its controller's declaration
# (CampaignDocument.scope_field, permission_query, record_permission), a child table through its parent's.


def has_permission(doc, ptype=None, user=None, debug=False):
	"""hooks.py has_permission["*"]: the campaign DocType's own rule; None (no opinion) for any other."""
	from sanfenlei_app.campaign_document import campaign_doctypes

	controller = campaign_doctypes().get(doc.doctype)
	if controller is None:
		return None
	return controller.record_permission(doc, ptype, user or frappe.session.user)


def query_conditions(user=None, doctype=None):
	"""hooks.py permission_query_conditions["*"]: the SQL condition of a campaign DocType or of one of their
	child tables; "" for any other DocType."""
	from sanfenlei_app.campaign_document import campaign_doctypes

	controller = campaign_doctypes().get(doctype)
	if controller is not None:
		return controller.permission_query(user or frappe.session.user, doctype) or ""
	if doctype in child_parents():
		return child_query_conditions(user, doctype)
	return ""


@frappe.whitelist()
def search_link(
	doctype, txt, query=None, filters=None, page_length=10, searchfield=None, reference_doctype=None,
	ignore_user_permissions=False,
):
	from frappe.desk.search import search_link as frappe_search_link

	if doctype in confined_doctypes():
		ignore_user_permissions = False
	results = frappe_search_link(
		doctype, txt, query=query, filters=filters, page_length=page_length, searchfield=searchfield,
		reference_doctype=reference_doctype, ignore_user_permissions=ignore_user_permissions,
	)
	# a result's description lists its search fields' values: a choice (a domain: Community) in Chinese
	for r in results or []:
		if isinstance(r, dict) and r.get("description"):
			r["description"] = ", ".join(frappe._(part) for part in str(r["description"]).split(", "))
	return results


@frappe.whitelist()
def search_widget(
	doctype, txt, query=None, searchfield=None, start=0, page_length=10, filters=None, filter_fields=None,
	as_dict=False, reference_doctype=None, ignore_user_permissions=False,
):
	from frappe.desk.search import search_widget as frappe_search_widget

	if doctype in confined_doctypes():
		ignore_user_permissions = False
	return frappe_search_widget(
		doctype, txt, query=query, searchfield=searchfield, start=start, page_length=page_length,
		filters=filters, filter_fields=filter_fields, as_dict=as_dict, reference_doctype=reference_doctype,
		ignore_user_permissions=ignore_user_permissions,
	)


# ---------------------------------------------------------------- evaluation departments
# 目督办、信访局、民政局 advise on the street committees' grading only.


def sheet_query_conditions(user=None, doctype="Assessment Sheet"):
	user = user or frappe.session.user
	if is_evaluation_only(frappe.get_roles(user)):
		street = "`tabAssessment Sheet`.domain = 'Street Committee'"
		own = linked_query_conditions(user, "Assessment Sheet") if permitted_nodes(user) else ""
		return f"({street} or {own})" if own else street
	return linked_query_conditions(user, "Assessment Sheet")


def sheet_has_permission(doc, ptype=None, user=None):
	user = user or frappe.session.user
	if is_evaluation_only(frappe.get_roles(user)):
		return doc.get("domain") == "Street Committee" or bool(permitted_nodes(user)) and linked_has_permission(doc, ptype, user)
	return linked_has_permission(doc, ptype, user)


# ---------------------------------------------------------------- documents of an organisation
# A confined user sees and changes only documents of organisations in their subtrees, and
# nothing when not (or no longer) assigned.  The condition is written out here, not left to
# User Permissions alone: a caller can ask Frappe to ignore those (link search, reports),
# while a permission query condition holds on every list, count and group-by query.


def scope_field(doctype) -> str:
	"""The Link to Party Organization that places a document of ``doctype`` in the tree (its controller's
	declaration, CampaignDocument.scope_field)."""
	from sanfenlei_app.campaign_document import campaign_doctypes

	controller = campaign_doctypes().get(doctype)
	return controller.scope_field if controller else "organization"


def in_subtrees_condition(column, nodes) -> str:
	"""SQL: ``column`` (a Party Organization name) lies in one of ``nodes``' subtrees."""
	ranges = subtree_ranges(nodes) if nodes else []
	if not ranges:
		return NO_ACCESS
	within = " or ".join(f"(scope_org.lft >= {int(r.lft)} and scope_org.rgt <= {int(r.rgt)})" for r in ranges)
	return f"{column} in (select scope_org.name from `tabParty Organization` scope_org where {within})"


def in_subtrees(org, nodes) -> bool:
	"""Whether organisation ``org`` lies in one of ``nodes``' subtrees."""
	if not org or not nodes:
		return False
	lft, rgt = frappe.db.get_value(ORG, org, ["lft", "rgt"]) or (None, None)
	return lft is not None and any(r.lft <= lft and rgt <= r.rgt for r in subtree_ranges(nodes))


def linked_query_conditions(user=None, doctype=None):
	nodes = permitted_nodes(user or frappe.session.user)
	if nodes is None or not doctype:
		return NO_ACCESS if nodes == [] else ""
	return in_subtrees_condition(f"`tab{doctype}`.`{scope_field(doctype)}`", nodes)


def linked_has_permission(doc, ptype=None, user=None):
	nodes = permitted_nodes(user or frappe.session.user)
	if nodes is None:
		return True
	if doc.get("__islocal") or not doc.get("name"):
		return nodes != []  # a new document is placed (and checked) on save: check_saved_in_scope
	return in_subtrees(doc.get(scope_field(doc.doctype)), nodes)


def clear_user_permission_cache():
	"""A new or moved organisation changes every subtree above it: Frappe caches each
	user's permitted documents (descendants included), so the cache is dropped."""
	frappe.cache.delete_value("user_permissions")
	frappe.local.sanfenlei_nodes = {}


# ---------------------------------------------------------------- party members (附件8)
# A party member who is nothing else sees only their own commitment.


def is_member_only(user):
	"""A party member whose other roles (if any) give no Member Commitment beyond their own:
	only a secretary, a unit administrator and the district-wide roles read others'."""
	roles = set(frappe.get_roles(user))
	return "Party Member" in roles and not roles & (CONFINED_ROLES | BROAD_ROLES)


def member_query_conditions(user=None, doctype="Member Commitment"):
	user = user or frappe.session.user
	own = f"`tabMember Commitment`.member_user = {frappe.db.escape(user)}"
	if is_member_only(user):
		return own
	scope = linked_query_conditions(user, "Member Commitment")
	if "Party Member" in frappe.get_roles(user) and scope:  # a secretary who is also a member
		return f"({own} or {scope})"
	return scope


def member_has_permission(doc, ptype=None, user=None):
	user = user or frappe.session.user
	if doc.get("member_user") == user and "Party Member" in frappe.get_roles(user) and ptype in ("read", "print", None):
		return True
	if is_member_only(user):
		return False
	return linked_has_permission(doc, ptype, user)


# ---------------------------------------------------------------- saving inside one's own subtree
# Web Forms insert with ignore_permissions (Frappe's own design), which skips User
# Permissions; so every campaign document checks, whatever the path, that a confined user
# saves it only for an organisation of their own subtree.

def check_saved_in_scope(doc, method=None):
	"""Raises frappe.PermissionError when a confined user saves ``doc`` for an organisation outside their subtrees
	(``doc``'s place: its scope field)."""
	user = frappe.session.user
	nodes = permitted_nodes(user)
	if nodes is None:
		return
	org = doc.get(scope_field(doc.doctype))
	lft, rgt = frappe.db.get_value(ORG, org, ["lft", "rgt"]) or (None, None) if org else (None, None)
	if lft is None or not any(r.lft <= lft and rgt <= r.rgt for r in (subtree_ranges(nodes) if nodes else [])):
		frappe.throw(f"您只能为本组织（本单位及所属组织）填报，不能为“{org or ''}”填报", frappe.PermissionError)


# ---------------------------------------------------------------- plain text stays plain text
# The campaign's text fields hold plain Chinese text; any markup typed or sent into them is
# stored escaped, so it is shown as text in the desk, the portal and the prints.

TEXT_TYPES = ("Data", "Small Text", "Text", "Long Text")


def escape_markup(doc, method=None):
	for d in [doc] + list(doc.get_all_children()):
		for df in d.meta.fields:
			if df.fieldtype in TEXT_TYPES and df.options not in ("Email", "URL", "Phone"):
				value = d.get(df.fieldname)
				if isinstance(value, str) and ("<" in value or ">" in value):
					d.set(df.fieldname, value.replace("<", "&lt;").replace(">", "&gt;"))


# ---------------------------------------------------------------- rows of child tables
# Frappe lists a child table's rows (frappe.client.get_list with `parent`) after checking
# only the parent DocType's role permission; the rows of a confined parent are confined
# to the parents the user may see.


def child_parents() -> dict[str, str]:
	"""{child DocType: its parent DocType} for the tables of every campaign DocType."""
	from sanfenlei_app.campaign_document import campaign_doctypes

	out = {}
	for parent in campaign_doctypes():
		for df in frappe.get_meta(parent).get_table_fields():
			out[df.options] = parent
	return out


def child_query_conditions(user=None, doctype=None):
	"""The rows of a campaign DocType's child table, confined to the parents ``user`` may see."""
	from sanfenlei_app.campaign_document import campaign_doctypes

	parent = child_parents().get(doctype)
	if not parent:
		return ""
	condition = campaign_doctypes()[parent].permission_query(user or frappe.session.user, parent)
	if not condition:
		return ""
	return (f"`tab{doctype}`.parenttype = {frappe.db.escape(parent)} and `tab{doctype}`.parent in "
		f"(select `tab{parent}`.name from `tab{parent}` where {condition})")
