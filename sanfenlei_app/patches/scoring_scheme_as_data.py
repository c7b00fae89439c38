"""Issue 16: a standard's scoring scheme is data, and a sheet keeps one row per deduction.

Existing standards become the notice's scheme written out (three grades, totals to 0.1 half
up, no bonus, no parts, every item a 扣分项, every veto straight to 后进); each sheet's
single deduction per item (the old columns ``deduction_reason`` and ``evidence`` of
`tabAssessment Sheet Item`, which Frappe keeps after the fields left the DocType) becomes a
row of its 扣分、加分记录 with the same points, reason and evidence.  No total, grade or star
changes: with at most one decimal per deduction the exact total equals the old one.
"""

import frappe


def execute():
	frappe.db.sql("""update `tabAssessment Standard` set grade_levels = '3', total_decimals = 1,
		rounding = 'Half Up', bonus_cap = 0, min_stars = 0 where ifnull(grade_levels, '') in ('', '3')""")
	for table in ("tabAssessment Standard Item", "tabAssessment Sheet Item"):
		frappe.db.sql(f"update `{table}` set item_kind = 'Deduction' where ifnull(item_kind, '') = ''")
	for table in ("tabAssessment Standard Veto", "tabAssessment Sheet Veto"):
		frappe.db.sql(f"update `{table}` set effect = 'Lowest Grade' where ifnull(effect, '') = ''")
	move_deductions_to_entries()


def move_deductions_to_entries():
	columns = {c[0] for c in frappe.db.sql("show columns from `tabAssessment Sheet Item`")}  # not the cached list
	if "deduction_reason" not in columns:
		return 0
	evidence = "evidence" if "evidence" in columns else "null"
	rows = frappe.db.sql(f"""select i.parent, i.idx, i.deduction, i.deduction_reason, {evidence} as evidence,
			i.owner, i.creation, i.modified, i.modified_by
		from `tabAssessment Sheet Item` i
		where i.parenttype = 'Assessment Sheet' and i.deduction > 0
			and not exists (select 1 from `tabAssessment Sheet Entry` e where e.parent = i.parent)
		order by i.parent, i.idx""", as_dict=True)
	values, idx, last = [], 0, None
	for r in rows:
		idx = idx + 1 if r.parent == last else 1
		last = r.parent
		values.append((frappe.generate_hash(length=10), r.parent, "Assessment Sheet", "entries", idx, r.idx, r.deduction,
			(r.deduction_reason or "").strip() or "（原申报表未写扣分理由）", r.evidence, 0, r.owner, r.creation,
			r.modified, r.modified_by))
	frappe.db.bulk_insert("Assessment Sheet Entry", ["name", "parent", "parenttype", "parentfield", "idx", "item_no",
		"points", "reason", "evidence", "docstatus", "owner", "creation", "modified", "modified_by"], values)
	# the entries of a submitted sheet are submitted with it
	frappe.db.sql("""update `tabAssessment Sheet Entry` e join `tabAssessment Sheet` s on s.name = e.parent
		set e.docstatus = s.docstatus""")
	# the evidence, uploaded through the portal and attached to nothing, now opens with its sheet
	# (only a file uploaded by whoever wrote the row: nobody's sheet takes in another's file)
	frappe.db.sql("""update `tabFile` f join `tabAssessment Sheet Entry` e on e.evidence = f.file_url and f.owner = e.owner
		set f.attached_to_doctype = 'Assessment Sheet', f.attached_to_name = e.parent, f.attached_to_field = 'evidence'
		where ifnull(f.attached_to_doctype, '') = ''""")
	return len(values)
