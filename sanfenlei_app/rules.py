"""The campaign's rules, as the notice states them.

Plain functions with no database access: controllers and hooks call them with values,
tests call them without a site.  Messages are the Chinese a user reads.
"""

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

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
	"assistance_due": (5, 31),  # 后进党组织落实帮扶措施 (the district may change it)
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


# the domains on a chart's axis, where half a workspace holds about four characters a label
DOMAIN_CHART_LABELS = {"Street Committee": "街道", "Community": "社区", "Private Enterprise": "非公企业",
	"Social Organization": "社会组织", "Public Institution": "机关事业", "Remote Education Site": "远教站点"}


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

# What is due at the end of each phase (the deadline a secretary's home page shows).
PHASE_DEADLINE_FIELDS = {
	"survey": "survey_end",
	"grading": "classification_list_due",
	"upgrading": "other_targets_due",
	"acceptance": "summary_due",
}


def campaign_phase(dates, today):
	"""The phase under way on ``today`` and its deadline: (phase key or None, label, deadline).
	Grading (April) and upgrading (April–November) overlap: grading wins until it ends.
	Before the survey starts the survey is next; after acceptance ends the year is over."""
	order = ("survey", "grading", "upgrading", "acceptance")
	for phase in order:
		start, end = dates.get(f"{phase}_start"), dates.get(f"{phase}_end")
		if start and end and start <= today <= end:
			deadline = dates.get(PHASE_DEADLINE_FIELDS[phase]) or end
			if phase == "upgrading" and deadline < today:
				deadline = end
			return phase, PHASE_LABELS[phase], deadline
	first = dates.get("survey_start")
	if first and today < first:
		return "survey", f"即将开始：{PHASE_LABELS['survey']}", dates.get("survey_end")
	between = [p for p in order if dates.get(f"{p}_start") and dates[f"{p}_start"] > today]
	if between:
		nxt = between[0]
		return nxt, f"即将开始：{PHASE_LABELS[nxt]}", dates.get(PHASE_DEADLINE_FIELDS[nxt]) or dates.get(f"{nxt}_end")
	return None, "本年度活动已结束", None


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


# ----------------------------------------------------------------- April: grading
# 评分采取总分100分逐项扣分的办法进行，每个项目分值扣完为止。
# 80分以上为“先进”，60-79分为“一般”，60分以下为“后进”。
#
# The notice lets every street and system adjust 评分要点和评分办法, and districts that ran the
# campaign wrote other schemes: bonus items (加分项), weighted parts (权重), four grades
# (好/较好/一般/较差), vetoes that cap a grade or the stars, honours that rate directly, star
# conditions and a minimum star.  A standard therefore describes its *scheme* as data (a dict,
# see ``default_scheme``), and ``evaluate`` grades any scheme exactly: decimals throughout, the
# total rounded once, at the end, by the scheme's own rule.  The notice's scheme is the default.

GRADES = ("Advanced", "Good", "Ordinary", "Lagging")  # highest first; "Good" only in four-level schemes
GRADE_LABELS = {"Advanced": "先进", "Good": "较好", "Ordinary": "一般", "Lagging": "后进"}
FOUR_LEVEL_LABELS = {"Advanced": "好", "Good": "较好", "Ordinary": "一般", "Lagging": "较差"}
SITE_GRADE_LABELS = {"Advanced": "优秀站点", "Good": "较好站点", "Ordinary": "一般站点", "Lagging": "后进站点"}
FULL_MARKS = 100
DEFAULT_THRESHOLDS = {"advanced": 80.0, "ordinary": 60.0}
# (minimum total, stars), highest first: 先进 four to five stars, 一般 one to three, 后进 none.
DEFAULT_STAR_BANDS = ((90.0, 5), (80.0, 4), (73.0, 3), (66.0, 2), (60.0, 1))
STARS_OF_GRADE = {"Advanced": (4, 5), "Ordinary": (1, 3), "Lagging": (0, 0)}
NO_STAR_DOMAINS = ("Remote Education Site",)
EXCELLENT_SITE_SHARE = 0.30  # 优秀站点比例原则上不超过30%

# 评分办法 of an item: 扣分项 (points taken off, 扣完为止), 加分项 (only added, capped), 减分项
# (taken off its part, at most its points), 评分项 (a score given directly, e.g. 民主测评).
ITEM_KINDS = ("Deduction", "Bonus", "Penalty", "Rating")
ITEM_KIND_LABELS = {"Deduction": "扣分项", "Bonus": "加分项", "Penalty": "减分项", "Rating": "评分项"}
# A veto row's kind says when it applies: fact (ticked), satisfaction (below its threshold),
# condition (a 定星条件: applies when *not* met), honour (ticked: an honour won).
VETO_KINDS = ("fact", "satisfaction", "condition", "honour")
# ... and its effect: straight to the lowest grade, the grade at most, the stars at most, or
# the grade at least (an honour that rates directly).
EFFECTS = ("Lowest Grade", "Cap Grade", "Cap Stars", "Rate Directly")
ROUNDING = {"Half Up": ROUND_HALF_UP, "Down": ROUND_DOWN}
ROUNDING_LABELS = {"Half Up": "四舍五入", "Down": "舍去尾数"}

# 直接定为“后进”, per domain, as the notice lists them.  kind "fact": ticked on the sheet;
# kind "satisfaction": decided by the sheet's satisfaction figure, below `threshold` percent.
DEFAULT_VETOES = {
	"Community": [
		("C1", "党组织1年以上不开展组织生活", "fact", None),
		("C2", "近一年来出现严重群体性事件", "fact", None),
		("C3", "近一年来没有党组织书记", "fact", None),
		("C4", "没有按照公推直选程序进行换届选举", "fact", None),
		("C5", "社区党组织民主评议党员群众满意度低于60%", "satisfaction", 60.0),
	],
	"Private Enterprise": [
		("P1", "近一年来没有开展党组织活动", "fact", None),
		("P2", "近两年来党组织书记有重大违法违纪行为", "fact", None),
		("P3", "近一年来企业发生重大群体性事件", "fact", None),
	],
	"Social Organization": [
		("S1", "近两年来党组织书记和领导班子有重大违纪违法", "fact", None),
		("S2", "党组织一年以上不开展党的活动", "fact", None),
		("S3", "社会组织参与非法政治活动，并在社会上造成负面影响", "fact", None),
		("S4", "党员群众和服务对象测评满意度低于50%", "satisfaction", 50.0),
	],
	"Public Institution": [
		("G1", "近两年来党组织书记和领导班子有重大违纪违法行为", "fact", None),
		("G2", "党组织长期不换届或1年以上不开展党的活动", "fact", None),
		("G3", "近一年来单位有严重群访事件", "fact", None),
		("G4", "党员群众和服务对象测评满意度低于50%", "satisfaction", 50.0),
	],
	"Street Committee": [],
	"Remote Education Site": [],
}


def dec(value):
	"""A number as an exact decimal: 0.35 is 0.35, not 0.34999…  None counts as 0."""
	if value is None or value == "":
		return Decimal(0)
	return value if isinstance(value, Decimal) else Decimal(str(value))


def num(value):
	"""A decimal shown without trailing zeros: 87.80 → "87.8", 90 → "90"."""
	text = format(dec(value).normalize(), "f")
	return text


def grade_label(grade, domain=None, labels=None):
	"""The grade's name: the scheme's own ``labels`` if given, else the notice's (站点 names for
	remote education sites)."""
	if labels and labels.get(grade):
		return labels[grade]
	return (SITE_GRADE_LABELS if domain == "Remote Education Site" else GRADE_LABELS).get(grade, "")


def veto_rule(code, description, kind="fact", threshold=None, effect="Lowest Grade", effect_grade=None, effect_stars=None):
	"""One veto / condition / honour row of a scheme, as a dict."""
	return {"code": code, "description": description, "kind": kind or "fact", "threshold": threshold,
		"effect": effect or "Lowest Grade", "effect_grade": effect_grade, "effect_stars": effect_stars}


def default_scheme(domain=None, items=None, vetoes=None, thresholds=None, bands=None):
	"""The notice's scheme (附件1): one part of 100 points of 扣分项, 80/60 for 先进/一般/后进,
	the star bands of 通知二(二)3, the domain's 直接定为后进 vetoes, totals to 0.1 half up.

	``items``: maximum points of the items (default one item of 100); ``vetoes``: rows as
	(code, text, kind, threshold) tuples or ``veto_rule`` dicts (default the domain's);
	``thresholds``: {"advanced", "ordinary"} points; ``bands``: [(minimum, stars)] or None for
	the default bands ([] for a scheme without stars).  Returns the scheme dict ``evaluate`` takes.
	"""
	t = thresholds or DEFAULT_THRESHOLDS
	raw_vetoes = DEFAULT_VETOES.get(domain, []) if vetoes is None else vetoes
	return {
		"parts": [],
		"items": [{"max_points": p, "kind": "Deduction", "part": ""} for p in (items or [FULL_MARKS])],
		"bonus_cap": 0,
		"levels": [("Advanced", t["advanced"]), ("Ordinary", t["ordinary"]), ("Lagging", None)],
		"labels": dict(SITE_GRADE_LABELS if domain == "Remote Education Site" else GRADE_LABELS),
		"bands": list(DEFAULT_STAR_BANDS if bands is None else bands),
		"min_stars": 0,
		"vetoes": [v if isinstance(v, dict) else veto_rule(*v) for v in raw_vetoes],
		"decimals": 1,
		"rounding": "Half Up",
		"star_shares": {},
	}


def round_total(total, decimals=1, rounding="Half Up"):
	"""Round an exact total once, by the scheme's rule: ``decimals`` places (0–2), ``rounding``
	"Half Up" (四舍五入: 89.95 → 90.0) or "Down" (舍去尾数: 89.95 → 89.9).  Returns a Decimal."""
	return dec(total).quantize(Decimal(1).scaleb(-int(decimals)), rounding=ROUNDING[rounding])


def star_ranges(levels, bands):
	"""{grade: (lowest, highest stars)} as the bands fall into the grades' score ranges;
	(0, 0) for a grade no band starts in (the notice's 后进)."""
	out = {}
	upper = None
	for grade, minimum in levels:
		low = dec(minimum) if minimum is not None else Decimal("-Infinity")
		stars = [s for m, s in bands if dec(m) >= low and (upper is None or dec(m) < upper)]
		out[grade] = (min(stars), max(stars)) if stars else (0, 0)
		upper = low
	return out


def _grade_rank(levels):
	return {grade: i for i, (grade, _minimum) in enumerate(levels)}


def _entry_messages(kind, points, reason):
	word = "加分" if kind == "Bonus" else "扣分"
	if points is None or dec(points) < 0:
		return [f"{word}必须是不小于0的数"]
	if dec(points) > 0 and not (reason or "").strip():
		return [f"每一项{word}都要写明{word}理由"]
	return []


def evaluate(scheme, entries, ticked=(), satisfaction=None, domain=None):
	"""Grade one sheet under ``scheme`` (see ``default_scheme`` for its keys).

	``entries``: one element per item of the scheme, in order — for 扣分项, 加分项 and 减分项 a list
	of (points, reason), each infraction or merit on its own (points ≥ 0); for 评分项 the score
	given (points, or None while not yet given, counted as 0).  ``ticked``: codes of the fact,
	honour and condition rows ticked (a condition ticked is *met*); ``satisfaction``: percent or
	None.  Returns a dict: ``scores`` (per item, points, exact, a penalty negative), ``parts``
	[(name, points, weight %)], ``bonus`` (points counted), ``exact`` (Decimal total before
	rounding), ``total`` (float, rounded once by the scheme's rule), ``grade`` (a key of GRADES),
	``stars`` (0–5), ``vetoes`` (texts of the rows that applied), ``explanation`` (Chinese lines:
	why the total, grade and stars are what they are) and ``messages`` (what is wrong with the
	input; an entry with a negative value is not counted).  Raises nothing.
	"""
	messages, lines = [], []
	items = scheme["items"]
	part_names = [p for p, _w in scheme.get("parts") or []] or [""]
	weights = {p: dec(w) for p, w in scheme.get("parts") or []} or {"": Decimal(100)}
	base = {p: Decimal(0) for p in part_names}
	penalty = {p: Decimal(0) for p in part_names}
	scores, bonus = [], Decimal(0)
	for n, (item, given) in enumerate(zip(items, entries), 1):
		kind, top = item.get("kind") or "Deduction", dec(item["max_points"])
		part = item.get("part") if item.get("part") in base else part_names[0]
		if kind == "Rating":
			value = dec(given)
			if given is not None and not 0 <= value <= top:
				messages.append(f"第{n}项评分应在0到{num(top)}分之间")
				value = min(max(value, Decimal(0)), top)
			scores.append(value)
			base[part] += value
			continue
		counted = Decimal(0)
		for points, reason in given or []:
			problems = _entry_messages(kind, points, reason)
			messages += problems
			if not problems or "理由" in problems[0]:
				counted += dec(points) if points is not None and dec(points) >= 0 else 0
		if kind == "Deduction":
			score = max(Decimal(0), top - counted)
			if counted > top:
				lines.append(f"第{n}项扣分合计{num(counted)}分，超过该项分值{num(top)}分，扣完为止，计0分")
			base[part] += score
		elif kind == "Bonus":
			score = min(top, counted)
			if counted > top:
				lines.append(f"第{n}项加分{num(counted)}分，超过该项上限{num(top)}分，按{num(top)}分计")
			bonus += score
		else:  # Penalty
			score = -min(top, counted)
			penalty[part] += -score
		scores.append(score)
	if satisfaction is not None and not 0 <= dec(satisfaction) <= 100:
		messages.append("满意度必须在0%到100%之间")

	exact, parts = Decimal(0), []
	for p in part_names:
		points = max(Decimal(0), base[p] - penalty[p])
		exact += points * weights[p] / 100
		parts.append((p, points, weights[p]))
		minus = f" − 减分{num(penalty[p])}分 = {num(points)}分" if penalty[p] else ""
		if len(part_names) > 1 or weights[p] != 100:
			lines.append(f"{p or '基本分'}：{num(base[p])}分{minus}，权重{num(weights[p])}% → {num(points * weights[p] / 100)}分")
		else:
			lines.append(f"各评分项目得分合计{num(base[p])}分{minus}")
	cap = dec(scheme.get("bonus_cap"))
	if bonus:
		counted_bonus = min(bonus, cap)
		lines.append(f"加分{num(bonus)}分" + (f"，超过加分上限{num(cap)}分，按{num(cap)}分计" if bonus > cap else "") + "，直接计入总分")
		bonus = counted_bonus
		exact += bonus
	decimals, rounding = int(scheme.get("decimals", 1)), scheme.get("rounding") or "Half Up"
	total = round_total(exact, decimals, rounding)
	lines.append(f"总分{num(exact)}分，按{ROUNDING_LABELS[rounding]}保留{decimals}位小数为{num(total)}分")

	levels = scheme["levels"]
	labels = scheme.get("labels") or GRADE_LABELS
	rank = _grade_rank(levels)
	grade = next((g for g, m in levels if m is not None and total >= dec(m)), levels[-1][0])
	by_score = grade
	minimum = dict(levels)[grade]
	lines.append(f"{num(total)}分" + (f"达到{labels[grade]}分数线{num(minimum)}分" if minimum is not None
		else f"低于{labels[levels[-2][0]]}分数线{num(levels[-2][1])}分") + f"：{labels[grade]}")

	ticked = set(ticked)
	applied = []
	for v in scheme.get("vetoes") or []:
		if v["kind"] == "satisfaction":
			hit = satisfaction is not None and v.get("threshold") is not None and dec(satisfaction) < dec(v["threshold"])
		elif v["kind"] == "condition":
			hit = v["code"] not in ticked
		else:
			hit = v["code"] in ticked
		if hit:
			applied.append(v)
	# honours first (they raise), then the vetoes (they lower): a veto wins over an honour
	for v in sorted(applied, key=lambda v: v["effect"] != "Rate Directly"):
		effect, target = v["effect"], v.get("effect_grade")
		if effect == "Rate Directly" and target in rank and rank[target] < rank[grade]:
			grade = target
			lines.append(f"{v['description']}：直接定为{labels[grade]}")
		elif effect == "Lowest Grade":
			grade = levels[-1][0]
			lines.append(f"{'未具备' if v['kind'] == 'condition' else ''}{v['description']}：直接定为{labels[grade]}")
		elif effect == "Cap Grade" and target in rank and rank[target] > rank[grade]:
			grade = target
			lines.append(f"{'未具备' if v['kind'] == 'condition' else ''}{v['description']}：等次最高为{labels[grade]}")

	bands = [] if domain in NO_STAR_DOMAINS else list(scheme.get("bands") or [])
	stars = 0
	if bands:
		ranges = star_ranges(levels, bands)
		stars = next((s for m, s in sorted(bands, key=lambda b: -dec(b[0])) if total >= dec(m)), 0)
		low, high = ranges[grade]
		if grade != by_score or not low <= stars <= high:
			stars = min(max(stars, low), high)
			span = STAR_WORDS[low] if low == high else f"{STAR_WORDS[low]}至{STAR_WORDS[high]}"
			lines.append(f"{labels[grade]}的星级为{span}：{STAR_WORDS[stars]}" if high else f"{labels[grade]}不予确定星级等次")
		elif stars:
			lines.append(f"{num(total)}分在{STAR_WORDS[stars]}分数段（{num(dict((s, m) for m, s in bands)[stars])}分以上）：{STAR_WORDS[stars]}")
		floor = int(scheme.get("min_stars") or 0)
		if stars < floor:
			stars = floor
			lines.append(f"每个党组织至少评为{STAR_WORDS[floor]}")
		for v in applied:
			if v["effect"] == "Cap Stars" and v.get("effect_stars") is not None and stars > int(v["effect_stars"]):
				stars = int(v["effect_stars"])
				lines.append(f"{'未具备' if v['kind'] == 'condition' else ''}{v['description']}：星级最高为{STAR_WORDS[stars]}")
				if stars < ranges[grade][0]:
					grade = next((g for g in rank if ranges[g][0] <= stars <= ranges[g][1] and ranges[g][1]), levels[-1][0])
					lines.append(f"{STAR_WORDS[stars]}属于{labels[grade]}：定为{labels[grade]}")
	return {
		"scores": [float(s) for s in scores],
		"parts": [(p, float(points), float(w)) for p, points, w in parts],
		"bonus": float(bonus),
		"exact": exact,
		"total": float(total),
		"grade": grade,
		"stars": stars,
		"vetoes": [("未具备：" if v["kind"] == "condition" else "") + v["description"] for v in applied
			if v["effect"] != "Rate Directly"],
		"honours": [v["description"] for v in applied if v["effect"] == "Rate Directly"],
		"explanation": lines,
		"messages": sorted(set(messages), key=messages.index),
	}


STAR_WORDS = {0: "无星级", 1: "一星级", 2: "二星级", 3: "三星级", 4: "四星级", 5: "五星级"}


def item_score(max_points, deductions):
	"""逐项扣分，扣完为止: (score, messages) of one 扣分项.  ``deductions``: [(points, reason)];
	the score is exact (no rounding) and never below 0."""
	result = evaluate({"items": [{"max_points": max_points}], "levels": [("Ordinary", 0), ("Lagging", None)], "bands": []},
		[deductions])
	return result["scores"][0], result["messages"]


def grade_sheet(items, vetoes=(), ticked=(), satisfaction=None, domain=None, thresholds=None, bands=None):
	"""Grade one sheet under the notice's scheme (``default_scheme``).  ``items``:
	[(max_points, [(points, reason)])]; ``vetoes``: (code, text, kind, threshold) rows.
	Returns ``evaluate``'s dict."""
	scheme = default_scheme(domain, [m for m, _d in items], list(vetoes), thresholds, bands)
	return evaluate(scheme, [d for _m, d in items], ticked, satisfaction, domain)


def shares_adding_to_100(counts):
	"""Shares of ``counts`` (ints that partition their sum) in percent to 0.1, adding to exactly
	100.0: each share is rounded down to 0.1 and the tenths left over go to the largest remainders
	(the earlier column on a tie).  One in each of three grades: [33.4, 33.3, 33.3].  Returns a
	list of Decimals, or Nones when the sum is 0."""
	total = sum(counts)
	if not total:
		return [None for _c in counts]
	exact = [Decimal(c) * 1000 / total for c in counts]  # in tenths of a percent
	floors = [int(e) for e in exact]
	left = 1000 - sum(floors)
	order = sorted(range(len(counts)), key=lambda i: (-(exact[i] - floors[i]), i))
	for i in order[:left]:
		floors[i] += 1
	return [Decimal(f) / 10 for f in floors]


def check_star_shares(counts, total, shares, exception=False):
	"""星级比例: ``counts`` {stars: organisations}, ``total`` organisations graded, ``shares``
	{stars: intended percent}.  Returns the messages of the star levels over their intended
	share (none with a recorded ``exception``), as the 30% rule for remote sites warns."""
	if exception or not total:
		return []
	out = []
	for stars, intended in sorted(shares.items(), reverse=True):
		if intended and counts.get(stars, 0) * 100 > dec(intended) * total:
			out.append(f"{STAR_WORDS[stars]}党组织{counts.get(stars, 0)}个，占{total}个的"
				f"{Decimal(counts.get(stars, 0) * 100) / total:.1f}%，超过预期比例{num(intended)}%；如确需超过，须登记例外")
	return out


PHASE_ORDER = {"Initial": 0, "Year End": 1}  # 分类评定级次 (4月) before 总结检查验收 (12月)


def current_grading(approved):
	"""The grade and stars an organisation holds now: its latest approved result.

	Takes ``approved``, an iterable of dicts with ``year`` (int, the campaign year),
	``phase`` ("Initial" or "Year End"), ``grade`` and ``stars`` (0-5), one per approved
	(not revoked) grading sheet of the organisation.  Returns the latest by year, the
	December re-grading after April's (通知二(四): 重新评定级次和划分“星级”), or None when
	there is none.  Raises nothing; an unknown phase counts as April's.
	"""
	latest = max(approved, key=lambda r: (int(r["year"] or 0), PHASE_ORDER.get(r["phase"], 0)), default=None)
	return latest


def check_stars_decision(grade, stars, reason, domain=None, scheme=None):
	"""The superior may set the stars within the band of the grade (of ``scheme``, default the
	notice's), with a reason.  Returns the messages (empty when the decision stands)."""
	if domain in NO_STAR_DOMAINS:
		return [] if not stars else ["远程教育站点不评定星级"]
	scheme = scheme or default_scheme(domain)
	labels = scheme.get("labels") or GRADE_LABELS
	if grade not in dict(scheme["levels"]):
		return [f"本标准没有“{grade_label(grade, domain)}”这一等次"]
	low, high = star_ranges(scheme["levels"], scheme.get("bands") or [])[grade]
	floor = int(scheme.get("min_stars") or 0)
	low, high = max(low, floor) if high else floor, max(high, floor)
	if not low <= (stars or 0) <= high:
		if not high:
			return [f"{labels[grade]}党组织不予确定星级等次"]
		return [f"{labels[grade]}党组织只能评定为{low}至{high}星级"]
	if not (reason or "").strip():
		return ["调整星级须写明理由"]
	return []


# ----------------------------------------------------------------- standards


def check_standard_items(max_points):
	"""Maximum points of a standard's items sum to exactly 100."""
	messages = []
	if any(p is None or p <= 0 for p in max_points):
		messages.append("每个评分项目的分值必须大于0")
	total = sum(dec(p) for p in max_points if p is not None)
	if total != FULL_MARKS:
		messages.append(f"各评分项目分值合计应为100分，现为{num(total)}分")
	return messages


def part_of(item, names):
	"""The part an item counts in: its own if the scheme has it, else the first ("" without parts)."""
	return item.get("part") if item.get("part") in names else (names[0] if names else "")


def check_scheme(scheme):
	"""What is wrong with a scheme (``default_scheme``'s keys), as messages; empty when a sheet
	can be graded by it.  Each part's 扣分项 and 评分项 sum to 100 points (the whole standard's,
	without parts); the parts' weights to 100%; a 加分项 needs a bonus cap above 0; thresholds
	fall from the highest grade; star bands agree with the grades; every veto has its effect."""
	messages = []
	items = scheme["items"]
	parts = scheme.get("parts") or []
	if any(i.get("kind") not in ITEM_KINDS for i in items):
		messages.append("评分办法只能是扣分项、加分项、减分项或评分项")
	if any(i.get("max_points") is None or dec(i["max_points"]) <= 0 for i in items):
		messages.append("每个评分项目的分值必须大于0")
	names = [p for p, _w in parts]
	unknown = sorted({i.get("part") for i in items if i.get("part") and i.get("part") not in names})
	if unknown:
		messages.append("评分项目的所属部分" + "、".join(f"“{p}”" for p in unknown) + "不在本标准的组成部分中")
	if len(names) != len(set(names)) or any(not (p or "").strip() for p in names):
		messages.append("各部分须有名称且不能重复")
	if parts and sum(dec(w) for _p, w in parts) != 100:
		messages.append(f"各部分权重合计应为100%，现为{num(sum(dec(w) for _p, w in parts))}%")
	for p in names or [""]:
		mine = [i for i in items if part_of(i, names) == p]
		points = sum(dec(i["max_points"]) for i in mine if i.get("kind") in ("Deduction", "Rating") and i.get("max_points"))
		if points != FULL_MARKS:
			where = f"“{p}”部分" if p else "各"
			messages.append(f"{where}扣分项和评分项的分值合计应为100分，现为{num(points)}分")
	has_bonus = any(i.get("kind") == "Bonus" for i in items)
	if has_bonus and dec(scheme.get("bonus_cap")) <= 0:
		messages.append("有加分项时须填写加分上限（大于0分）")
	if not 0 <= int(scheme.get("decimals", 1)) <= 2 or (scheme.get("rounding") or "Half Up") not in ROUNDING:
		messages.append("总分保留0至2位小数，取舍办法为四舍五入或舍去尾数")
	levels = scheme["levels"]
	messages += check_levels_and_bands(levels, scheme.get("bands") or [], scheme.get("labels"))
	grades = {g for g, _m in levels}
	for v in scheme.get("vetoes") or []:
		if v["kind"] not in VETO_KINDS or v["effect"] not in EFFECTS:
			messages.append(f"“{v['description']}”的类别或效力无效")
		elif v["effect"] in ("Cap Grade", "Rate Directly") and v.get("effect_grade") not in grades:
			messages.append(f"“{v['description']}”须选择本标准的一个等次")
		elif v["effect"] == "Cap Stars" and not 0 <= int(v["effect_stars"] if v.get("effect_stars") is not None else -1) <= 4:
			messages.append(f"“{v['description']}”须填写最高星级（0至4）")
		if v["kind"] == "satisfaction" and not 0 < dec(v.get("threshold")) <= 100:
			messages.append(f"“{v['description']}”须填写0到100之间的满意度界限")
	codes = [v["code"] for v in scheme.get("vetoes") or []]
	if len(codes) != len(set(codes)):
		messages.append("一票否决、定星条件和荣誉的编号不能重复")
	if not 0 <= int(scheme.get("min_stars") or 0) <= 5:
		messages.append("最低星级应在0至5之间")
	shares = scheme.get("star_shares") or {}
	if any(not 0 <= dec(v) <= 100 for v in shares.values()) or sum(dec(v) for v in shares.values()) > 100:
		messages.append("各星级的预期比例应在0%到100%之间，合计不超过100%")
	return messages


def check_levels_and_bands(levels, bands, labels=None):
	"""Thresholds fall from the highest grade (three or four grades); with stars, each star level
	has one band, the bands fall with the stars and every band lies inside one grade, a grade's
	lowest band starting at its threshold so that none of its organisations is without stars."""
	thresholds = [dec(m) for _g, m in levels[:-1]]
	if len(levels) not in (3, 4) or any(m is None for _g, m in levels[:-1]) or levels[-1][1] is not None:
		return ["等次应为三级或四级，除最低一级外各有分数线"]
	if not all(a > b for a, b in zip(thresholds, thresholds[1:])) or not 0 < thresholds[-1] or thresholds[0] > FULL_MARKS:
		if len(levels) == 3:
			return ["等次分数线应满足：0 < 一般 < 先进 ≤ 100"]
		return ["等次分数线应由高到低递减，且在0到100分之间"]
	if not bands:
		return []
	if len(levels) == 3:
		return check_thresholds_and_bands({"advanced": levels[0][1], "ordinary": levels[1][1]}, bands)
	messages = []
	ordered = sorted(bands, key=lambda b: -dec(b[0]))
	if sorted(s for _m, s in bands) != [1, 2, 3, 4, 5]:
		return ["星级分数段应为一至五星各一段"]
	if [s for _m, s in ordered] != [5, 4, 3, 2, 1]:
		messages.append("星级分数段应随星级由高到低递减")
	minima = {dec(m) for m, _s in bands}
	for g, m in levels[:-1]:
		if dec(m) not in minima:
			messages.append(f"“{grade_label(g, labels=labels)}”等次的分数线（{num(m)}分）应是某一星级的起点分，否则该等次部分党组织没有星级")
	if min(minima) < thresholds[-1]:
		messages.append(f"一星级起点分不能低于最低合格分数线（{num(thresholds[-1])}分）")
	return messages


def check_thresholds_and_bands(thresholds, bands):
	"""Bands must agree with the grades: 先进 four or five stars, 一般 one to three."""
	messages = []
	adv, ordi = thresholds["advanced"], thresholds["ordinary"]
	if not 0 < ordi < adv <= FULL_MARKS:
		messages.append("等次分数线应满足：0 < 一般 < 先进 ≤ 100")
		return messages
	bands = sorted(bands, key=lambda b: -b[0])
	if sorted(b[1] for b in bands) != [1, 2, 3, 4, 5]:
		messages.append("星级分数段应为一至五星各一段")
		return messages
	for minimum, stars in bands:
		if stars >= 4 and minimum < adv:
			messages.append(f"{stars}星级的起点分（{minimum:g}）低于先进分数线（{adv:g}），一般党组织不能评为四星以上")
		if stars <= 3 and minimum >= adv:
			messages.append(f"{stars}星级的起点分（{minimum:g}）不低于先进分数线（{adv:g}），先进党组织不能少于四星")
		if stars <= 3 and minimum < ordi:
			messages.append(f"{stars}星级的起点分（{minimum:g}）低于一般分数线（{ordi:g}），后进党组织不予定星")
	if [b[1] for b in bands] != [5, 4, 3, 2, 1]:
		messages.append("星级分数段应随星级由高到低递减")
	four = next(m for m, s in bands if s == 4)
	one = next(m for m, s in bands if s == 1)
	if four != adv:
		messages.append(f"四星级起点分应等于先进分数线（{adv:g}分），否则部分先进党组织没有星级")
	if one != ordi:
		messages.append(f"一星级起点分应等于一般分数线（{ordi:g}分），否则部分一般党组织没有星级")
	return messages


def check_adjusted_standard(district, adjusted):
	"""A unit's adjusted version may change items and add vetoes, not remove the district's
	vetoes nor change thresholds, grades or star rules.  Both: dict(items=[points], vetoes=[codes],
	thresholds=dict, bands=[(min, stars)]) and, for a scheme, ``levels``, ``min_stars``,
	``rounding`` and ``veto_effects`` {code: effect}; the item points are checked by the caller's
	``check_scheme`` when ``items`` is None."""
	messages = check_standard_items(adjusted["items"]) if adjusted.get("items") is not None else []
	missing = [c for c in district["vetoes"] if c not in adjusted["vetoes"]]
	if missing:
		messages.append("调整版不能删除区委组织部规定的直接定为后进情形：" + "、".join(missing))
	changed = [c for c, e in (district.get("veto_effects") or {}).items()
		if c in (adjusted.get("veto_effects") or {}) and adjusted["veto_effects"][c] != e]
	if changed:
		messages.append("调整版不能改变区委组织部规定的一票否决的类别、界限或效力：" + "、".join(changed))
	added_honours = [c for c in adjusted.get("honours") or [] if c not in (district.get("honours") or [])]
	if added_honours:
		messages.append("直接评定等次的荣誉只能由区委组织部规定，调整版不能增加：" + "、".join(added_honours))
	if adjusted["thresholds"] != district["thresholds"] or adjusted.get("levels") != district.get("levels"):
		messages.append("调整版不能改变先进、一般、后进的分数线")
	if sorted(adjusted["bands"]) != sorted(district["bands"]) or adjusted.get("min_stars") != district.get("min_stars"):
		messages.append("调整版不能改变星级分数段")
	if adjusted.get("rounding") != district.get("rounding"):
		messages.append("调整版不能改变总分的取舍办法")
	return messages


def check_excellent_site_share(excellent, total, exception=False):
	"""优秀站点比例原则上不超过30%: over it needs a District Admin's recorded exception."""
	if total and excellent / total > EXCELLENT_SITE_SHARE and not exception:
		return (
			f"优秀站点{excellent}个，占站点总数{total}个的{excellent * 100 / total:.1f}%，超过30%；"
			"如确需超过，须由区委组织部登记例外"
		)
	return None


# ----------------------------------------------------------------- April to November: milestones
# 推动晋位升级 (4月至11月): each measure of an upgrade plan is a milestone — what, who, by when — and
# the secretary reports its progress with evidence; the unit watches them by quarter.

MILESTONE_STATUSES = ("Not Started", "In Progress", "Done")
MILESTONE_STATUS_LABELS = {"Not Started": "未开始", "In Progress": "进行中", "Done": "已完成"}
DUE_SOON_DAYS = 7  # a milestone is brought to the secretary's notice a week before its date


def quarter_of(day):
	"""The quarter (1-4) of a date."""
	return (day.month - 1) // 3 + 1


def milestone_is_overdue(status, due_date, today):
	"""A milestone not done whose date has passed (the day itself is still in time)."""
	return status != "Done" and due_date is not None and due_date < today


def milestone_due_in(status, due_date, today):
	"""Days until a milestone not done is due (negative: overdue), None when done or undated."""
	if status == "Done" or due_date is None:
		return None
	return (due_date - today).days


def check_milestone(measure, responsible, due_date, year):
	"""A milestone's own checks: the measure and who carries it out are written, and its date
	falls in the campaign ``year`` (int).  Returns the Chinese messages (empty when it stands)."""
	messages = []
	if not (measure or "").strip():
		messages.append("请填写措施内容")
	if not (responsible or "").strip():
		messages.append("请填写责任人")
	if due_date is not None and due_date.year != year:
		messages.append(f"完成时限须在{year}年内（活动年度）")
	return messages


def status_after_report(reported_status):
	"""The milestone's status after a progress report: 已完成 when the report says so, else 进行中."""
	return "Done" if reported_status == "Done" else "In Progress"


def check_report_date(reported_on, year, today):
	"""A progress report is dated in its campaign ``year`` and not after ``today``.  Returns the
	Chinese messages (empty when it stands)."""
	messages = []
	if reported_on.year != year:
		messages.append(f"报告日期须在{year}年内（活动年度）")
	if reported_on > today:
		messages.append("报告日期不能晚于今天")
	return messages


def status_from_reports(reports):
	"""(status, last report date) of a milestone from its progress reports (dicts with status,
	reported_on and creation): the latest by date (then by entry) says where it stands — 已完成
	or 进行中; with no report it has not started."""
	if not reports:
		return "Not Started", None
	latest = max(reports, key=lambda r: (r["reported_on"], r["creation"]))
	return status_after_report(latest["status"]), max(r["reported_on"] for r in reports)


def check_due_date_change(old, new, status, today, may_extend):
	"""Who may move a milestone's date: the organisation itself while the date is ahead (or to an
	earlier date); once it has passed undone, only the superior (``may_extend``) — an overdue
	measure is not made on time by moving its date.  Returns the Chinese message, or None."""
	if new >= old and status != "Done" and old < today and not may_extend:
		return "这项措施已逾期，书记不能自行推迟完成时限：请报所在街道（系统）党委调整"
	return None


def next_due(milestones, today):
	"""The milestone due next among ``milestones`` (dicts with status and due_date): the earliest
	not done (overdue ones first, as they come earliest), or None."""
	open_ = [m for m in milestones if m["status"] != "Done" and m.get("due_date")]
	return min(open_, key=lambda m: m["due_date"], default=None)


def quarter_progress(milestones, today):
	"""Milestones counted by the quarter of their date: {quarter: {"due", "done", "overdue",
	"reported"}} for quarters 1-4, where ``milestones`` are dicts with status, due_date and
	reports (the number of progress reports).  ``done`` counts those done whatever their date,
	``overdue`` those past their date and not done on ``today``."""
	out = {q: {"due": 0, "done": 0, "overdue": 0, "reported": 0} for q in (1, 2, 3, 4)}
	for m in milestones:
		q = out[quarter_of(m["due_date"])]
		q["due"] += 1
		q["done"] += m["status"] == "Done"
		q["overdue"] += milestone_is_overdue(m["status"], m["due_date"], today)
		q["reported"] += bool(m.get("reports"))
	return out


# ----------------------------------------------------------------- 承诺—践诺—评诺
# 通知二(四): 召开党员群众代表会议，对自查初评情况进行满意度测评 — the members' and the masses'
# representatives rate how the organisation kept its commitments; the share satisfied is the
# Year End sheet's satisfaction, which a domain's veto compares with its threshold (社区 60%, …).


def satisfaction_percent(satisfied, basic, unsatisfied):
	"""The satisfaction of a rating meeting: (满意 + 基本满意) / all ratings, in percent with one
	decimal (half up), from the counts of each group summed (members and masses); None when
	nobody rated.  Raises ValueError (Chinese) for a negative count."""
	counts = [int(satisfied or 0), int(basic or 0), int(unsatisfied or 0)]
	if any(c < 0 for c in counts):
		raise ValueError("票数不能为负数")
	total = sum(counts)
	if not total:
		return None
	return float((dec(counts[0] + counts[1]) * 100 / dec(total)).quantize(dec("0.1"), rounding=ROUND_HALF_UP))


def check_fulfilment(commitment_confirmed, what_done):
	"""A fulfilment record (践诺) is kept for a commitment once it is confirmed and public, and says
	what was done.  Returns the Chinese messages (empty when it stands)."""
	messages = []
	if not commitment_confirmed:
		messages.append("承诺书经书记（党员本人）确认公示后，才能记录践诺情况")
	if not (what_done or "").strip():
		messages.append("请写明践诺的具体情况")
	return messages


# ----------------------------------------------------------------- December: the rates
# Start = the organisation's approved Initial grade and stars; end = its approved Year End
# result.  An organisation with a start but no approved end counts as not upgraded and is
# listed as missing; a zero denominator shows "—".

GRADE_RANK = {"Lagging": 0, "Ordinary": 1, "Good": 2, "Advanced": 3}  # higher is better
HONOURS = ("national", "provincial", "municipal", "district")  # 全国 / 省 / 市 / 区 先进(示范)党组织
HIGHER_HONOURS = ("national", "provincial", "municipal")

# rate -> (who is in the denominator at the start, who counts in the numerator at the end)
RATE_DEFINITIONS = {
	"advanced_honour": (
		lambda r: r["start_grade"] == "Advanced",
		lambda r: r.get("honour") in HIGHER_HONOURS,
	),
	"four_star_upgrade": (
		lambda r: r["start_grade"] != "Lagging" and r["start_stars"] == 4,
		lambda r: (r.get("end_stars") or 0) >= 5,
	),
	"ordinary_upgrade": (  # 一般 (and 较好 of a four-level scheme): up by a grade, or an honour
		lambda r: r["start_grade"] in ("Ordinary", "Good"),
		lambda r: GRADE_RANK.get(r.get("end_grade"), -1) > GRADE_RANK[r["start_grade"]] or r.get("honour") in HONOURS,
	),
	"three_star_upgrade": (
		lambda r: r["start_grade"] != "Lagging" and r["start_stars"] == 3,
		lambda r: (r.get("end_stars") or 0) > 3,
	),
	"two_star_upgrade": (
		lambda r: r["start_grade"] != "Lagging" and r["start_stars"] == 2,
		lambda r: (r.get("end_stars") or 0) > 2,
	),
	"one_star_upgrade": (
		lambda r: r["start_grade"] != "Lagging" and r["start_stars"] == 1,
		lambda r: (r.get("end_stars") or 0) > 1,
	),
	"lagging_conversion": (
		lambda r: r["start_grade"] == "Lagging",
		lambda r: r.get("end_grade") in ("Ordinary", "Good", "Advanced"),
	),
	"lagging_star": (
		lambda r: r["start_grade"] == "Lagging",
		lambda r: (r.get("end_stars") or 0) >= 1,
	),
}


def format_rate(value):
	return "—" if value is None else f"{value:.1f}%"


def compute_rates(records, targets=None):
	"""``records``: one dict per organisation with an approved start: organization,
	start_grade, start_stars, and, when approved at year end, end_grade, end_stars;
	``honour``: the highest honour won this year (or None).  A record may stand for
	``count`` organisations alike (the reports count them in SQL); only those without a
	year-end result are named, one record each.  ``targets``: {rate: percent}.
	Returns {rate: dict(label, numerator, denominator, value (percent, one decimal, or None),
	display, target, met (bool or None), pending, missing)}: a rate whose population has no
	year-end result at all yet is ``pending`` (value None, shown as 待年终验收, neither met nor
	missed) — before December nothing is "0.0% 未达到"."""
	targets = targets or {}
	tally = {key: [0, 0, [], 0] for key in RATE_KEYS}  # numerator, denominator, missing, with a year-end result
	checks = [(tally[key], *RATE_DEFINITIONS[key]) for key in RATE_KEYS]
	for r in records:  # one pass over the organisations (or groups of alike ones)
		ended = bool(r.get("end_grade"))
		n = r.get("count", 1)
		for t, in_population, upgraded in checks:
			if in_population(r):
				t[1] += n
				if not ended:
					t[2].append(r["organization"])
				else:
					t[3] += n
					if upgraded(r):
						t[0] += n
	out = {}
	for key in RATE_KEYS:
		numerator, denominator, missing, ended = tally[key]
		pending = bool(denominator) and not ended  # 总结检查验收 has not reached any of them yet
		value = round(numerator * 100 / denominator, 1) if denominator and not pending else None
		target = targets.get(key)
		out[key] = {
			"label": RATE_LABELS[key],
			"numerator": numerator,
			"denominator": denominator,
			"value": value,
			"display": PENDING if pending else format_rate(value),
			"target": target,
			"met": None if value is None or target is None else value >= target,
			"pending": pending,
			"missing": missing,
		}
	return out


PENDING = "待年终验收"


def met_word(rate, met="达到", missed="未达到", none="—"):
	"""What a rate of ``compute_rates`` says against its target: 达到 / 未达到, 待年终验收 while no
	organisation of its population has a year-end result (April to November), "—" when there is
	nothing to compare (no population or no target)."""
	if rate.get("pending"):
		return PENDING
	return none if rate["met"] is None else (met if rate["met"] else missed)


# ----------------------------------------------------------------- April to November: upgrade plans
# 先进党组织重在巩固提高 … 争创全国及省市先进(示范)党组织；一般党组织 … 力争进入先进党组织行列；
# 后进党组织重在整顿转化。街道党工委的争创目标措施 4月27日前报区委组织部审核；其他领域 5月7日前
# 按照隶属关系由所在街道党工委、系统党委和区直机关工委审核。

MEASURES_MAX_CHARS = 150  # “升级措施”栏填主要措施，字数不超过150字
STAR_LABELS = {1: "一星级", 2: "二星级", 3: "三星级", 4: "四星级", 5: "五星级"}


def plan_due_date(domain, street_due, other_due):
	"""When an organisation's targets and measures are due for review."""
	return street_due if domain == "Street Committee" else other_due


def plan_reviewer(domain):
	"""Who reviews the plan: the district for a street committee, else the reporting unit."""
	return "District" if domain == "Street Committee" else "Reporting Unit"


def check_measures(measures):
	text = (measures or "").strip()
	if not text:
		return ["请填写整改（升级）措施"]
	if len(text) > MEASURES_MAX_CHARS:
		return [f"升级措施只填主要措施，不超过{MEASURES_MAX_CHARS}字（现为{len(text)}字），详细内容请写入“详细方案”"]
	return []


def check_upgrade_plan(start_grade, start_stars, target_grade=None, target_stars=None, target_honour=None,
		measures=None, plan_text=None, deadline=None, year=None, domain=None):
	"""Return the messages that keep a plan from going to review (empty when it may).

	``start_grade``/``start_stars``: April's approved result (None for a reporting unit
	that is not graded itself); dates are ``datetime.date``."""
	messages = check_measures(measures)
	if not deadline:
		messages.append("请填写升级时限")
	elif year and deadline.year != year:
		messages.append(f"升级时限必须在{year}年内")
	if target_honour and target_honour not in HONOURS:
		messages.append(f"未知的荣誉等级：{target_honour}")
	if target_grade and target_grade not in ("Advanced", "Ordinary"):
		messages.append("争创目标只能是“先进”或“一般”")
		return messages
	stars = target_stars or 0
	if domain in NO_STAR_DOMAINS and stars:
		messages.append("远程教育站点不评定星级")
	elif stars:
		if not 1 <= stars <= 5:
			messages.append("目标星级必须在一至五星级之间")
		elif target_grade and not STARS_OF_GRADE[target_grade][0] <= stars <= STARS_OF_GRADE[target_grade][1]:
			low, high = STARS_OF_GRADE[target_grade]
			messages.append(f"{GRADE_LABELS[target_grade]}党组织的星级只能是{low}至{high}星级")
		elif start_stars and stars < start_stars:
			messages.append(f"目标星级不能低于现有的{STAR_LABELS.get(start_stars, start_stars)}")
	if start_grade == "Advanced":
		if target_grade and target_grade != "Advanced":
			messages.append("先进党组织的目标不能低于“先进”")
		higher = target_honour in HIGHER_HONOURS or (stars and stars > (start_stars or 0))
		if not higher and domain not in NO_STAR_DOMAINS:
			messages.append("先进党组织重在巩固提高：目标应为争创全国及省市先进（示范）党组织，或提升星级")
	elif start_grade == "Ordinary":
		if target_grade != "Advanced" and target_honour not in HONOURS:
			messages.append("一般党组织力争进入先进行列：争创目标应为“先进”，或区级及以上先进（示范）党组织")
		if stars and start_stars and stars <= start_stars and target_grade != "Advanced":
			messages.append("目标星级应高于现有星级")
	elif start_grade == "Lagging":
		if target_grade not in ("Ordinary", "Advanced"):
			messages.append("后进党组织重在整顿转化：争创目标应为“一般”或“先进”")
		if not (plan_text or "").strip():
			messages.append("后进党组织必须提交整顿转化方案（详细方案）")
	return messages


def check_letter_signature(side, signer_may_sign, plan_approved, already_signed_by=None):
	"""目标责任书 逐级签订: the organisation signs with its superior once the plan is approved."""
	side_label = "本组织" if side == "organization" else "上级党组织"
	if not plan_approved:
		return ["争创目标经上级审核通过后，才能签订目标责任书"]
	if already_signed_by:
		return [f"{side_label}已由 {already_signed_by} 签订，不能重复签订"]
	if not signer_may_sign:
		return [f"您不能代表{side_label}签订这份目标责任书"]
	return []


# ----------------------------------------------------------------- public commitments (附件7、8)

ORG_COMMITMENT_NOTE = "注：承诺书一式若干份，党组织成员人手一份，公示一份，上级党组织留存一份，本级党组织留存两份。"
MEMBER_COMMITMENT_NOTE = "注：承诺书一式三份，本人留存一份，党组织存档一份，公示一份。涉及本人签名部分必须由本人签名。"


def commitment_note(kind):
	"""The note under 附件7 (``organization``) or 附件8 (``member``); the print formats call it
	(a Jinja method in hooks.py), so the note is written once."""
	return MEMBER_COMMITMENT_NOTE if kind == "member" else ORG_COMMITMENT_NOTE


def check_member_confirmation(member_user, confirming_user):
	"""涉及本人签名部分必须由本人签名."""
	if not member_user:
		return ["这份承诺书还没有指定党员本人的账号，无法确认"]
	if member_user != confirming_user:
		return ["涉及本人签名部分必须由本人签名：只有党员本人登录后才能确认这份承诺书"]
	return []


# ----------------------------------------------------------------- December: the unit's annual summary


def grade_movements(records):
	"""Count organisations that moved up, stayed, moved down or have no year-end result.
	``records`` as for ``compute_rates`` (a record may stand for ``count`` alike ones).
	Up/down by grade, then by stars."""
	order = GRADE_RANK
	out = {"up": 0, "same": 0, "down": 0, "missing": 0, "total": 0, "matrix": {}}
	for r in records:
		n = r.get("count", 1)
		out["total"] += n
		end = r.get("end_grade")
		key = (r["start_grade"], end or "Missing")
		out["matrix"][key] = out["matrix"].get(key, 0) + n
		if not end:
			out["missing"] += n
			continue
		start_rank = (order[r["start_grade"]], r.get("start_stars") or 0)
		end_rank = (order[end], r.get("end_stars") or 0)
		out["up" if end_rank > start_rank else "down" if end_rank < start_rank else "same"] += n
	return out


def annual_summary_draft(unit_label, year, rates, movements, total, tracking=None):
	"""The generated draft of a reporting unit's 年度工作总结 (the unit edits it).  ``tracking``:
	{count: {quarter: n}} of 推动晋位升级 (due, done, overdue, reports, fulfilments, notes), as the
	report 升级进展季度统计 sums them; its paragraph is left out when None."""
	lines = [
		f"{unit_label}{year}年度“三分类三升级”活动工作总结（草稿）",
		"",
		f"一、基本情况：年初参加分类定级的基层党组织共{total}个。经年底总结检查验收，晋位升级{movements['up']}个，"
		f"保持原级次{movements['same']}个，级次下降{movements['down']}个，尚未完成年底认定{movements['missing']}个。",
		"",
		"二、对照年初目标的完成情况：",
	]
	for key in RATE_KEYS:
		r = rates[key]
		target = "—" if r["target"] is None else f"{r['target']:g}%"
		if r.get("pending"):
			lines.append(f"  {r['label']}：年初{r['denominator']}个，待年终验收（目标{target}）")
			continue
		met = met_word(r, "达到目标", "未达到目标", "无可比对象")
		lines.append(f"  {r['label']}：{r['numerator']}/{r['denominator']}，{r['display']}（目标{target}，{met}）")
	sections = ["主要做法和经验", "存在的问题和下一步打算"]
	if tracking is not None:
		total_of = {k: sum(v.values()) for k, v in tracking.items()}
		lines += ["", "三、推动晋位升级情况：",
			f"  全年列出升级措施{total_of['due']}项，已完成{total_of['done']}项，逾期未完成{total_of['overdue']}项；"
			f"报告进展{total_of['reports']}次，记录践诺{total_of['fulfilments']}次，上级督查指导和书记点评{total_of['notes']}次。"]
		for q in (1, 2, 3, 4):
			lines.append(f"  第{q}季度：到期措施{tracking['due'][q]}项，已完成{tracking['done'][q]}项，"
				f"报告进展{tracking['reports'][q]}次，践诺{tracking['fulfilments'][q]}次，督查指导{tracking['notes'][q]}次。")
	numbers = "三四五六"[1 if tracking is not None else 0:]
	for number, title in zip(numbers, sections):
		lines += ["", f"{number}、{title}：", ""]
	return "\n".join(lines)


# ------------------------------------------------------------------ chart labels
_UNIT_PREFIX = re.compile(r"^中共.{1,8}?[区县市]")
_UNIT_SUFFIXES = ("工作委员会", "委员会", "党工委", "工委", "党委", "街道")


def unit_chart_labels(units):
	"""Labels that tell reporting units apart on a chart's axis, where a dozen full names would
	all be cut to “中共..”. Takes ``[(name, short_name or None)]``; returns a list of labels in
	the same order: the short name (e.g. 猛追湾街道党工委) or else the full name, without the
	district's “中共××区” and without trailing 党工委/工委/党委/(工作)委员会/街道 (猛追湾; 区直机关;
	教育系统), unless that would make two labels equal or leave fewer than two characters, when
	the short name (or the full name) stays. Pure; the notice names units by these short forms in its 附件."""
	def cut(text):
		text = _UNIT_PREFIX.sub("", text)
		cutting = True
		while cutting:  # 猛追湾街道党工委 → 猛追湾街道 → 猛追湾
			cutting = False
			for suffix in _UNIT_SUFFIXES:
				if text.endswith(suffix) and len(text) - len(suffix) >= 2:
					text, cutting = text[:-len(suffix)], True
					break
		return text

	wanted = [cut(short or name) for name, short in units]
	out = []
	for (name, short), label in zip(units, wanted):
		out.append(label if len(label) >= 2 and wanted.count(label) == 1 else (short or name))
	return out
