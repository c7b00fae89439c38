"""Rules of a district's organisation import, as plain functions (no database).

A district brings its organisations from a spreadsheet (the app's template, 党组织导入模板): the
notice's 基层党组织 under their 街道党工委, 系统党委 or 区直机关工委, 党委 with their 支部.  These rules
turn the rows a person typed into the organisations to create, in an order where every parent
comes before its children, and say for every row that cannot be imported why, by its row number:

- any depth in one file and any row order (a 支部 may come before its 党委);
- the parent by its full name (全称) or, where it is unique, its short name (简称);
- choice columns in the words every screen shows (社区, 基层党组织) or as codes (Community);
- an organisation with children is a group node of the tree (derived by the DocType itself).

The same holds for the two other imports: users with their roles and assignments
(用户导入模板: secretary of an organisation, administrator of a reporting unit), and a previous
year's results (既往定级结果导入模板: grade and stars per organisation, year and phase), which
give a district that starts mid-stream its ledger and the start of its rates.
"""

import re

SEPARATORS = re.compile(r"[、,，;；/\n]+")

# fieldname -> (codes, {code: Chinese word}) is passed in by the caller (from the DocType)


def normalize_choice(value, codes, words):
	"""The code for ``value`` typed in a choice column: the code itself or its Chinese word
	(exact, surrounding spaces ignored).  ``codes``: allowed codes; ``words``: {code: word}.
	Returns the code, or "" for an empty cell.  Raises ValueError with the Chinese reason
	(listing the words allowed) for anything else."""
	value = (value or "").strip()
	if not value:
		return ""
	if value in codes:
		return value
	by_word = {words.get(c, c): c for c in codes}
	if value in by_word:
		return by_word[value]
	allowed = "、".join(words.get(c, c) for c in codes if c)
	raise ValueError(f"“{value}”不是可选的值（可填写：{allowed}）")


DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def read_date(value, label):
	"""A date typed in a cell as 2011-05-01, 2011/5/1, 2011.5.1, 2011年5月1日 or 20110501: returns
	"YYYY-MM-DD" ("" for an empty cell).  Raises ValueError naming the column ``label``."""
	import datetime

	typed = (value or "").strip()
	if not typed:
		return ""
	match = DATE.match(typed) or (re.match(r"^(\d{4})(\d{2})(\d{2})$", typed))
	try:
		if not match:
			raise ValueError
		return datetime.date(*(int(g) for g in match.groups())).isoformat()
	except ValueError:
		raise ValueError(f"{label}“{typed}”不是有效的日期（如2011-05-01或2011年5月1日）") from None


def read_int(value, label):
	"""A whole number typed in a cell (empty: ""); raises ValueError naming the column ``label``."""
	typed = (value or "").strip().removesuffix("人").removesuffix("名")
	if not typed:
		return ""
	if not typed.isdigit():
		raise ValueError(f"{label}“{value.strip()}”须是整数（如30）")
	return typed


def plan_organizations(rows, existing, choices, typed_columns=None):
	"""Plan the import of organisation rows.

	``rows``: [{"row": row number in the file, fieldname: typed value, ...}];
	``existing``: {full name: short name or ""} of the organisations already in the site;
	``choices``: {fieldname: (codes, {code: Chinese word})} of the choice columns;
	``typed_columns``: {fieldname: ("Date" or "Int", Chinese label)} of the columns read as dates
	and whole numbers (a bad one is the row's reason, never the database's).
	Returns {"create": [values, ...] parents first, each with "row", normalized choices and the
	parent's full name; "errors": [(row number, Chinese reason)] sorted by row}.  (Group nodes
	are derived by the DocType from having children, whichever way they are created.)
	"""
	errors = {}
	planned = {}  # full name -> values
	in_file = {}  # full name -> its first row number
	for raw in rows:
		row = raw["row"]
		values = {k: (v.strip() if isinstance(v, str) else v) for k, v in raw.items()}
		name = values.get("organization_name") or ""
		in_file.setdefault(name, row)
		if not name:
			errors[row] = "“全称”不能为空"
			continue
		if name in existing:
			errors[row] = f"党组织“{name}”已存在，未重复导入"
			continue
		if name in planned:
			errors[row] = f"党组织“{name}”在本表第{planned[name]['row']}行已经出现"
			continue
		try:
			for field, (codes, words) in choices.items():
				if field in values:
					values[field] = normalize_choice(values.get(field), codes, words)
			for field, (kind, label) in (typed_columns or {}).items():
				if field in values:
					values[field] = (read_date if kind == "Date" else read_int)(values.get(field), label)
		except ValueError as e:
			errors[row] = str(e)
			continue
		planned[name] = values

	# short names that name exactly one organisation (in the site or in the file)
	short = {}
	for full, s in list(existing.items()) + [(n, v.get("short_name") or "") for n, v in planned.items()]:
		if s:
			short.setdefault(s, set()).add(full)

	def resolve(parent):
		if not parent or parent in existing or parent in planned:
			return parent, None
		named = short.get(parent, set())
		if len(named) > 1:
			return None, f"简称“{parent}”对应多个党组织（{'、'.join(sorted(named))}），请填写全称"
		if named:
			return next(iter(named)), None
		if parent in in_file:
			return None, f"上级党组织“{parent}”（第{in_file[parent]}行）未能导入"
		return None, f"上级党组织“{parent}”不存在（本表和系统中都没有）"

	for name, values in list(planned.items()):
		parent, reason = resolve(values.get("parent_party_organization"))
		if reason:
			errors[values["row"]] = reason
			del planned[name]
		else:
			values["parent_party_organization"] = parent or ""

	# parents first; a row under a row that cannot be imported cannot be imported either
	ordered, placed = [], set()
	pending = dict(planned)
	while pending:
		ready = [n for n, v in pending.items() if not v["parent_party_organization"]
			or v["parent_party_organization"] in existing or v["parent_party_organization"] in placed]
		if not ready:
			break
		for n in sorted(ready, key=lambda n: pending[n]["row"]):
			ordered.append(pending.pop(n))
			placed.add(n)
	for n, values in pending.items():
		parent = values["parent_party_organization"]
		if parent in planned:
			errors[values["row"]] = f"上级党组织“{parent}”（第{planned[parent]['row']}行）未能导入，或上下级关系成环"
		else:
			errors[values["row"]] = f"上级党组织“{parent}”未能导入"

	return {"create": ordered, "errors": sorted(errors.items())}


def short_names(organizations):
	"""{short name: {full names}} of ``organizations`` ({full name: short name or ""})."""
	out = {}
	for full, short in organizations.items():
		if short:
			out.setdefault(short, set()).add(full)
	return out


def resolve_organization(typed, organizations, shorts=None, what="党组织"):
	"""The full name of the organisation ``typed`` names: its full name, or its short name where
	that names exactly one.  ``organizations``: {full name: short name or ""} the user may name;
	``shorts``: ``short_names(organizations)`` (computed when not given).  Returns the full
	name.  Raises ValueError with the Chinese reason (``what`` names the column's kind)."""
	typed = (typed or "").strip()
	if typed in organizations:
		return typed
	named = (shorts if shorts is not None else short_names(organizations)).get(typed, set())
	if len(named) > 1:
		raise ValueError(f"简称“{typed}”对应多个党组织（{'、'.join(sorted(named))}），请填写全称")
	if named:
		return next(iter(named))
	raise ValueError(f"{what}“{typed}”不存在，或不在您管理的范围内")


def split_cell(value):
	"""The values of a cell holding several (separated by 、 , ， ; ； / or new lines)."""
	return [v.strip() for v in SEPARATORS.split(value or "") if v.strip()]


EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


WIDE_ROLES = {"District Admin", "Campaign Leader", "Evaluation Department", "System Manager"}  # see the district


def plan_users(rows, existing_users, roles, organizations, reporting_units, has_outbox=True):
	"""Plan the import of user rows (用户导入模板).

	``rows``: [{"row": row number, "email", "full_name", "mobile_no", "new_password", "roles",
	"secretary_of", "admin_of": typed text}] — roles, organisations and units may hold several
	values (``split_cell``), organisations and units by full or short name;
	``existing_users``: {e-mail (lower case): its roles} of the site's accounts;
	``roles``: (codes, {code: Chinese word}) of the roles a row may give (the campaign's);
	``organizations``: {full name: short name} of the organisations the importer may assign;
	``reporting_units``: the full names among them that are reporting units (上报单位);
	``has_outbox``: whether the site sends mail (a new account without it needs an initial password).
	Returns {"create": [{"row", "email" (lower case), "full_name", "mobile_no", "new_password",
	"roles": [codes], "secretary_of": [full names], "admin_of": [full names], "exists": bool}],
	"errors": [(row number, Chinese reason)] sorted}.  Being a secretary gives the role
	党组织书记, administering a unit 上报单位管理员, without typing them.  An account that sees the
	whole district (区委组织部管理员, 部门领导, 评议部门) is never made a secretary or a unit's
	administrator, which would confine it; an organisation gets one secretary per file."""
	codes, words = roles
	shorts = short_names(organizations)
	errors, planned, seen, secretaries = {}, [], {}, {}
	for raw in rows:
		row = raw["row"]
		values = {k: (v.strip() if isinstance(v, str) else v) for k, v in raw.items()}
		email = (values.get("email") or "").lower()
		try:
			if not email:
				raise ValueError("“邮箱”不能为空（邮箱是登录账号）")
			if not EMAIL.match(email):
				raise ValueError(f"“{email}”不是有效的邮箱")
			if email in seen:
				raise ValueError(f"邮箱“{email}”在本表第{seen[email]}行已经出现")
			exists = email in existing_users
			if not exists and not values.get("full_name"):
				raise ValueError("新用户须填写“姓名”")
			given = [normalize_choice(r, codes, words) for r in split_cell(values.get("roles"))]
			secretary_of = [resolve_organization(o, organizations, shorts) for o in split_cell(values.get("secretary_of"))]
			admin_of = [resolve_organization(o, organizations, shorts, "上报单位") for o in split_cell(values.get("admin_of"))]
			for unit in admin_of:
				if unit not in reporting_units:
					raise ValueError(f"“{unit}”不是上报单位（街道党工委、系统党委或区直机关工委），不能指定单位管理员")
			wide = (set(existing_users.get(email) or ()) | set(given)) & WIDE_ROLES
			if wide and (secretary_of or admin_of):
				raise ValueError(f"“{email}”是{'、'.join(words.get(r, r) for r in sorted(wide))}，看全区的账号不能兼任书记或单位管理员"
					"（任职后只能看到所管组织）：请为任职另建一个账号")
			for org in secretary_of:
				if org in secretaries:
					raise ValueError(f"党组织“{org}”在本表第{secretaries[org]}行已经指定了书记，一个党组织只有一位书记")
			if secretary_of:
				given.append("Organization Secretary")
			if admin_of:
				given.append("Reporting Unit Admin")
			if not given and not (exists and values.get("new_password")):
				raise ValueError("请至少填写一个角色，或担任书记的党组织、管理的上报单位")
			if not exists and not has_outbox and not values.get("new_password"):
				raise ValueError("本系统没有设置发信邮箱，新用户收不到设置密码的邮件：请填写初始密码")
		except ValueError as e:
			errors[row] = str(e)
			continue
		seen[email] = row
		secretaries.update({org: row for org in secretary_of})
		planned.append({"row": row, "email": email, "full_name": values.get("full_name") or "",
			"mobile_no": values.get("mobile_no") or "", "new_password": values.get("new_password") or "",
			"roles": list(dict.fromkeys(given)), "secretary_of": list(dict.fromkeys(secretary_of)),
			"admin_of": list(dict.fromkeys(admin_of)), "exists": exists})
	return {"create": planned, "errors": sorted(errors.items())}


# a previous year's results: the words of every scheme's grades and of the two phases
GRADE_WORDS = {
	"Advanced": ("先进", "好", "优秀", "优秀站点", "先进站点"),
	"Good": ("较好", "较好站点"),
	"Ordinary": ("一般", "一般站点"),
	"Lagging": ("后进", "较差", "差", "后进站点"),
}
PHASE_WORDS = {
	"Initial": ("年初定级", "初始定级", "分类定级", "年初", "定级"),
	"Year End": ("年终验收", "年底验收", "总结检查验收", "年底", "年终", "验收"),
}
HONOUR_WORDS = {"national": ("全国",), "provincial": ("省级", "省"), "municipal": ("市级", "市"), "district": ("区级", "区")}


def _word(value, table, what):
	value = (value or "").strip()
	for code, words in table.items():
		if value == code or value in words:
			return code
	allowed = "、".join(w[0] for w in table.values())
	raise ValueError(f"{what}“{value}”无法识别（可填写：{allowed}）")


CHINESE_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "零": 0}


def read_stars(value):
	"""The stars typed in a cell: 0-5 as a number, 3星 or 三星级, ★★★ (one ★ a star), 无 or empty (0).
	Returns int.  Raises ValueError with the Chinese reason."""
	typed = (value or "").strip()
	text = typed.replace(" ", "")
	if not text or text in ("无", "无星级", "0星", "零星"):
		return 0
	if set(text) <= {"★", "☆"}:
		return text.count("★")
	text = text.removesuffix("级").removesuffix("星")
	stars = CHINESE_DIGITS.get(text, int(text) if text.isdigit() else None)
	if stars is None or not 0 <= stars <= 5:
		raise ValueError(f"星级“{typed}”无法识别（填写0至5，或三星级、★★★）")
	return stars


def plan_results(rows, organizations, domains, taken):
	"""Plan the import of a previous year's results (既往定级结果导入模板): one row per
	organisation, year and phase, with the grade and stars its superior decided then.

	``rows``: [{"row", "organization", "year", "phase", "grade", "stars", "honour", "note"}] as typed
	(the organisation by full or short name, words or codes in the choice columns);
	``organizations``: {full name: short name} the importer may give results to (graded ones);
	``domains``: {full name: domain code}; ``taken``: {(full name, year (int), phase code): sheet
	name} of the results the site already holds (sheets not revoked).  A lagging organisation and
	a remote education site have no stars; other star bands are the scheme of that year's, not
	checked here.
	Returns {"create": [{"row", "organization", "year" (int), "phase", "grade", "stars" (int),
	"honour", "note"}], "errors": [(row number, Chinese reason)] sorted}.
	Implements the notice's 分类管理台账 for years graded before the district used the app."""
	shorts = short_names(organizations)
	errors, planned, seen = {}, [], {}
	for raw in rows:
		row = raw["row"]
		values = {k: (v.strip() if isinstance(v, str) else v) for k, v in raw.items()}
		try:
			if not values.get("organization"):
				raise ValueError("“党组织”不能为空")
			org = resolve_organization(values["organization"], organizations, shorts)
			year = str(values.get("year") or "").strip().rstrip("年")
			if not (year.isdigit() and 2000 <= int(year) <= 2100):
				raise ValueError(f"年度“{values.get('year') or ''}”不是2000至2100之间的年份")
			year = int(year)
			if not values.get("phase"):
				raise ValueError("“阶段”不能为空（年初定级或年终验收）")
			phase = _word(values["phase"], PHASE_WORDS, "阶段")
			if not values.get("grade"):
				raise ValueError("“等次”不能为空")
			grade = _word(values["grade"], GRADE_WORDS, "等次")
			stars = read_stars(values.get("stars"))
			if stars and grade == "Lagging":
				raise ValueError("后进（较差）党组织不评定星级，星级应为空或0")
			if stars and domains.get(org) == "Remote Education Site":
				raise ValueError("远程教育站点不评定星级，星级应为空或0")
			honour = _word(values["honour"], HONOUR_WORDS, "荣誉") if values.get("honour") else ""
			if honour and phase != "Year End":
				raise ValueError("荣誉只在年终验收时记载，年初定级不填")
			key = (org, year, phase)
			if key in taken:
				raise ValueError(f"“{org}”{year}年度{PHASE_WORDS[phase][0]}已有结果（{taken[key]}），未重复导入")
			if key in seen:
				raise ValueError(f"“{org}”{year}年度{PHASE_WORDS[phase][0]}在本表第{seen[key]}行已经出现")
		except ValueError as e:
			errors[row] = str(e)
			continue
		seen[key] = row
		planned.append({"row": row, "organization": org, "year": year, "phase": phase, "grade": grade,
			"stars": stars, "honour": honour, "note": values.get("note") or ""})
	return {"create": planned, "errors": sorted(errors.items())}
