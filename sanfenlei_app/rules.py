"""The campaign's rules, as the notice states them.

Plain functions with no database access: controllers and hooks call them with values,
tests call them without a site.  Messages are the Chinese a user reads.
"""

ORG_LEVELS = ("District", "Reporting Unit", "Grassroots")
UNIT_KINDS = ("Street Committee", "System Committee", "Organs Committee")
GRASSROOTS_DOMAINS = (
	"Community",
	"Private Enterprise",
	"Social Organization",
	"Public Institution",
	"Remote Education Site",
)
DOMAINS = ("Street Committee",) + GRASSROOTS_DOMAINS


# ----------------------------------------------------------------- the organisation tree


def check_org_placement(org_level, unit_kind=None, domain=None, parent_level=None, parent_unit_kind=None):
	"""Return a message if an organisation cannot sit where it is placed, else None.

	The tree follows the reporting line: the district department at the root, the
	reporting units (街道党工委, 系统党委, 区直机关工委) under it, the grassroots
	organisations under a unit (possibly under a 党委/党总支 that is itself under the unit).
	Remote education sites belong only to streets (附件5: 此表仅街道填报).
	"""
	if org_level not in ORG_LEVELS:
		return "组织层级必须是区委组织部、上报单位或基层党组织之一"
	if domain and domain not in DOMAINS:
		return f"未知的领域：{domain}"
	if org_level == "District":
		if parent_level:
			return "区委组织部是组织树的根，不能有上级组织"
		if domain:
			return "区委组织部不属于任何参评领域"
		return None
	if org_level == "Reporting Unit":
		if parent_level != "District":
			return "上报单位（街道党工委、系统党委、区直机关工委）必须直属区委组织部"
		if unit_kind not in UNIT_KINDS:
			return "请选择上报单位类别：街道党工委、系统党委或区直机关工委"
		if unit_kind == "Street Committee" and domain != "Street Committee":
			return "街道党工委的领域必须是“街道党工委”"
		if unit_kind != "Street Committee" and domain:
			return "系统党委和区直机关工委本身不参加分类定级，领域应为空"
		return None
	# Grassroots
	if parent_level not in ("Reporting Unit", "Grassroots"):
		return "基层党组织必须隶属于某个上报单位（可经由党委或党总支）"
	if domain not in GRASSROOTS_DOMAINS:
		return "请为基层党组织选择领域：社区、非公企业、社会组织、机关事业单位或远程教育站点"
	if domain == "Remote Education Site" and parent_unit_kind != "Street Committee":
		return "远程教育站点只能设在街道党工委之下（此表仅街道填报）"
	return None
