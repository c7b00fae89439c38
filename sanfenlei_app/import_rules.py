"""Rules of a district's organisation import, as plain functions (no database).

A district brings its organisations from a spreadsheet (the app's template, 党组织导入模板): the
notice's 基层党组织 under their 街道党工委, 系统党委 or 区直机关工委, 党委 with their 支部.  These rules
turn the rows a person typed into the organisations to create, in an order where every parent
comes before its children, and say for every row that cannot be imported why, by its row number:

- any depth in one file and any row order (a 支部 may come before its 党委);
- the parent by its full name (全称) or, where it is unique, its short name (简称);
- choice columns in the words every screen shows (社区, 基层党组织) or as codes (Community);
- an organisation with children is a group node of the tree (derived by the DocType itself).
"""

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


def plan_organizations(rows, existing, choices):
	"""Plan the import of organisation rows.

	``rows``: [{"row": row number in the file, fieldname: typed value, ...}];
	``existing``: {full name: short name or ""} of the organisations already in the site;
	``choices``: {fieldname: (codes, {code: Chinese word})} of the choice columns.
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
		if len(named) == 1:
			return next(iter(named)), None
		if len(named) > 1:
			return None, f"简称“{parent}”对应多个党组织（{'、'.join(sorted(named))}），请填写全称"
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
