"""Who sees what.

Isolation rests on Frappe's User Permissions on the `Party Organization` tree: a user
permitted on a node sees that node and its descendants in every DocType that links to
`Party Organization` (desk, REST, reports, link search).  Assigning a user to an
organisation as its secretary or as a unit administrator creates that User Permission;
removing the assignment removes it.
"""

import frappe

ORG = "Party Organization"


def assigned_users(org) -> set[str]:
	users = {org.get("secretary_user")} | {row.user for row in (org.get("unit_admins") or [])}
	return {u for u in users if u and u not in ("Administrator", "Guest")}


def sync_org_user_permissions(org, removing=False):
	now = set() if removing else assigned_users(org)
	before = org.get_doc_before_save()
	previous = assigned_users(before) if before else set()
	if removing:
		previous |= assigned_users(org)

	for user in now:
		if not frappe.db.exists("User Permission", {"user": user, "allow": ORG, "for_value": org.name}):
			frappe.get_doc(
				{
					"doctype": "User Permission",
					"user": user,
					"allow": ORG,
					"for_value": org.name,
					"apply_to_all_doctypes": 1,
				}
			).insert(ignore_permissions=True)

	for user in previous - now:
		for name in frappe.get_all(
			"User Permission", filters={"user": user, "allow": ORG, "for_value": org.name}, pluck="name"
		):
			frappe.delete_doc("User Permission", name, ignore_permissions=True)
