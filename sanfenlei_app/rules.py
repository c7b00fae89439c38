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


# ----------------------------------------------------------------- the campaign year

# Deadlines of the notice, as (month, day) of the campaign year.
DEFAULT_DEADLINES = {
	"classification_list_due": (4, 18),  # 分类名单报区委组织部审核, 街道自评打分结果
	"street_targets_due": (4, 27),  # 街道党工委的争创目标措施
	"other_targets_due": (5, 7),  # 其他领域基层党组织的争创目标措施
	"summary_due": (12, 3),  # 年度工作总结和更新后的分类管理台账
}

# The four steps and their months (3月下旬开始, 12月上旬结束).
DEFAULT_PHASES = {
	"survey": ((3, 20), (3, 31)),  # 组织现状调查
	"grading": ((4, 1), (4, 30)),  # 分类评定级次
	"upgrading": ((4, 1), (11, 30)),  # 推动晋位升级
	"acceptance": ((12, 1), (12, 10)),  # 总结检查验收
}

# The rates judged at year end and the notice's community targets (percent).
RATE_KEYS = (
	"advanced_honour",  # 先进党组织争创全国及省市先进(示范)党组织 年提升率
	"four_star_upgrade",  # 四星级党组织升级率
	"ordinary_upgrade",  # 一般党组织争创区及以上先进(示范)党组织 年升级率
	"three_star_upgrade",
	"two_star_upgrade",
	"one_star_upgrade",
	"lagging_conversion",  # 后进党组织年转化率
	"lagging_star",  # 后进党组织创星率
)
COMMUNITY_TARGETS = {
	"advanced_honour": 10,
	"four_star_upgrade": 20,
	"ordinary_upgrade": 15,
	"three_star_upgrade": 25,
	"two_star_upgrade": 30,
	"one_star_upgrade": 35,
	"lagging_conversion": 100,
	"lagging_star": 100,
}
RATE_LABELS = {
	"advanced_honour": "先进党组织提升率",
	"four_star_upgrade": "四星级党组织升级率",
	"ordinary_upgrade": "一般党组织升级率",
	"three_star_upgrade": "三星级党组织升级率",
	"two_star_upgrade": "二星级党组织升级率",
	"one_star_upgrade": "一星级党组织升级率",
	"lagging_conversion": "后进党组织转化率",
	"lagging_star": "后进党组织创星率",
}
DOMAIN_LABELS = {
	"Street Committee": "街道党工委",
	"Community": "社区",
	"Private Enterprise": "非公企业",
	"Social Organization": "社会组织",
	"Public Institution": "机关事业单位",
	"Remote Education Site": "远程教育站点",
}


def default_other_domain_target(community_percent, margin=5):
	"""A default for another domain: above the community's, 100% at most."""
	return min(100, community_percent + margin)


def check_rate_targets(targets):
	"""``targets``: {(domain, rate_key): percent}.  Return the messages of every target
	that breaks the notice: 其他领域…提升率、升级率、转化率以及星级提升率应高于社区党组织争创目标.

	A target must lie in 0–100; another domain's must be higher than the community's,
	except where the community's is already 100% (it cannot be exceeded: equal is right).
	"""
	messages = []
	for (domain, key), value in sorted(targets.items()):
		if key not in RATE_KEYS:
			messages.append(f"未知的目标类别：{key}")
			continue
		if value is None or value < 0 or value > 100:
			messages.append(f"{DOMAIN_LABELS.get(domain, domain)}的{RATE_LABELS[key]}目标必须在0%到100%之间")
	for (domain, key), value in sorted(targets.items()):
		if domain == "Community" or key not in RATE_KEYS or value is None:
			continue
		community = targets.get(("Community", key), COMMUNITY_TARGETS[key])
		if community >= 100:
			ok = value >= 100
		else:
			ok = value > community
		if not ok:
			messages.append(
				f"{DOMAIN_LABELS.get(domain, domain)}的{RATE_LABELS[key]}目标（{value:g}%）"
				f"应高于社区党组织争创目标（{community:g}%）"
			)
	return messages


def check_campaign_dates(year, dates):
	"""``dates``: {fieldname: datetime.date or None}.  Each date lies in the campaign year
	and every phase starts before it ends."""
	messages = []
	for field, d in dates.items():
		if d is not None and d.year != year:
			messages.append(f"日期 {d.isoformat()} 不在活动年度 {year} 年内")
	for phase in DEFAULT_PHASES:
		start, end = dates.get(f"{phase}_start"), dates.get(f"{phase}_end")
		if start and end and start > end:
			messages.append(f"{PHASE_LABELS[phase]}的开始日期晚于结束日期")
	return messages


PHASE_LABELS = {
	"survey": "组织现状调查",
	"grading": "分类评定级次",
	"upgrading": "推动晋位升级",
	"acceptance": "总结检查验收",
}


# ----------------------------------------------------------------- March: status survey

# 重点调查 the six aspects (fieldname prefix, the notice's question).
SURVEY_ASPECTS = (
	("org_setup", "组织设置是否合理"),
	("leadership", "领导班子是否健全"),
	("institutions", "组织制度是否完善"),
	("affiliation", "隶属关系是否顺畅"),
	("funding", "经费场所是否保障落实"),
	("role_played", "作用发挥是否充分"),
)
# 采取…等方式开展 the survey methods (fieldname, name).
SURVEY_METHODS = (
	("method_symposium", "召开座谈会"),
	("method_home_visit", "入户走访"),
	("method_questionnaire", "问卷调查"),
	("method_interview", "个别访谈"),
	("method_case_study", "案例剖析"),
	("method_mass_evaluation", "群众测评"),
)
JUDGEMENTS = ("Yes", "Partly", "No")  # 是 / 基本是 / 否


def check_survey(values):
	"""``values``: the survey's fields.  Return the messages of what is missing."""
	messages = []
	for key, question in SURVEY_ASPECTS:
		judgement = values.get(f"{key}_judgement")
		if judgement not in JUDGEMENTS:
			messages.append(f"请对“{question}”作出判断")
		elif judgement != "Yes" and not (values.get(f"{key}_problems") or "").strip():
			messages.append(f"“{question}”判断为不完全符合，请填写发现的问题")
	if not any(values.get(field) for field, _name in SURVEY_METHODS):
		messages.append("请至少选择一种调查方式（座谈会、入户走访、问卷调查、个别访谈、案例剖析、群众测评）")
	return messages


def summarize_surveys(surveys):
	"""The figures of a reporting unit's 专题报告 from its surveys (dicts of survey fields
	plus ``organization``).  Plain counting; the caller fetches the rows in one query."""
	summary = {
		"surveyed": len(surveys),
		"aspects": [],
		"methods": [],
		"organizations_with_problems": 0,
	}
	with_problem = set()
	for key, question in SURVEY_ASPECTS:
		problems = [
			{"organization": s["organization"], "judgement": s.get(f"{key}_judgement"), "problems": (s.get(f"{key}_problems") or "").strip()}
			for s in surveys
			if s.get(f"{key}_judgement") in ("Partly", "No")
		]
		with_problem.update(p["organization"] for p in problems)
		summary["aspects"].append(
			{
				"key": key,
				"question": question,
				"count": len(problems),
				"no": sum(1 for p in problems if p["judgement"] == "No"),
				"partly": sum(1 for p in problems if p["judgement"] == "Partly"),
				"problems": problems,
			}
		)
	for field, name in SURVEY_METHODS:
		summary["methods"].append({"field": field, "name": name, "count": sum(1 for s in surveys if s.get(field))})
	summary["organizations_with_problems"] = len(with_problem)
	summary["methods_text"] = "、".join(f"{m['name']}（{m['count']}个）" for m in summary["methods"] if m["count"]) or "未记录"
	return summary
