# Copyright (c) 2026, sanfenlei_app contributors
# License: MIT. See license.txt

import datetime

import frappe
from frappe import _
from frappe.utils import cint, getdate

from sanfenlei_app import rules
from sanfenlei_app.campaign_document import CampaignDocument

DATE_FIELDS = [f"{p}_{edge}" for p in rules.DEFAULT_PHASES for edge in ("start", "end")] + list(
	rules.DEFAULT_DEADLINES
)


class CampaignYear(CampaignDocument):
	# read by every campaign role; its DocPerms say who writes it
	scope_field = None

	def validate(self):
		self.year = cint(self.year)
		if not self.year or self.year < 2000 or self.year > 2100:
			frappe.throw(_("活动年度必须是2000至2100之间的年份"))
		self.title = f"{self.year}年度“三分类三升级”活动"
		self.fill_defaults()
		dates = {f: getdate(self.get(f)) if self.get(f) else None for f in DATE_FIELDS}
		messages = rules.check_campaign_dates(self.year, dates)
		seen = set()
		for row in self.rate_targets:
			if (row.domain, row.rate) in seen:
				messages.append(
					f"{rules.DOMAIN_LABELS.get(row.domain)}的{rules.RATE_LABELS.get(row.rate)}目标重复填写"
				)
			seen.add((row.domain, row.rate))
		messages += rules.check_rate_targets({(r.domain, r.rate): r.target_percent for r in self.rate_targets})
		if messages:
			frappe.throw("<br>".join(messages), title=_("活动年度设置有误"))

	def fill_defaults(self):
		"""The notice's dates and targets wherever the form leaves them empty."""
		for phase, ((m1, d1), (m2, d2)) in rules.DEFAULT_PHASES.items():
			self.set(f"{phase}_start", self.get(f"{phase}_start") or datetime.date(self.year, m1, d1))
			self.set(f"{phase}_end", self.get(f"{phase}_end") or datetime.date(self.year, m2, d2))
		for field, (m, d) in rules.DEFAULT_DEADLINES.items():
			self.set(field, self.get(field) or datetime.date(self.year, m, d))
		if not self.rate_targets:
			for domain in rules.DOMAINS:
				for key in rules.RATE_KEYS:
					community = rules.COMMUNITY_TARGETS[key]
					value = community if domain == "Community" else rules.default_other_domain_target(community)
					self.append("rate_targets", {"domain": domain, "rate": key, "target_percent": value})

	def on_update(self):
		if self.is_current:
			frappe.db.sql(
				"update `tabCampaign Year` set is_current = 0 where name != %s and is_current = 1", self.name
			)
		elif not frappe.db.exists("Campaign Year", {"is_current": 1}):
			self.db_set("is_current", 1)


@frappe.whitelist()
def get_current_year():
	"""The current campaign year's name (pages and reports default to it)."""
	return frappe.db.get_value("Campaign Year", {"is_current": 1}, "name") or frappe.db.get_value(
		"Campaign Year", {}, "name", order_by="year desc"
	)
