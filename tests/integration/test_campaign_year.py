"""Campaign Year on a real site: the notice's defaults, target validation, one current year."""

import frappe
import pytest

from sanfenlei_app.sanfenlei_app.doctype.campaign_year.campaign_year import get_current_year


def year_doc(year, **kw):
	if frappe.db.exists("Campaign Year", str(year)):
		frappe.delete_doc("Campaign Year", str(year), force=True)
	return frappe.get_doc({"doctype": "Campaign Year", "year": year, **kw})


def test_new_year_gets_the_notice_deadlines_and_targets():
	doc = year_doc(2031).insert()
	assert str(doc.classification_list_due) == "2031-04-18"
	assert str(doc.street_targets_due) == "2031-04-27"
	assert str(doc.other_targets_due) == "2031-05-07"
	assert str(doc.summary_due) == "2031-12-03"
	targets = {(r.domain, r.rate): r.target_percent for r in doc.rate_targets}
	assert targets[("Community", "three_star_upgrade")] == 25
	assert targets[("Private Enterprise", "three_star_upgrade")] > 25
	assert targets[("Public Institution", "lagging_conversion")] == 100


def test_target_not_higher_than_community_is_refused_and_nothing_saved():
	doc = year_doc(2032).insert()
	frappe.db.commit()
	row = next(r for r in doc.rate_targets if r.domain == "Social Organization" and r.rate == "ordinary_upgrade")
	row.target_percent = 15
	with pytest.raises(frappe.ValidationError, match="应高于社区党组织争创目标"):
		doc.save()
	frappe.db.rollback()
	saved = frappe.get_doc("Campaign Year", "2032")
	assert next(
		r.target_percent for r in saved.rate_targets if r.domain == "Social Organization" and r.rate == "ordinary_upgrade"
	) == 20


def test_dates_outside_the_year_are_refused():
	with pytest.raises(frappe.ValidationError, match="不在活动年度"):
		year_doc(2033, summary_due="2034-12-03").insert()


def test_only_one_year_is_current():
	a = year_doc(2034, is_current=1).insert()
	b = year_doc(2035, is_current=1).insert()
	a.reload()
	assert (a.is_current, b.is_current) == (0, 1)
	assert get_current_year() == "2035"
