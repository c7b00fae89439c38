"""Creating the year's grading sheets for a whole subtree at once."""

import frappe
from frappe import _

from sanfenlei_app.grading import load_standard
from sanfenlei_app.sanfenlei_app.doctype.campaign_year.campaign_year import get_current_year

QUEUE_ABOVE = 200  # more organisations than this: the background queue, with progress


@frappe.whitelist()
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


def _create(orgs, campaign_year, phase, user=None):
	if user:
		frappe.set_user(user)
	created = 0
	for i, org in enumerate(orgs, 1):
		sheet = frappe.get_doc({"doctype": "Assessment Sheet", "organization": org, "campaign_year": campaign_year, "phase": phase})
		load_standard(sheet)
		sheet.insert()
		created += 1
		if i % 50 == 0 or i == len(orgs):
			frappe.publish_progress(i * 100 / len(orgs), title=_("正在批量创建分类定级申报表"), description=f"{i}/{len(orgs)}")
	frappe.db.commit()
	return created
