app_name = "sanfenlei_app"
app_title = "三分类三升级"
app_publisher = "sanfenlei_app contributors"
app_description = "基层党组织现状大调查、“三分类三升级”活动管理 (grassroots party organisation grading campaign)"
app_email = "dev@sanfenlei.local"
app_license = "MIT"

# Installation and migration: what Frappe syncs by itself (the module's DocTypes, reports, print
# formats, web forms, notifications, workspaces, number cards and charts; the fixtures below)
# needs nothing here; these set up what is not a record of the app (settings, indexes, defaults).
after_install = "sanfenlei_app.setup.install.after_install"
after_migrate = "sanfenlei_app.setup.install.after_migrate"

# Who sees what: Frappe offers its permission hooks only here; they hand every DocType to one place, which
# answers for each campaign DocType by its controller's declaration (CampaignDocument.scope_field,
# permission_query, record_permission) and for their child tables by the parent's (permissions.py).
permission_query_conditions = {"*": "sanfenlei_app.permissions.query_conditions"}
has_permission = {"*": "sanfenlei_app.permissions.has_permission"}

doc_events = {
	# only a transition of its workflow submits or cancels a document under review (review.py)
	"*": {
		"before_validate": ["sanfenlei_app.review.guard_state_docstatus", "sanfenlei_app.users.refuse_read_only_writes"],
		# what every campaign document shares, after its controller's validate (campaign_document.py)
		"validate": "sanfenlei_app.campaign_document.validate_campaign_document",
		"on_update": "sanfenlei_app.campaign_document.on_update_campaign_document",
		"on_trash": "sanfenlei_app.users.refuse_read_only_writes",
		"before_submit": "sanfenlei_app.review.guard_docstatus",
		"before_cancel": "sanfenlei_app.review.guard_docstatus",
	},
	"Comment": {"before_insert": "sanfenlei_app.users.refuse_read_only_comments"},
	# the app's print and notification templates live in their files alone (record_files.py)
	**{dt: {"onload": "sanfenlei_app.record_files.load_template",
		"before_validate": "sanfenlei_app.record_files.load_template",
		"before_export": "sanfenlei_app.record_files.keep_template_in_file"} for dt in ("Print Format", "Notification")},
	"Assessment Standard": {"on_update": "sanfenlei_app.annexes.clear_label_cache",
		"on_trash": "sanfenlei_app.annexes.clear_label_cache"},
	"User": {"before_insert": ["sanfenlei_app.importing.skip_welcome_mail_without_outbox",
		"sanfenlei_app.importing.in_site_time_zone"],
		# a District Admin administers the campaign's accounts, with the campaign's roles only
		"before_validate": ["sanfenlei_app.users.switch_notification_settings", "sanfenlei_app.users.confine_modules"],
		"validate": "sanfenlei_app.users.guard_user_administration"},
	# the reminders by e-mail as well, once the site can send e-mail (setup/install.py)
	"Email Account": {"on_update": "sanfenlei_app.setup.install.sync_reminder_channel",
		"after_delete": "sanfenlei_app.setup.install.sync_reminder_channel"},
	# the grading rules of the notice (sanfenlei_app/rules.py) applied to each sheet
	"Assessment Sheet": {"validate": "sanfenlei_app.grading.grade_sheet_doc"},
}

override_whitelisted_methods = {
	"frappe.desk.search.search_link": "sanfenlei_app.permissions.search_link",
	"frappe.desk.search.search_widget": "sanfenlei_app.permissions.search_widget",
	# Frappe methods that answer without asking permission, replaced by the same that asks (api_guards.py)
	"frappe.client.get_count": "sanfenlei_app.api_guards.get_count",
	"frappe.client.bulk_update": "sanfenlei_app.api_guards.bulk_update",
	"frappe.desk.listview.get_group_by_count": "sanfenlei_app.api_guards.get_group_by_count",
	"frappe.desk.form.linked_with.get_submitted_linked_docs": "sanfenlei_app.api_guards.get_submitted_linked_docs",
	"frappe.desk.like.toggle_like": "sanfenlei_app.api_guards.toggle_like",
	"frappe.templates.includes.comments.comments.add_comment": "sanfenlei_app.api_guards.add_website_comment",
	# prints from the stored document, never the caller's copy (no hook chooses what a print renders)
	"frappe.www.printview.get_html_and_style": "sanfenlei_app.api_guards.get_html_and_style",
	"frappe.www.printview.get_rendered_raw_commands": "sanfenlei_app.api_guards.get_rendered_raw_commands",
	# the desk's workflow buttons, taken again on a MariaDB deadlock (review.apply_workflow)
	"frappe.model.workflow.apply_workflow": "sanfenlei_app.review.apply_workflow",
	# the User form's role editor offers a District Admin the campaign's roles only (users.py)
	"frappe.core.doctype.user.user.get_all_roles": "sanfenlei_app.users.get_all_roles",
	# the list's bulk workflow actions, without 撤销定级 (its reason is given on each sheet's form)
	"frappe.model.workflow.get_common_transition_actions": "sanfenlei_app.review.get_common_transition_actions",
}

# Frappe's fixtures (sanfenlei_app/fixtures/, written by `bench --site S export-fixtures --app
# sanfenlei_app`, imported by Frappe on install and on every migrate): the campaign's roles, the
# two review workflows with their states and actions, and the Custom DocPerms that let the
# District Admin use Data Import (its organisations and users) and administer users (confined by
# users.guard_user_administration)
fixtures = [
	{"dt": "Role", "filters": [["name", "in", [
		"District Admin", "Reporting Unit Admin", "Organization Secretary", "Evaluation Department",
		"Party Member", "Campaign Leader"]]]},
	{"dt": "Workflow State", "filters": [["name", "in", [
		"Draft", "Mass Preliminary Review", "Party Member Appraisal", "Self Grading",
		"Members and Masses Review", "Superior Decision", "Street Self Scoring", "Department Opinions",
		"District Review", "Graded", "Self Check", "Satisfaction Test", "Superior Confirmation",
		"Confirmed", "Plan Under Review", "Plan Approved", "Grading Revoked", "Plan Revoked"]]]},
	{"dt": "Workflow Action Master", "filters": [["name", "in", [
		"Approve", "Ballot Failed", "Ballot Passed", "Close Opinions", "Complete Mass Review",
		"Complete Member Appraisal", "Report to District", "Return", "Start Mass Review",
		"Submit Self Grade for Review", "Submit Street Self Scoring", "Start Street Self Scoring",
		"Start Self Check", "Submit Self Check", "Submit Satisfaction Test", "Submit for Review",
		"Revoke Grading", "Revoke Plan Approval"]]]},
	{"dt": "Workflow", "filters": [["name", "in", ["Assessment Sheet Review", "Upgrade Plan Review"]]]},
	{"dt": "Custom DocPerm", "filters": [["name", "like", "sanfenlei-%"]]},
]

# the notes of 附件7/8 come from the rules module into their print formats
jinja = {"methods": ["sanfenlei_app.rules.commitment_note", "sanfenlei_app.grading.sheet_grade_names",
	"sanfenlei_app.printing.annex2_layout"]}

scheduler_events = {
	"daily": ["sanfenlei_app.sanfenlei_app.doctype.assessment_sheet.assessment_sheet.mark_overdue_sheets",
		"sanfenlei_app.sanfenlei_app.doctype.upgrade_milestone.upgrade_milestone.mark_overdue_milestones",
		"sanfenlei_app.dashboard.notify_units_without_admin"],
	"daily_long": ["sanfenlei_app.backups.daily_backup"],
	"hourly": ["sanfenlei_app.reports.keep_reports_interactive"],
}

# Desk helpers (the 附件3–6 reports' filters and Excel buttons); portal helpers; and, in both,
# Chinese where Frappe's own screens do not ask for a translation (frappe_zh.js)
extend_bootinfo = "sanfenlei_app.dashboard.extend_bootinfo"
app_include_js = ["/assets/sanfenlei_app/js/frappe_zh.js", "/assets/sanfenlei_app/js/sanfenlei.js"]
web_include_js = ["/assets/sanfenlei_app/js/frappe_zh.js", "/assets/sanfenlei_app/js/portal.js"]

# the 用户 list's 导入用户 (with roles and assignments) for a District Admin
doctype_list_js = {"User": "public/js/user_list.js"}
