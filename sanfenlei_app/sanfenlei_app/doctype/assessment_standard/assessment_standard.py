# Copyright (c) 2026, sanfenlei_app contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.utils import cint, flt

from sanfenlei_app import rules
from sanfenlei_app.campaign_document import CampaignDocument

DISTRICT_ROLES = {"District Admin", "System Manager", "Administrator"}


STAR_SHARE_FIELDS = {5: "five_star_share", 4: "four_star_share", 3: "three_star_share", 2: "two_star_share", 1: "one_star_share"}


class AssessmentStandard(CampaignDocument):
	# read by every campaign role; its DocPerms say who writes it
	scope_field = None

	def thresholds(self):
		return {"advanced": flt(self.advanced_threshold), "ordinary": flt(self.ordinary_threshold)}

	def bands(self):
		return [
			(flt(self.five_star_min), 5), (flt(self.four_star_min), 4), (flt(self.three_star_min), 3),
			(flt(self.two_star_min), 2), (flt(self.one_star_min), 1),
		]

	def levels(self):
		"""[(grade, from points)], highest first, the lowest without a threshold."""
		if cint(self.grade_levels) == 4:
			return [("Advanced", flt(self.advanced_threshold)), ("Good", flt(self.good_threshold)),
				("Ordinary", flt(self.ordinary_threshold)), ("Lagging", None)]
		return [("Advanced", flt(self.advanced_threshold)), ("Ordinary", flt(self.ordinary_threshold)), ("Lagging", None)]

	def labels(self):
		"""The grades' names: the standard's own, else the notice's (好/较好/一般/较差 for four)."""
		defaults = rules.FOUR_LEVEL_LABELS if cint(self.grade_levels) == 4 else {
			g: rules.grade_label(g, self.domain) for g in rules.GRADES}
		return {g: (self.get(f"{field}_label") or "").strip() or defaults[g]
			for g, field in (("Advanced", "advanced"), ("Good", "good"), ("Ordinary", "ordinary"), ("Lagging", "lagging"))}

	def scheme(self):
		"""The standard as the scheme ``rules.evaluate`` grades by (see ``rules.default_scheme``)."""
		return {
			"parts": [(p.part_name, flt(p.weight)) for p in self.parts],
			"items": [{"max_points": flt(i.max_points), "kind": i.item_kind or "Deduction", "part": i.part or ""}
				for i in self.items],
			"bonus_cap": flt(self.bonus_cap),
			"levels": self.levels(),
			"labels": self.labels(),
			"bands": self.bands() if self.gets_stars else [],
			"min_stars": cint(self.min_stars) if self.gets_stars else 0,
			"vetoes": [rules.veto_rule(v.code, v.description, v.kind, flt(v.threshold) if v.kind == "satisfaction" else None,
				v.effect or "Lowest Grade", v.effect_grade or None, cint(v.effect_stars)) for v in self.vetoes],
			"decimals": cint(self.total_decimals) if self.total_decimals is not None else 1,
			"rounding": self.rounding or "Half Up",
			"star_shares": {s: flt(self.get(f)) for s, f in STAR_SHARE_FIELDS.items() if flt(self.get(f))},
		}

	def as_rule(self):
		scheme = self.scheme()
		return {
			"items": None,  # checked by rules.check_scheme (parts, kinds, bonus)
			"vetoes": [v.code for v in self.vetoes],
			"veto_effects": {v["code"]: (v["kind"], v["threshold"], v["effect"], v["effect_grade"], v["effect_stars"])
				for v in scheme["vetoes"]},
			"honours": [v["code"] for v in scheme["vetoes"] if v["effect"] == "Rate Directly"],
			"thresholds": self.thresholds(),
			"levels": scheme["levels"],
			"bands": scheme["bands"],
			"min_stars": scheme["min_stars"],
			"rounding": (scheme["decimals"], scheme["rounding"]),
		}

	def validate(self):
		is_district_user = bool(DISTRICT_ROLES & set(frappe.get_roles()))
		for row in self.items:
			row.item_kind = row.item_kind or "Deduction"
		for row in self.vetoes:
			row.effect = row.effect or "Lowest Grade"
		self.total_points = float(sum(rules.dec(i.max_points) for i in self.items if i.item_kind in ("Deduction", "Rating")))
		messages = rules.check_scheme(self.scheme())
		if self.owner_unit:
			messages += self.validate_adjusted()
		elif not is_district_user:
			frappe.throw(_("只有区委组织部可以制定全区标准；上报单位请在区标准基础上制定调整版"), frappe.PermissionError)
		else:
			self.approval_status = "Approved"
		if messages:
			frappe.throw("<br>".join(dict.fromkeys(messages)), title=_("分类定级标准有误"))

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
