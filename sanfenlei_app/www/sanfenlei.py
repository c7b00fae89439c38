"""The portal home of a secretary (and of a party member): the campaign's phase and its
deadline, their organisation's grade and stars, and what awaits them."""

import frappe

from sanfenlei_app import portal, rules
from sanfenlei_app.annexes import four_level_labels
from sanfenlei_app.sanfenlei_app.doctype.campaign_year.campaign_year import get_current_year

no_cache = 1


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/sanfenlei"
		raise frappe.Redirect
	year = get_current_year()
	context.title = "三分类三升级"
	context.year = year
	context.phase = portal.phase_of(year) if year else None
	context.organizations = []
	for org in portal.my_organizations():
		# a four-level district's own names (好/较好/一般/较差), else the notice's
		four = four_level_labels(org.domain == "Remote Education Site", year, org.domain)
		org.grade_label = rules.grade_label(org.current_grade, org.domain, four) or "尚未定级"
		org.domain_label = rules.DOMAIN_LABELS.get(org.domain, "")
		org.todo_list = portal.todo(org, year) if year else []
		# 推动晋位升级: the measures as milestones, once the year's targets can be set
		org.milestones, org.next_due = portal.milestones(org, year) if year else ([], None)
		org.can_track = bool(org.milestones) or any(it.doctype == "Upgrade Plan" for it in org.todo_list)
		org.notes = portal.supervision_notes(org, year) if year else []
		context.organizations.append(org)
	context.member_commitments = portal.member_commitments()
	context.user_name = frappe.db.get_value("User", frappe.session.user, "full_name")
	context.no_role = not context.organizations and not context.member_commitments
	context.messages_json = portal.page_messages()  # Frappe's dialogs in Chinese
	return context
