# Copyright (c) 2026, sanfenlei_app contributors
# License: MIT. See license.txt
"""Annex 6 Remote Site Summary: layout and data in sanfenlei_app/annexes.py (shared with the Excel export)."""

from sanfenlei_app.annexes import execute_report


def execute(filters=None):
	return execute_report("annex6", filters)
