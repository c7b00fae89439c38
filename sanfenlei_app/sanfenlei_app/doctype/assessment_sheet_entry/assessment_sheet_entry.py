# Copyright (c) 2026, sanfenlei_app contributors
# License: MIT. See license.txt

from frappe.model.document import Document


class AssessmentSheetEntry(Document):
	pass
