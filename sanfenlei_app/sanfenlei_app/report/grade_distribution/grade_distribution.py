# Copyright (c) 2026, sanfenlei_app contributors
# License: MIT. See license.txt
"""Grade Distribution: the figures behind the workspace's charts (sanfenlei_app/dashboard.py)."""

import frappe

from sanfenlei_app import dashboard
from sanfenlei_app.reports import fit_widths


def execute(filters=None):
	filters = frappe._dict(filters or {})
	columns, rows = fit_widths(dashboard.grade_distribution_columns(filters.view)), dashboard.grade_distribution(filters)
	kind = "line" if filters.view == "Over Time" else "bar"
	return columns, rows, None, dashboard.chart_of(columns, rows, kind)
