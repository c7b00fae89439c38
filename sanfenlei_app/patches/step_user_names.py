"""The review steps' 办理人 shows the person's name (`user_name`, fetched from the account on
each new step); the steps recorded before the field existed get it from their account."""

import frappe


def execute():
	frappe.db.sql(
		"""update `tabAssessment Sheet Step` st join `tabUser` u on u.name = st.user
		set st.user_name = u.full_name where ifnull(st.user_name, '') = ''"""
	)
