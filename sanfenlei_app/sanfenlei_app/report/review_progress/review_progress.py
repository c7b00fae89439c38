# Copyright (c) 2026, sanfenlei_app contributors
# License: MIT. See license.txt
"""Review Progress: the figures behind the workspace's charts (sanfenlei_app/dashboard.py)."""

import frappe

from sanfenlei_app import dashboard
from sanfenlei_app.reports import fit_widths


def execute(filters=None):
	filters = frappe._dict(filters or {})
	columns, rows = fit_widths(dashboard.review_progress_columns(filters.view)), dashboard.review_progress(filters)
	kind = "line" if filters.view == "Over Time" else "bar"
	return columns, rows, None, dashboard.chart_of(columns, rows, kind)
