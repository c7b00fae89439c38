"""Compact specs of the app's DocTypes; `python tools/mkdoctype.py` writes their JSON."""

import json
import os

from mkdoctype import field as f
from mkdoctype import perm, write_doctype

ADMIN_PERMS = dict(write=1, create=1, delete=1, report=1, export=1, print=1, share=1, email=1)

DOMAINS = "\nStreet Committee\nCommunity\nPrivate Enterprise\nSocial Organization\nPublic Institution\nRemote Education Site"

# ---------------------------------------------------------------- Party Organization
write_doctype(
	"Party Organization Admin",
	[f("user", "Link", "User", options="User", reqd=1, in_list_view=1)],
	istable=1,
	editable_grid=1,
)

# Isolation on this DocType rests on the User Permission matching the document's own
# name (the permitted node and its descendants).  The tree's own links (parent, old
# parent, reporting unit) point above the permitted node and must not hide it.
write_doctype(
	"Party Organization",
	[
		f("organization_name", "Data", "Full Name", reqd=1, unique=1, in_list_view=1, in_standard_filter=1, bold=1),
		f("short_name", "Data", "Short Name"),
		f("org_level", "Select", "Org Level", options="\nDistrict\nReporting Unit\nGrassroots", reqd=1, in_list_view=1, in_standard_filter=1),
		f("unit_kind", "Select", "Reporting Unit Kind", options="\nStreet Committee\nSystem Committee\nOrgans Committee", depends_on="eval:doc.org_level=='Reporting Unit'", in_standard_filter=1),
		f("org_form", "Select", "Organization Form", options="\nParty Committee\nGeneral Branch\nBranch\nWorking Committee"),
		f("column_break_1", "Column Break", ""),
		f("parent_party_organization", "Link", "Parent Organization", options="Party Organization", in_standard_filter=1, ignore_user_permissions=1),
		f("domain", "Select", "Domain", options=DOMAINS, in_list_view=1, in_standard_filter=1),
		f("industry", "Data", "Industry"),
		f("reporting_unit", "Link", "Reporting Unit", options="Party Organization", read_only=1, in_standard_filter=1, search_index=1, ignore_user_permissions=1),
		f("is_group", "Check", "Is Group"),
		f("section_secretary", "Section Break", "Secretary and Administrators"),
		f("secretary_name", "Data", "Secretary Name"),
		f("secretary_user", "Link", "Secretary User", options="User", search_index=1),
		f("secretary_phone", "Data", "Secretary Phone", options="Phone"),
		f("column_break_2", "Column Break", ""),
		f("unit_admins", "Table MultiSelect", "Unit Administrators", options="Party Organization Admin"),
		f("section_facts", "Section Break", "Basic Facts"),
		f("member_count", "Int", "Number of Members", non_negative=1),
		f("founded_on", "Date", "Date Founded"),
		f("column_break_3", "Column Break", ""),
		f("status", "Select", "Status", options="Active\nMerged\nDissolved", default="Active", reqd=1, in_list_view=1, in_standard_filter=1),
		f("current_grade", "Select", "Current Grade", options="\nAdvanced\nGood\nOrdinary\nLagging", read_only=1, in_standard_filter=1),
		f("current_stars", "Int", "Current Stars", read_only=1),
		f("current_grade_year", "Link", "Graded in Campaign Year", options="Campaign Year", read_only=1),
		f("status_date", "Date", "Status Date", depends_on="eval:doc.status!='Active'", mandatory_depends_on="eval:doc.status!='Active'"),
		f("lft", "Int", "Left", hidden=1, read_only=1, no_copy=1, search_index=1),
		f("rgt", "Int", "Right", hidden=1, read_only=1, no_copy=1, search_index=1),
		f("old_parent", "Link", "Old Parent", options="Party Organization", hidden=1, read_only=1, ignore_user_permissions=1),
	],
	[
		perm("System Manager", **ADMIN_PERMS, **{"import": 1}),
		perm("District Admin", **ADMIN_PERMS, **{"import": 1}),
		perm("Reporting Unit Admin", write=1, create=1, report=1, export=1, print=1),
		perm("Organization Secretary"),
		perm("Evaluation Department", report=1, print=1),
		perm("Campaign Leader", report=1, export=1, print=1),
	],
	autoname="field:organization_name",
	naming_rule="By fieldname",
	is_tree=1,
	nsm_parent_field="parent_party_organization",
	title_field="organization_name",
	show_title_field_in_link=0,
	search_fields="short_name,domain,reporting_unit",
	track_changes=1,
	allow_import=1,
	allow_rename=1,
	quick_entry=0,
	icon="fa fa-sitemap",
)

# ---------------------------------------------------------------- Campaign Year
write_doctype(
	"Site Share Exception",
	[
		f("street", "Link", "Reporting Unit", options="Party Organization", reqd=1, in_list_view=1, ignore_user_permissions=1),
		f("stars", "Int", "Star Level", in_list_view=1, non_negative=1,
			description="Empty: the share of excellent remote education sites (30%); 1-5: that star level's intended share"),
		f("reason", "Small Text", "Reason", reqd=1, in_list_view=1),
	],
	istable=1,
	editable_grid=1,
)

RATE_OPTIONS = "\nadvanced_honour\nfour_star_upgrade\nordinary_upgrade\nthree_star_upgrade\ntwo_star_upgrade\none_star_upgrade\nlagging_conversion\nlagging_star"

write_doctype(
	"Campaign Rate Target",
	[
		f("domain", "Select", "Domain", options=DOMAINS, reqd=1, in_list_view=1),
		f("rate", "Select", "Rate", options=RATE_OPTIONS, reqd=1, in_list_view=1),
		f("target_percent", "Percent", "Target (%)", reqd=1, in_list_view=1),
	],
	istable=1,
	editable_grid=1,
)

write_doctype(
	"Campaign Year",
	[
		f("year", "Int", "Year", reqd=1, unique=1, in_list_view=1, bold=1),
		f("title", "Data", "Title", in_list_view=1),
		f("is_current", "Check", "Current Campaign Year", in_list_view=1),
		f("section_phases", "Section Break", "Phases"),
		f("survey_start", "Date", "Survey Start"),
		f("survey_end", "Date", "Survey End"),
		f("grading_start", "Date", "Grading Start"),
		f("grading_end", "Date", "Grading End"),
		f("column_break_p", "Column Break", ""),
		f("upgrading_start", "Date", "Upgrading Start"),
		f("upgrading_end", "Date", "Upgrading End"),
		f("acceptance_start", "Date", "Acceptance Start"),
		f("acceptance_end", "Date", "Acceptance End"),
		f("section_deadlines", "Section Break", "Deadlines"),
		f("classification_list_due", "Date", "Classification List Due"),
		f("street_targets_due", "Date", "Street Targets Due"),
		f("column_break_d", "Column Break", ""),
		f("other_targets_due", "Date", "Other Domains Targets Due"),
		f("summary_due", "Date", "Year-End Summary Due"),
		f("assistance_due", "Date", "Lagging Organizations Assisted by"),
		f("section_targets", "Section Break", "Rate Targets"),
		f("rate_targets", "Table", "Rate Targets", options="Campaign Rate Target"),
		f("section_sites", "Section Break", "Excellent Sites over 30% (exceptions)"),
		f("site_share_exceptions", "Table", "Exceptions", options="Site Share Exception"),
	],
	[
		perm("System Manager", **ADMIN_PERMS),
		perm("District Admin", **ADMIN_PERMS),
		perm("Reporting Unit Admin", report=1, print=1),
		perm("Organization Secretary"),
		perm("Evaluation Department"),
		perm("Campaign Leader", report=1, export=1, print=1),
	],
	autoname="field:year",
	naming_rule="By fieldname",
	title_field="title",
	track_changes=1,
	icon="fa fa-calendar",
)

# ---------------------------------------------------------------- Status Survey
ASPECTS = (
	("org_setup", "Organization Set-up Reasonable"),
	("leadership", "Leadership Team Complete"),
	("institutions", "Rules and Institutions Sound"),
	("affiliation", "Affiliation Smooth"),
	("funding", "Funds and Premises Secured"),
	("role_played", "Role Fully Played"),
)
METHODS = (
	("method_symposium", "Symposium"),
	("method_home_visit", "Home Visits"),
	("method_questionnaire", "Questionnaire"),
	("method_interview", "Individual Interviews"),
	("method_case_study", "Case Analysis"),
	("method_mass_evaluation", "Mass Evaluation"),
)
survey_fields = [
	f("organization", "Link", "Party Organization", options="Party Organization", reqd=1, in_list_view=1, in_standard_filter=1, search_index=1),
	f("campaign_year", "Link", "Campaign Year", options="Campaign Year", reqd=1, in_list_view=1, in_standard_filter=1),
	f("column_break_h", "Column Break", ""),
	f("reporting_unit", "Link", "Reporting Unit", options="Party Organization", read_only=1, fetch_from="organization.reporting_unit", in_standard_filter=1, ignore_user_permissions=1),
	f("domain", "Data", "Domain", read_only=1, fetch_from="organization.domain"),
	f("section_aspects", "Section Break", "Six Aspects"),
]
for key, label in ASPECTS:
	survey_fields += [
		f(f"{key}_judgement", "Select", label, options="\nYes\nPartly\nNo", reqd=1),
		# each aspect's own label: a form that lists missing fields must say which aspect
		f(f"{key}_problems", "Small Text", f"Problems: {label}", mandatory_depends_on=f"eval:doc.{key}_judgement && doc.{key}_judgement!='Yes'"),
	]
survey_fields += [f("section_methods", "Section Break", "Survey Methods")]
for i, (field, label) in enumerate(METHODS):
	survey_fields.append(f(field, "Check", label))
	if i == 2:
		survey_fields.append(f("column_break_m", "Column Break", ""))
survey_fields += [
	f("section_overall", "Section Break", "Overall Evaluation"),
	f("overall_evaluation", "Small Text", "Overall Evaluation", reqd=1),
	f("surveyed_on", "Date", "Survey Date", default="Today"),
	f("surveyed_by", "Data", "Surveyed By"),
]
write_doctype(
	"Status Survey",
	survey_fields,
	[
		perm("System Manager", **ADMIN_PERMS),
		perm("District Admin", **ADMIN_PERMS),
		perm("Reporting Unit Admin", write=1, create=1, delete=1, report=1, export=1, print=1),
		perm("Organization Secretary", write=1, create=1, print=1),
		perm("Campaign Leader", report=1, export=1, print=1),
	],
	autoname="format:DC-{campaign_year}-{#####}",
	naming_rule="Expression",
	title_field="organization",
	track_changes=1,
	allow_import=1,
	icon="fa fa-search",
)

# ---------------------------------------------------------------- Survey Special Report (专题报告)
write_doctype(
	"Survey Special Report",
	[
		f("reporting_unit", "Link", "Reporting Unit", options="Party Organization", reqd=1, in_list_view=1, in_standard_filter=1),
		f("campaign_year", "Link", "Campaign Year", options="Campaign Year", reqd=1, in_list_view=1),
		f("column_break_1", "Column Break", ""),
		f("report_date", "Date", "Report Date", default="Today"),
		f("surveyed_count", "Int", "Organizations Surveyed", read_only=1, in_list_view=1),
		f("problem_org_count", "Int", "Organizations with Problems", read_only=1),
		f("section_findings", "Section Break", "Findings (generated from the surveys)"),
		f("findings_json", "Code", "Findings Data", options="JSON", read_only=1, hidden=1),
		f("findings_html", "HTML", "Findings"),
		f("section_conclusion", "Section Break", "Conclusion"),
		f("conclusion", "Text Editor", "Conclusion and Measures"),
	],
	[
		perm("System Manager", **ADMIN_PERMS),
		perm("District Admin", **ADMIN_PERMS),
		perm("Reporting Unit Admin", write=1, create=1, report=1, export=1, print=1),
		perm("Campaign Leader", report=1, export=1, print=1),
	],
	autoname="format:ZTBG-{campaign_year}-{#####}",
	default_print_format="专题报告",
	naming_rule="Expression",
	title_field="reporting_unit",
	track_changes=1,
	icon="fa fa-file-text",
)

# ---------------------------------------------------------------- Assessment Standard
GRADE_OPTIONS_4 = "\nAdvanced\nGood\nOrdinary\nLagging"
write_doctype(
	"Assessment Standard Item",
	[
		f("category", "Data", "Category", in_list_view=1, columns=2),
		f("content", "Small Text", "Scoring Point", reqd=1, in_list_view=1, columns=4),
		f("max_points", "Float", "Maximum Points", reqd=1, in_list_view=1, precision="1", columns=1),
		f("deduction_method", "Small Text", "Deduction Method", in_list_view=1, columns=2),
		f("item_kind", "Select", "Item Kind", options="Deduction\nBonus\nPenalty\nRating", default="Deduction",
			reqd=1, in_list_view=1, columns=1),
		f("part", "Data", "Part", description="Empty: the first part (or the whole standard without parts)"),
	],
	istable=1,
	editable_grid=1,
)
write_doctype(
	"Assessment Standard Part",
	[
		f("part_name", "Data", "Part Name", reqd=1, in_list_view=1, columns=6),
		f("weight", "Percent", "Weight (%)", reqd=1, in_list_view=1, columns=4),
	],
	istable=1,
	editable_grid=1,
)
write_doctype(
	"Assessment Standard Veto",
	[
		f("code", "Data", "Code", reqd=1, in_list_view=1, columns=1),
		f("description", "Small Text", "Veto Condition", reqd=1, in_list_view=1, columns=6),
		f("kind", "Select", "Veto Kind", options="fact\nsatisfaction\ncondition\nhonour", default="fact", reqd=1, in_list_view=1, columns=1),
		f("threshold", "Percent", "Satisfaction Below (%)", in_list_view=1, columns=1,
			mandatory_depends_on="eval:doc.kind=='satisfaction'"),
		f("effect", "Select", "Effect", options="Lowest Grade\nCap Grade\nCap Stars\nRate Directly", default="Lowest Grade",
			reqd=1, in_list_view=1, columns=1),
		f("effect_grade", "Select", "Grade of the Effect", options=GRADE_OPTIONS_4, in_list_view=1, columns=1,
			mandatory_depends_on="eval:doc.effect=='Cap Grade'||doc.effect=='Rate Directly'"),
		f("effect_stars", "Int", "Stars at Most", non_negative=1, depends_on="eval:doc.effect=='Cap Stars'"),
	],
	istable=1,
	editable_grid=1,
)
write_doctype(
	"Assessment Standard",
	[
		f("standard_name", "Data", "Standard Name", reqd=1, unique=1, in_list_view=1, bold=1),
		f("domain", "Select", "Domain", options=DOMAINS, reqd=1, in_list_view=1, in_standard_filter=1),
		f("campaign_year", "Link", "Campaign Year", options="Campaign Year", in_standard_filter=1,
			description="Empty: applies to every campaign year"),
		f("version", "Int", "Version", default="1"),
		f("column_break_1", "Column Break", ""),
		f("owner_unit", "Link", "Adjusted by Reporting Unit", options="Party Organization", in_list_view=1,
			in_standard_filter=1, description="Empty: the district's standard"),
		f("base_standard", "Link", "Based on District Standard", options="Assessment Standard",
			depends_on="owner_unit", mandatory_depends_on="owner_unit"),
		f("approval_status", "Select", "Approval Status", options="Draft\nPending Approval\nApproved\nRejected",
			default="Draft", in_list_view=1, permlevel=1),
		f("approval_note", "Small Text", "Approval Note", permlevel=1, depends_on="owner_unit"),
		f("approved_by", "Link", "Approved By", options="User", read_only=1, permlevel=1, depends_on="owner_unit"),
		f("section_grades", "Section Break", "Grades and Stars"),
		f("grade_levels", "Select", "Number of Grades", options="3\n4", default="3", reqd=1,
			description="3: Advanced / Ordinary / Lagging as the notice; 4: e.g. Good / Fairly Good / Ordinary / Poor"),
		f("advanced_threshold", "Float", "Advanced from (points)", default="80", reqd=1),
		f("good_threshold", "Float", "Second Grade from (points)", depends_on="eval:doc.grade_levels=='4'",
			mandatory_depends_on="eval:doc.grade_levels=='4'"),
		f("ordinary_threshold", "Float", "Ordinary from (points)", default="60", reqd=1),
		f("advanced_label", "Data", "Name of the Highest Grade", description="Empty: the notice's name"),
		f("good_label", "Data", "Name of the Second Grade", depends_on="eval:doc.grade_levels=='4'"),
		f("ordinary_label", "Data", "Name of the Ordinary Grade"),
		f("lagging_label", "Data", "Name of the Lowest Grade"),
		f("total_decimals", "Int", "Decimals of the Total", default="1", non_negative=1,
			description="The total is computed exactly and rounded once, at the end"),
		f("rounding", "Select", "Rounding of the Total", options="Half Up\nDown", default="Half Up", reqd=1),
		f("gets_stars", "Check", "Gets Stars", default="1"),
		f("min_stars", "Int", "Minimum Stars", default="0", non_negative=1, depends_on="gets_stars",
			description="0 as the notice; 1: every organisation has at least one star"),
		f("column_break_2", "Column Break", ""),
		f("five_star_min", "Float", "Five Stars from", default="90", depends_on="gets_stars"),
		f("four_star_min", "Float", "Four Stars from", default="80", depends_on="gets_stars"),
		f("three_star_min", "Float", "Three Stars from", default="73", depends_on="gets_stars"),
		f("two_star_min", "Float", "Two Stars from", default="66", depends_on="gets_stars"),
		f("one_star_min", "Float", "One Star from", default="60", depends_on="gets_stars"),
		f("section_shares", "Section Break", "Intended Shares of the Star Levels", depends_on="gets_stars", collapsible=1),
		f("five_star_share", "Percent", "Five Stars about (%)"),
		f("four_star_share", "Percent", "Four Stars about (%)"),
		f("three_star_share", "Percent", "Three Stars about (%)"),
		f("column_break_3", "Column Break", ""),
		f("two_star_share", "Percent", "Two Stars about (%)"),
		f("one_star_share", "Percent", "One Star about (%)"),
		f("section_parts", "Section Break", "Parts and Weights", collapsible=1),
		f("parts", "Table", "Parts", options="Assessment Standard Part",
			description="Empty: one part of 100 points. With parts: each part's deduction and rating items sum to 100 points and the weights to 100%"),
		f("bonus_cap", "Float", "Bonus Points at Most", default="0", non_negative=1,
			description="Bonus items only add points, up to this cap, directly to the total"),
		f("section_items", "Section Break", "Scoring Items"),
		f("items", "Table", "Scoring Items", options="Assessment Standard Item", reqd=1),
		f("total_points", "Float", "Total Points", read_only=1, precision="1"),
		f("section_vetoes", "Section Break", "Vetoes, Star Conditions and Honours"),
		f("vetoes", "Table", "Veto Conditions", options="Assessment Standard Veto"),
		f("section_diff", "Section Break", "Differences from the District Standard", depends_on="owner_unit"),
		f("differences_html", "HTML", "Differences"),
	],
	[
		perm("System Manager", **ADMIN_PERMS),
		perm("District Admin", **ADMIN_PERMS),
		perm("District Admin", permlevel=1, write=1),
		perm("System Manager", permlevel=1, write=1),
		perm("Reporting Unit Admin", write=1, create=1, report=1, print=1),
		perm("Reporting Unit Admin", permlevel=1),
		perm("Organization Secretary", print=1),
		perm("Evaluation Department", print=1),
		perm("Campaign Leader", report=1, print=1),
		perm("Campaign Leader", permlevel=1),
	],
	autoname="field:standard_name",
	naming_rule="By fieldname",
	title_field="standard_name",
	track_changes=1,
	icon="fa fa-list-ol",
)

# ---------------------------------------------------------------- Assessment Sheet
write_doctype(
	"Assessment Sheet Item",
	[
		f("category", "Data", "Category", read_only=1, in_list_view=1, columns=1),
		f("content", "Small Text", "Scoring Point", read_only=1, in_list_view=1, columns=3),
		f("max_points", "Float", "Maximum Points", read_only=1, in_list_view=1, precision="1", columns=1),
		f("deduction_method", "Small Text", "Deduction Method", read_only=1),
		f("item_kind", "Select", "Item Kind", options="Deduction\nBonus\nPenalty\nRating", default="Deduction", read_only=1,
			in_list_view=1, columns=1),
		f("part", "Data", "Part", read_only=1),
		f("deduction", "Float", "Points Recorded", read_only=1, in_list_view=1, columns=1,
			description="The sum of this item's rows in Deductions and Bonuses"),
		f("rating", "Float", "Score Given", in_list_view=1, columns=1, non_negative=1,
			read_only_depends_on="eval:doc.item_kind!='Rating'"),
		f("score", "Float", "Score", read_only=1, in_list_view=1, columns=1),
	],
	istable=1,
	editable_grid=1,
)
write_doctype(
	"Assessment Sheet Entry",
	[
		f("item_no", "Int", "Item No.", reqd=1, in_list_view=1, columns=1, non_negative=1),
		f("points", "Float", "Points", reqd=1, in_list_view=1, columns=1, non_negative=1),
		f("reason", "Small Text", "Reason", reqd=1, in_list_view=1, columns=5),
		f("evidence", "Attach", "Evidence", in_list_view=1, columns=3),
	],
	istable=1,
	editable_grid=1,
)
write_doctype(
	"Assessment Sheet Veto",
	[
		f("code", "Data", "Code", read_only=1),
		f("description", "Small Text", "Veto Condition", read_only=1, in_list_view=1, columns=6),
		f("kind", "Select", "Veto Kind", options="fact\nsatisfaction\ncondition\nhonour", read_only=1, in_list_view=1, columns=1),
		f("threshold", "Percent", "Satisfaction Below (%)", read_only=1),
		f("effect", "Select", "Effect", options="Lowest Grade\nCap Grade\nCap Stars\nRate Directly", read_only=1, in_list_view=1, columns=1),
		f("effect_grade", "Select", "Grade of the Effect", options=GRADE_OPTIONS_4, read_only=1),
		f("effect_stars", "Int", "Stars at Most", read_only=1),
		f("applies", "Check", "Applies (a condition: met)", in_list_view=1, columns=1,
			read_only_depends_on="eval:doc.kind=='satisfaction'"),
	],
	istable=1,
	editable_grid=1,
)
# a step's states are the review workflow's (Select: shown in the user's language, not as stored)
_workflow = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sanfenlei_app",
	"sanfenlei_app", "workflow", "assessment_sheet_review.json"), encoding="utf-8"))
SHEET_STATES = "\n".join([""] + [s["state"] for s in _workflow["states"]])
write_doctype(
	"Assessment Sheet Step",
	[
		f("from_state", "Select", "Step", options=SHEET_STATES, in_list_view=1, columns=2),
		f("to_state", "Select", "Moved To", options=SHEET_STATES, in_list_view=1, columns=2),
		f("user", "Link", "By (Account)", options="User"),
		f("user_name", "Data", "By", fetch_from="user.full_name", read_only=1, in_list_view=1, columns=2),
		f("at", "Datetime", "At", in_list_view=1, columns=2),
		f("result", "Small Text", "Result", in_list_view=1, columns=2),
		f("reason", "Small Text", "Reason"),
	],
	istable=1,
)

GRADE_OPTIONS = GRADE_OPTIONS_4

write_doctype(
	"Assessment Sheet",
	[
		f("organization", "Link", "Party Organization", options="Party Organization", reqd=1, in_list_view=1, in_standard_filter=1, search_index=1),
		f("campaign_year", "Link", "Campaign Year", options="Campaign Year", reqd=1, in_list_view=1, in_standard_filter=1),
		f("phase", "Select", "Phase", options="Initial\nYear End", default="Initial", reqd=1, in_list_view=1, in_standard_filter=1),
		f("column_break_h", "Column Break", ""),
		f("reporting_unit", "Link", "Reporting Unit", options="Party Organization", read_only=1, in_standard_filter=1, ignore_user_permissions=1),
		f("domain", "Select", "Domain", options=DOMAINS, read_only=1, in_standard_filter=1),
		f("standard", "Link", "Assessment Standard", options="Assessment Standard", read_only=1, ignore_user_permissions=1),
		f("import_source", "Small Text", "Source of the Imported Result", read_only=1, no_copy=1,
			depends_on="eval:doc.import_source", description="A result graded before the district used this system, imported without its scoring"),
		f("section_items", "Section Break", "Scoring (deductions item by item)"),
		f("items", "Table", "Scoring Items", options="Assessment Sheet Item", cannot_add_rows=1, cannot_delete_rows=1),
		f("entries", "Table", "Deductions and Bonuses", options="Assessment Sheet Entry",
			description="One row per infraction or merit: the item's number, the points, the reason and the evidence"),
		f("section_vetoes", "Section Break", "Veto Facts and Satisfaction"),
		f("satisfaction", "Percent", "Satisfaction of Members and Masses (%)"),
		f("vetoes", "Table", "Veto Conditions", options="Assessment Sheet Veto"),
		f("section_result", "Section Break", "Grading Result"),
		f("total_score", "Float", "Total Score", read_only=1, precision="1", in_list_view=1, bold=1),
		f("grade", "Select", "Grade", options=GRADE_OPTIONS_4, read_only=1, in_list_view=1, in_standard_filter=1),
		f("grade_label", "Data", "Grade Name", read_only=1),
		f("column_break_r", "Column Break", ""),
		f("stars", "Int", "Stars", read_only=1, in_list_view=1),
		f("veto_applied", "Small Text", "Veto Applied", read_only=1),
		f("explanation", "Text", "Basis of the Result", read_only=1,
			description="Why the total, the grade and the stars are what they are"),
		f("section_plan", "Section Break", "Upgrade Target and Measures"),
		f("upgrade_target", "Select", "Annual Upgrade Target", options="\nAdvanced\nOrdinary\nConsolidate"),
		f("rectification_measures", "Small Text", "Rectification Measures (at most 150 characters)"),
		f("upgrade_deadline", "Date", "Upgrade Deadline"),
		f("column_break_p", "Column Break", ""),
		f("contact_phone", "Data", "Contact Phone", options="Phone"),
		f("secretary_confirmed_by", "Link", "Confirmed by Secretary", options="User", read_only=1, no_copy=1),
		f("secretary_confirmed_on", "Datetime", "Secretary Confirmed On", read_only=1, no_copy=1),
		f("section_mass", "Section Break", "Mass Preliminary Review", collapsible=1),
		f("mass_meeting_date", "Date", "Meeting Date", no_copy=1),
		f("mass_attendance", "Int", "Attendance", non_negative=1, no_copy=1),
		f("mass_grade", "Select", "Preliminary Grade of the Masses", options=GRADE_OPTIONS, no_copy=1),
		f("section_member", "Section Break", "Party Member Appraisal", collapsible=1),
		f("member_meeting_date", "Date", "Party Member Meeting Date", no_copy=1),
		f("member_attendance", "Int", "Party Members Present", non_negative=1, no_copy=1),
		f("member_grade", "Select", "Grade by Party Members", options=GRADE_OPTIONS, no_copy=1),
		f("section_self", "Section Break", "Self Grading", collapsible=1),
		f("self_grade", "Select", "Self Grade", options=GRADE_OPTIONS, no_copy=1),
		f("self_basis", "Small Text", "Basis of the Self Grade",
			description="Weigh the two meetings, the last three years' work and the superior's annual assessment", no_copy=1),
		f("section_ballot", "Section Break", "Members and Masses Review (secret ballot)", collapsible=1),
		f("votes_for", "Int", "Votes For", non_negative=1, no_copy=1),
		f("votes_against", "Int", "Votes Against", non_negative=1, no_copy=1),
		f("votes_abstain", "Int", "Abstentions", non_negative=1, no_copy=1),
		f("section_decision", "Section Break", "Superior Decision", collapsible=1),
		f("decided_grade", "Select", "Decided Grade", options=GRADE_OPTIONS, in_standard_filter=1, no_copy=1),
		f("decided_stars", "Int", "Decided Stars", no_copy=1),
		f("decision_reason", "Small Text", "Reason of the Decision", no_copy=1),
		f("section_year_end", "Section Break", "Year-End Self Check", collapsible=1, depends_on="eval:doc.phase=='Year End'"),
		f("self_check_report", "Text", "Self-Check Report", no_copy=1),
		f("appraisal_meeting_date", "Date", "Democratic Appraisal Meeting Date", no_copy=1),
		f("self_check_grade", "Select", "Initial Grade after Self Check", options=GRADE_OPTIONS, no_copy=1),
		f("honour", "Select", "Honour Won This Year", options="\nnational\nprovincial\nmunicipal\ndistrict",
			depends_on="eval:doc.phase=='Year End'"),
		f("section_district", "Section Break", "District Review", collapsible=1),
		f("district_opinion", "Small Text", "District Opinion", no_copy=1),
		f("return_reason", "Small Text", "Reason for Returning", no_copy=1),
		f("cancel_reason", "Small Text", "Reason for Revoking the Grading", allow_on_submit=1, no_copy=1,
			read_only_depends_on="eval:doc.docstatus==2", depends_on="eval:doc.docstatus>=1"),
		f("due_date", "Date", "Due Date", read_only=1, in_list_view=1),
		f("is_overdue", "Check", "Overdue", read_only=1, in_standard_filter=1),
		f("current_owner_email", "Data", "Responsible for the Current Step", options="Email", read_only=1),
		f("section_steps", "Section Break", "Review Steps"),
		f("steps", "Table", "Review Steps", options="Assessment Sheet Step", read_only=1, no_copy=1),
		f("workflow_state", "Link", "Review Step", options="Workflow State", read_only=1, hidden=1, in_standard_filter=1),
		f("amended_from", "Link", "Amended From", options="Assessment Sheet", read_only=1, no_copy=1),
	],
	[
		perm("System Manager", **ADMIN_PERMS, submit=1, cancel=1, amend=1),
		perm("District Admin", **ADMIN_PERMS, submit=1, cancel=1, amend=1),
		perm("Reporting Unit Admin", write=1, create=1, report=1, export=1, print=1),
		perm("Organization Secretary", write=1, create=1, print=1),
		perm("Evaluation Department", print=1),  # street committees' sheets only (permissions.py)
		perm("Campaign Leader", report=1, export=1, print=1),
	],
	is_submittable=1,
	autoname="format:FLB-{campaign_year}-{#####}",
	naming_rule="Expression",
	title_field="organization",
	track_changes=1,
	default_print_format="附件2 分类定级申报表",
	modified="2026-11-29 20:00:00.000000",
	icon="fa fa-check-square-o",
)

# ---------------------------------------------------------------- Evaluation Opinion (目督办、信访局、民政局)
write_doctype(
	"Evaluation Opinion",
	[
		f("sheet", "Link", "Assessment Sheet", options="Assessment Sheet", reqd=1, in_list_view=1, in_standard_filter=1),
		f("organization", "Link", "Party Organization", options="Party Organization", read_only=1,
			fetch_from="sheet.organization", in_list_view=1),
		f("department", "Select", "Department", options="\nSupervision Office\nPetition Bureau\nCivil Affairs Bureau",
			reqd=1, in_list_view=1),
		f("opinion", "Small Text", "Opinion", reqd=1),
		f("proposed_deduction", "Float", "Proposed Deduction", non_negative=1, precision="1"),
		f("deduction_reason", "Small Text", "Reason for the Deduction", mandatory_depends_on="eval:doc.proposed_deduction>0"),
	],
	[
		perm("System Manager", **ADMIN_PERMS),
		perm("District Admin", **ADMIN_PERMS),
		perm("Evaluation Department", write=1, create=1, print=1, if_owner=0),
		perm("Reporting Unit Admin", print=1),
		perm("Campaign Leader", report=1, print=1),
	],
	autoname="format:PY-{#####}",
	naming_rule="Expression",
	title_field="organization",
	track_changes=1,
	icon="fa fa-comments",
)

# ---------------------------------------------------------------- Assistance Record (帮扶)
write_doctype(
	"Assistance Record",
	[
		f("organization", "Link", "Party Organization", options="Party Organization", reqd=1, in_list_view=1, in_standard_filter=1),
		f("campaign_year", "Link", "Campaign Year", options="Campaign Year", reqd=1, in_standard_filter=1),
		f("kind", "Select", "Kind of Assistance", options="\nUrban-Rural Pairing\nLeader Contact Point\nStationed Cadre",
			reqd=1, in_list_view=1, in_standard_filter=1),
		f("column_break_1", "Column Break", ""),
		f("helper", "Data", "Who Helps", reqd=1, in_list_view=1),
		f("start_date", "Date", "Start Date", reqd=1),
		f("end_date", "Date", "End Date"),
		f("section_work", "Section Break", "Work Done"),
		f("actions", "Small Text", "What Was Done", reqd=1),
		f("progress", "Select", "Progress", options="Planned\nIn Progress\nCompleted", default="Planned", in_list_view=1),
		f("progress_note", "Small Text", "Progress Note"),
	],
	[
		perm("System Manager", **ADMIN_PERMS),
		perm("District Admin", **ADMIN_PERMS),
		perm("Reporting Unit Admin", write=1, create=1, delete=1, report=1, export=1, print=1),
		perm("Organization Secretary", print=1),
		perm("Campaign Leader", report=1, export=1, print=1),
	],
	autoname="format:BF-{campaign_year}-{#####}",
	naming_rule="Expression",
	title_field="organization",
	track_changes=1,
	icon="fa fa-hands-helping",
)

# ---------------------------------------------------------------- Upgrade Plan (争创目标、整改措施、目标责任书)
HONOUR_OPTIONS = "\nnational\nprovincial\nmunicipal\ndistrict"

write_doctype(
	"Upgrade Plan",
	[
		f("organization", "Link", "Party Organization", options="Party Organization", reqd=1, in_list_view=1, in_standard_filter=1, search_index=1),
		f("campaign_year", "Link", "Campaign Year", options="Campaign Year", reqd=1, in_list_view=1, in_standard_filter=1),
		f("column_break_h", "Column Break", ""),
		f("reporting_unit", "Link", "Reporting Unit", options="Party Organization", read_only=1, in_standard_filter=1, ignore_user_permissions=1),
		f("domain", "Select", "Domain", options=DOMAINS, read_only=1, in_standard_filter=1),
		f("initial_sheet", "Link", "Initial Grading Sheet", options="Assessment Sheet", read_only=1, ignore_user_permissions=1),
		f("reviewer_level", "Select", "Reviewing Level", options="\nReporting Unit\nDistrict", read_only=1),
		f("section_start", "Section Break", "Grade at the Start of the Year"),
		f("start_grade", "Select", "Start Grade", options=GRADE_OPTIONS, read_only=1, in_list_view=1, in_standard_filter=1),
		f("column_break_s", "Column Break", ""),
		f("start_stars", "Int", "Start Stars", read_only=1),
		f("section_target", "Section Break", "Upgrade Target"),
		f("target_grade", "Select", "Target Grade", options="\nAdvanced\nOrdinary", in_list_view=1),
		f("target_stars", "Int", "Target Stars"),
		f("target_honour", "Select", "Target Honour", options=HONOUR_OPTIONS),
		f("column_break_t", "Column Break", ""),
		f("upgrade_deadline", "Date", "Upgrade Deadline", reqd=1),
		f("due_date", "Date", "Due for Review by", read_only=1, in_list_view=1),
		f("section_measures", "Section Break", "Rectification Measures"),
		f("rectification_measures", "Small Text", "Rectification Measures (at most 150 characters)", reqd=1),
		f("plan_text", "Text", "Detailed Plan", description="Required for lagging organisations: the rectification plan"),
		f("section_review", "Section Break", "Review by the Superior"),
		f("review_opinion", "Small Text", "Review Opinion"),
		f("column_break_r", "Column Break", ""),
		f("reviewed_by", "Link", "Reviewed By", options="User", read_only=1),
		f("reviewed_on", "Datetime", "Reviewed On", read_only=1),
		f("cancel_reason", "Small Text", "Reason for Revoking the Approval", allow_on_submit=1, no_copy=1,
			read_only_depends_on="eval:doc.docstatus==2", depends_on="eval:doc.docstatus>=1"),
		f("section_letter", "Section Break", "Target Responsibility Letter"),
		f("letter_superior", "Link", "Signing Superior", options="Party Organization", read_only=1, ignore_user_permissions=1),
		f("letter_status", "Select", "Letter Status", options="Not Signed\nSigned by One Side\nSigned by Both Sides", default="Not Signed", read_only=1, allow_on_submit=1, in_list_view=1, in_standard_filter=1),
		f("column_break_l", "Column Break", ""),
		f("letter_org_signed_by", "Link", "Signed for the Organization by", options="User", read_only=1, allow_on_submit=1),
		f("letter_org_signed_on", "Datetime", "Organization Signed On", read_only=1, allow_on_submit=1),
		f("letter_superior_signed_by", "Link", "Signed for the Superior by", options="User", read_only=1, allow_on_submit=1),
		f("letter_superior_signed_on", "Datetime", "Superior Signed On", read_only=1, allow_on_submit=1),
		f("workflow_state", "Link", "Review Step", options="Workflow State", read_only=1, hidden=1, in_standard_filter=1),
		f("amended_from", "Link", "Amended From", options="Upgrade Plan", read_only=1, no_copy=1),
	],
	[
		perm("System Manager", **ADMIN_PERMS, submit=1, cancel=1, amend=1),
		perm("District Admin", **ADMIN_PERMS, submit=1, cancel=1, amend=1),
		perm("Reporting Unit Admin", write=1, create=1, submit=1, report=1, export=1, print=1),
		perm("Organization Secretary", write=1, create=1, print=1),
		perm("Campaign Leader", report=1, export=1, print=1),
	],
	is_submittable=1,
	autoname="format:SJ-{campaign_year}-{#####}",
	naming_rule="Expression",
	title_field="organization",
	track_changes=1,
	default_print_format="目标责任书",
	modified="2026-11-29 12:00:00.000000",
	icon="fa fa-line-chart",
)

# ---------------------------------------------------------------- public commitments (附件7、附件8)
write_doctype(
	"Organization Commitment",
	[
		f("organization", "Link", "Party Organization", options="Party Organization", reqd=1, in_list_view=1, in_standard_filter=1, search_index=1),
		f("campaign_year", "Link", "Campaign Year", options="Campaign Year", reqd=1, in_list_view=1, in_standard_filter=1),
		f("column_break_h", "Column Break", ""),
		f("reporting_unit", "Link", "Reporting Unit", options="Party Organization", read_only=1, in_standard_filter=1, ignore_user_permissions=1),
		f("secretary_name", "Data", "Secretary Name", fetch_from="organization.secretary_name", read_only=1),
		f("section_commitments", "Section Break", "Commitments"),
		f("commitments", "Text", "Commitments", reqd=1),
		f("section_confirm", "Section Break", "Confirmation and Publication"),
		f("confirmed_by", "Link", "Confirmed by Secretary", options="User", read_only=1),
		f("confirmed_on", "Datetime", "Confirmed On", read_only=1),
		f("column_break_c", "Column Break", ""),
		f("published", "Check", "Published on Portal", read_only=1, in_list_view=1, in_standard_filter=1),
		f("route", "Data", "Route", read_only=1, hidden=1),
	],
	[
		perm("System Manager", **ADMIN_PERMS),
		perm("District Admin", **ADMIN_PERMS),
		perm("Reporting Unit Admin", write=1, create=1, report=1, export=1, print=1),
		perm("Organization Secretary", write=1, create=1, print=1),
		perm("Campaign Leader", report=1, export=1, print=1),
	],
	autoname="format:CN-{campaign_year}-{#####}",
	naming_rule="Expression",
	title_field="organization",
	track_changes=1,
	has_web_view=1,
	allow_guest_to_view=1,
	is_published_field="published",
	# no list route: /gongshi is the app's own page (www/gongshi), each commitment is gongshi/<name>
	default_print_format="附件7 公开承诺书",
	icon="fa fa-bullhorn",
)

write_doctype(
	"Member Commitment",
	[
		f("organization", "Link", "Party Organization", options="Party Organization", reqd=1, in_list_view=1, in_standard_filter=1, search_index=1),
		f("campaign_year", "Link", "Campaign Year", options="Campaign Year", reqd=1, in_standard_filter=1),
		f("column_break_h", "Column Break", ""),
		f("member_name", "Data", "Party Member", reqd=1, in_list_view=1),
		f("member_user", "Link", "Member's Login", options="User", reqd=1, search_index=1),
		f("section_commitments", "Section Break", "Commitments"),
		f("commitments", "Text", "Commitments", reqd=1),
		f("section_confirm", "Section Break", "Member's Own Confirmation"),
		f("confirmed", "Check", "Confirmed by the Member", read_only=1, in_list_view=1, in_standard_filter=1),
		f("confirmed_on", "Datetime", "Confirmed On", read_only=1),
	],
	[
		perm("System Manager", **ADMIN_PERMS),
		perm("District Admin", **ADMIN_PERMS),
		perm("Reporting Unit Admin", write=1, create=1, report=1, export=1, print=1),
		perm("Organization Secretary", write=1, create=1, delete=1, print=1),
		perm("Party Member", print=1),
		perm("Campaign Leader", report=1, print=1),
	],
	autoname="format:DY-{campaign_year}-{#####}",
	naming_rule="Expression",
	title_field="member_name",
	track_changes=1,
	default_print_format="附件8 党员公开承诺书",
	icon="fa fa-user",
)

# ---------------------------------------------------------------- Annual Summary (年度工作总结)
write_doctype(
	"Annual Summary Rate",
	[
		f("rate", "Data", "Rate", in_list_view=1, columns=2),
		f("numerator", "Int", "Numerator", in_list_view=1, columns=1),
		f("denominator", "Int", "Denominator", in_list_view=1, columns=1),
		f("rate_value", "Data", "Rate Value", in_list_view=1, columns=2),
		f("target", "Data", "Target (%)", in_list_view=1, columns=2),
		f("met", "Data", "Met", in_list_view=1, columns=2),
	],
	istable=1,
)

write_doctype(
	"Annual Summary",
	[
		f("reporting_unit", "Link", "Reporting Unit", options="Party Organization", reqd=1, in_list_view=1, in_standard_filter=1, search_index=1),
		f("campaign_year", "Link", "Campaign Year", options="Campaign Year", reqd=1, in_list_view=1, in_standard_filter=1),
		f("column_break_h", "Column Break", ""),
		f("due_date", "Date", "Due Date", read_only=1, in_list_view=1),
		f("generated_on", "Datetime", "Draft Generated On", read_only=1),
		f("section_moves", "Section Break", "Movements of the Organizations"),
		f("organizations_count", "Int", "Organizations Graded at the Start", read_only=1),
		f("moved_up", "Int", "Moved Up", read_only=1),
		f("column_break_m", "Column Break", ""),
		f("stayed", "Int", "Stayed", read_only=1),
		f("moved_down", "Int", "Moved Down", read_only=1),
		f("missing_year_end", "Int", "Without Year-End Result", read_only=1),
		f("section_rates", "Section Break", "Rates against the Targets"),
		f("rates", "Table", "Rates", options="Annual Summary Rate", read_only=1),
		f("section_text", "Section Break", "Summary of the Year"),
		f("summary_text", "Text", "Summary Text"),
		f("amended_from", "Link", "Amended From", options="Annual Summary", read_only=1, no_copy=1),
	],
	[
		perm("System Manager", **ADMIN_PERMS, submit=1, cancel=1, amend=1),
		perm("District Admin", **ADMIN_PERMS, submit=1, cancel=1, amend=1),
		perm("Reporting Unit Admin", write=1, create=1, submit=1, report=1, export=1, print=1),
		perm("Campaign Leader", report=1, export=1, print=1),
	],
	is_submittable=1,
	autoname="format:ZJ-{campaign_year}-{#####}",
	naming_rule="Expression",
	title_field="reporting_unit",
	track_changes=1,
	default_print_format="年度工作总结",
	icon="fa fa-file-text",
)
