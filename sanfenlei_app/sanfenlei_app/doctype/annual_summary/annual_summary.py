# Copyright (c) 2026, sanfenlei_app contributors
# License: MIT. See license.txt
"""年度工作总结 of a reporting unit: a generated draft with its rates against the targets and
its organisations' movements, text the unit edits, submitted (报区委组织部) by 12-03."""

import frappe
from frappe import _
from frappe.utils import now_datetime

from sanfenlei_app import rules
from sanfenlei_app.campaign_document import CampaignDocument, server_owned_fields
from sanfenlei_app.sanfenlei_app.doctype.campaign_year.campaign_year import (
	get_current_year,
)
from sanfenlei_app.sanfenlei_app.report.upgrade_rate_statistics.upgrade_rate_statistics import (
	starts_and_ends,
	targets_of,
)


class AnnualSummary(CampaignDocument):
	# a reporting unit's own document
	scope_field = "reporting_unit"

	def before_validate(self):
		self.campaign_year = self.campaign_year or get_current_year()

	def validate(self):
		level = frappe.db.get_value("Party Organization", self.reporting_unit, "org_level")
		if level != "Reporting Unit":
			frappe.throw(_("年度工作总结由街道党工委、系统党委和区直机关工委填报，“{0}”不是上报单位").format(self.reporting_unit))
		duplicate = frappe.db.exists("Annual Summary",
			{"reporting_unit": self.reporting_unit, "campaign_year": self.campaign_year,
			 "name": ["!=", self.name], "docstatus": ["<", 2]})
		if duplicate:
			frappe.throw(_("“{0}”{1}年度的年度工作总结已存在（{2}）").format(self.reporting_unit, self.campaign_year, duplicate),
				frappe.DuplicateEntryError)
		self.due_date = frappe.db.get_value("Campaign Year", self.campaign_year, "summary_due")
		if not self.generated_on:
			self.fill_figures(overwrite_text=not (self.summary_text or "").strip())

	def before_submit(self):
		if not (self.summary_text or "").strip():
			frappe.throw(_("请先填写年度工作总结正文"))
		# who submitted it to the district and when: its print's sign-off and its export's 填报时间
		self.submitted_by, self.submitted_on = frappe.session.user, now_datetime()

	def fill_figures(self, overwrite_text=False):
		"""Rates and movements. The targets are those of the unit's domain when all its graded
		organisations are of one domain (a system's 机关事业单位, as the rates report counts them),
		else the community's, the notice's baseline."""
		records = starts_and_ends(frappe._dict(campaign_year=self.campaign_year, reporting_unit=self.reporting_unit))
		domains = {r.domain for r in records}
		domain = domains.pop() if len(domains) == 1 else "Community"
		targets = targets_of(self.campaign_year).get(domain, rules.COMMUNITY_TARGETS)  # as the rates report
		rates = rules.compute_rates(records, targets)
		moves = rules.grade_movements(records)
		self.organizations_count = moves["total"]
		self.moved_up, self.stayed, self.moved_down, self.missing_year_end = (
			moves["up"], moves["same"], moves["down"], moves["missing"])
		self.rates = []
		for key in rules.RATE_KEYS:
			r = rates[key]
			self.append("rates", {
				"rate": r["label"], "numerator": r["numerator"], "denominator": r["denominator"],
				"rate_value": r["display"], "target": "—" if r["target"] is None else f"{r['target']:g}%",
				"met": rules.met_word(r),
			})
		year = frappe.db.get_value("Campaign Year", self.campaign_year, "year")
		if overwrite_text:
			from sanfenlei_app.sanfenlei_app.report.upgrade_progress_by_quarter.upgrade_progress_by_quarter import (
				quarter_rows,
				totals,
			)

			tracking = totals(quarter_rows(frappe._dict(campaign_year=self.campaign_year, reporting_unit=self.reporting_unit)))
			self.summary_text = rules.annual_summary_draft(self.reporting_unit, year, rates, moves, moves["total"], tracking)
		self.generated_on = now_datetime()

	@frappe.whitelist(methods=["POST"])
	def regenerate(self, overwrite_text=0):
		"""Recompute the figures from the ledger (and, if asked, the draft text)."""
		self.check_permission("write")
		if self.docstatus != 0:
			frappe.throw(_("已报送的年度工作总结不能重新生成"))
		self.reload()  # the figures from the stored summary, not from the caller's copy
		self.fill_figures(overwrite_text=bool(int(overwrite_text)))
		self.save_as_server(*server_owned_fields(self), "summary_text")
		return self.as_dict()
