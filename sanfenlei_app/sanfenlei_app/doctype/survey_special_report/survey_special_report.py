# Copyright (c) 2026, sanfenlei_app contributors
# License: MIT. See license.txt

import frappe
from frappe import _

from sanfenlei_app import rules
from sanfenlei_app.campaign_document import CampaignDocument
from sanfenlei_app.sanfenlei_app.doctype.campaign_year.campaign_year import (
	get_current_year,
)

SURVEY_FIELDS = ["organization"] + [
	f"{key}_{part}" for key, _q in rules.SURVEY_ASPECTS for part in ("judgement", "problems")
] + [field for field, _n in rules.SURVEY_METHODS]


class SurveySpecialReport(CampaignDocument):
	"""专题报告: a reporting unit's report built from the status surveys of its subtree."""
	# a reporting unit's own document
	scope_field = "reporting_unit"


	def before_validate(self):
		self.campaign_year = self.campaign_year or get_current_year()

	def validate(self):
		if frappe.db.get_value("Party Organization", self.reporting_unit, "org_level") != "Reporting Unit":
			frappe.throw(_("专题报告由上报单位（街道党工委、系统党委、区直机关工委）形成"))
		self.refresh_findings()

	def unit_surveys(self):
		"""Every survey of the unit's subtree for the year: one query over lft/rgt."""
		columns = ", ".join(f"s.`{f}`" for f in SURVEY_FIELDS)
		return frappe.db.sql(
			f"""select {columns}
			from `tabStatus Survey` s
			join `tabParty Organization` o on o.name = s.organization
			join `tabParty Organization` u on u.name = %(unit)s
			where s.campaign_year = %(year)s and o.lft >= u.lft and o.rgt <= u.rgt
			order by o.lft""",
			{"unit": self.reporting_unit, "year": self.campaign_year},
			as_dict=True,
		)

	def refresh_findings(self):
		summary = rules.summarize_surveys(self.unit_surveys())
		self.surveyed_count = summary["surveyed"]
		self.problem_org_count = summary["organizations_with_problems"]
		self.findings_json = frappe.as_json(summary)
		if not self.conclusion:
			worst = sorted(summary["aspects"], key=lambda a: -a["count"])[:2]
			focus = "、".join(f"“{a['question']}”" for a in worst if a["count"]) or "各方面"
			self.conclusion = (
				f"<p>本单位共调查基层党组织{summary['surveyed']}个，其中{summary['organizations_with_problems']}个存在问题，"
				f"问题主要集中在{focus}。下一步将针对问题逐一制定整改措施，推动基层党组织晋位升级。</p>"
			)

	def findings(self):
		return frappe.parse_json(self.findings_json or "{}")
