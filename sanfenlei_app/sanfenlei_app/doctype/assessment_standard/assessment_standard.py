# Copyright (c) 2026, sanfenlei_app contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from sanfenlei_app import rules

DISTRICT_ROLES = {"District Admin", "System Manager", "Administrator"}


class AssessmentStandard(Document):
	def thresholds(self):
		return {"advanced": flt(self.advanced_threshold), "ordinary": flt(self.ordinary_threshold)}

	def bands(self):
		return [
			(flt(self.five_star_min), 5), (flt(self.four_star_min), 4), (flt(self.three_star_min), 3),
			(flt(self.two_star_min), 2), (flt(self.one_star_min), 1),
		]

	def veto_rules(self):
		return [(v.code, v.description, v.kind, flt(v.threshold) if v.kind == "satisfaction" else None) for v in self.vetoes]

	def as_rule(self):
		return {
			"items": [flt(i.max_points) for i in self.items],
			"vetoes": [v.code for v in self.vetoes],
			"thresholds": self.thresholds(),
			"bands": self.bands(),
		}

	def validate(self):
		is_district_user = bool(DISTRICT_ROLES & set(frappe.get_roles()))
		self.total_points = round(sum(flt(i.max_points) for i in self.items), 1)
		messages = rules.check_standard_items([flt(i.max_points) for i in self.items])
		if self.gets_stars:
			messages += rules.check_thresholds_and_bands(self.thresholds(), self.bands())
		elif not 0 < flt(self.ordinary_threshold) < flt(self.advanced_threshold) <= 100:
			messages.append("等次分数线应满足：0 < 一般 < 先进 ≤ 100")
		codes = [v.code for v in self.vetoes]
		if len(codes) != len(set(codes)):
			messages.append("直接定为后进情形的编号不能重复")
		for v in self.vetoes:
			if v.kind == "satisfaction" and not 0 < flt(v.threshold) <= 100:
				messages.append(f"“{v.description}”须填写0到100之间的满意度界限")
		if self.owner_unit:
			messages += self.validate_adjusted()
		elif not is_district_user:
			frappe.throw(_("只有区委组织部可以制定全区标准；上报单位请在区标准基础上制定调整版"), frappe.PermissionError)
		else:
			self.approval_status = "Approved"
		if messages:
			frappe.throw("<br>".join(messages), title=_("分类定级标准有误"))

	def validate_adjusted(self):
		unit = frappe.db.get_value("Party Organization", self.owner_unit, ["org_level", "unit_kind"], as_dict=True)
		if not unit or unit.org_level != "Reporting Unit":
			return ["调整版须由上报单位（街道党工委、系统党委、区直机关工委）制定"]
		if self.domain in ("Remote Education Site", "Community", "Street Committee") and unit.unit_kind != "Street Committee":
			return ["只有街道可以调整社区、街道和远程教育站点的标准"]
		base = frappe.get_doc("Assessment Standard", self.base_standard) if self.base_standard else None
		if not base or base.owner_unit or base.domain != self.domain:
			return ["调整版须基于同一领域的区委组织部标准"]
		messages = rules.check_adjusted_standard(base.as_rule(), self.as_rule())
		if not DISTRICT_ROLES & set(frappe.get_roles()):
			# every save by the unit asks the district to approve (again)
			self.approval_status = "Pending Approval"
			self.approved_by = None
		elif self.approval_status == "Approved" and self.has_value_changed("approval_status"):
			self.approved_by = frappe.session.user
		return messages

	@frappe.whitelist()
	def get_differences(self):
		"""What an adjusted version changes in the district standard."""
		if not self.base_standard:
			return {}
		base = frappe.get_doc("Assessment Standard", self.base_standard)
		old = {i.content: i for i in base.items}
		new = {i.content: i for i in self.items}
		return {
			"added_items": [{"content": c, "max_points": i.max_points} for c, i in new.items() if c not in old],
			"removed_items": [{"content": c, "max_points": i.max_points} for c, i in old.items() if c not in new],
			"changed_items": [
				{"content": c, "old": old[c].max_points, "new": i.max_points, "method_changed": old[c].deduction_method != i.deduction_method}
				for c, i in new.items()
				if c in old and (old[c].max_points != i.max_points or old[c].deduction_method != i.deduction_method)
			],
			"added_vetoes": [v.description for v in self.vetoes if v.code not in {b.code for b in base.vetoes}],
		}
