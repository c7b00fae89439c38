# Copyright (c) 2026, sanfenlei_app contributors
# License: MIT. See license.txt

import datetime

import frappe
from frappe import _
from frappe.utils import getdate

from sanfenlei_app import rules
from sanfenlei_app.campaign_document import CampaignDocument


class AssistanceRecord(CampaignDocument):
	"""城乡结对帮扶、领导定点联系、干部驻点帮扶 for a lagging organisation."""

	def validate(self):
		if not is_lagging(self.organization, self.campaign_year):
			frappe.throw(_("“{0}”在{1}年度没有被评定为后进，帮扶记录只针对后进党组织").format(self.organization, self.campaign_year))
		if self.end_date and getdate(self.end_date) < getdate(self.start_date):
			frappe.throw(_("帮扶结束日期不能早于开始日期"))


def is_lagging(organization, campaign_year):
	"""Lagging by the year's approved initial grading."""
	return bool(
		frappe.db.exists(
			"Assessment Sheet",
			{"organization": organization, "campaign_year": campaign_year, "phase": "Initial", "docstatus": 1,
			 "decided_grade": "Lagging"},
		)
	)


def lagging_without_assistance(campaign_year, on_date=None):
	"""Lagging organisations with no assistance record begun by the year's assistance date
	(one query; the dashboards show them)."""
	if not on_date:
		year = frappe.db.get_value("Campaign Year", campaign_year, ["year", "assistance_due"], as_dict=True)
		month, day = rules.DEFAULT_DEADLINES["assistance_due"]
		on_date = year.assistance_due or datetime.date(year.year, month, day)
	return frappe.db.sql_list(
		"""select s.organization from `tabAssessment Sheet` s
		left join `tabAssistance Record` a on a.organization = s.organization and a.campaign_year = s.campaign_year
			and a.start_date <= %(on)s
		where s.campaign_year = %(year)s and s.phase = 'Initial' and s.docstatus = 1 and s.decided_grade = 'Lagging'
			and a.name is null
		order by s.organization""",
		{"year": campaign_year, "on": on_date},
	)
