"""Page layout of the printed annexes: which table rows go on which A4 page.

A filing clerk accepts a printed 附件2 only when a long table's header row is repeated on each
page, no row is cut across a page break and no page holds only the footnote. The PDF renderer
Frappe prints with (wkhtmltopdf) does neither with the Qt that Linux distributions ship: it
ignores ``thead { display: table-header-group }`` and ``tr { page-break-inside: avoid }``
and only honours a forced ``page-break-before``. So the print format cuts its table into
pages itself: each page is a table of its own with the header row, and the rows are shared
out by their estimated height, which errs on the high side (a page may end early, never late).

Plain functions, no database: sizes are CSS pixels, text widths are in em of the cell's font.
How many CSS pixels an A4 page holds depends on the renderer's build (wkhtmltopdf with the Qt of
a Linux distribution lays out about 125 px per inch, with its patched Qt 96); ``page_box`` turns
the renderer's measured scale (``printing.renderer_scale``) into the page's size in pixels.
"""

import math
import unicodedata

PT_PER_MM = 72 / 25.4


def page_box(scale, paper=(210, 297), margins=(15, 20, 15, 20)):
	"""The room inside a page's margins in CSS px. Takes the renderer's ``scale`` (points per
	CSS px), the ``paper`` (width, height in mm, A4 by default) and the ``margins`` (top, right,
	bottom, left in mm); returns ``(width, height)`` in CSS px. Raises ZeroDivisionError for a
	zero scale."""
	top, right, bottom, left = margins
	return ((paper[0] - left - right) * PT_PER_MM / scale, (paper[1] - top - bottom) * PT_PER_MM / scale)


def text_width(text):
	"""The width of ``text`` on one line, in em: a Chinese (wide) character takes 1 em, a
	Latin letter or digit about 0.55 em (taken high, so that lines are never undercounted)."""
	return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.6 for c in text)


def line_count(text, em_per_line):
	"""How many lines ``text`` takes in a cell ``em_per_line`` em wide; each paragraph (a
	line break, or ``<br>``) starts a line. Empty text takes one line. Returns an int ≥ 1."""
	paragraphs = str(text or "").replace("<br>", "\n").split("\n")
	return max(1, sum(max(1, math.ceil(text_width(p.strip()) / em_per_line - 1e-9)) for p in paragraphs))


def paginate(heights, first_room, room, tail=0.0):
	"""Share rows out over pages.

	Takes the rows' ``heights`` (px, in order), the room for rows on the first page
	``first_room`` (px, below what precedes the table) and on a further page ``room`` (px,
	below the repeated header row), and the height of what follows the table and must stay
	in one piece, ``tail`` (px). Returns ``(pages, tail_on_new_page)``: ``pages`` is a list of
	lists of row indexes, none empty unless there are no rows; ``tail_on_new_page`` says the
	tail does not fit below the last row and starts a page of its own (so that no page is left
	with only a footnote, and the tail is not cut). A row higher than a page gets a page of
	its own (it is then cut by the renderer; nothing better exists). Raises nothing.
	"""
	pages, current, left = [], [], first_room
	for i, h in enumerate(heights):
		if current and h > left:
			pages.append(current)
			current, left = [], room
		current.append(i)
		left -= h
	pages.append(current)
	return pages, tail > left


# 附件2 as it is printed: A4 portrait inside Frappe's PDF margins (15 mm each side; a custom
# print format's own margin fields are not passed to the renderer), 13 px type at line height
# 1.45, cells padded 2 px above and below and 5 px left and right (the print format overrides
# Frappe's 6 px) with a 1 px border, tables 6 px apart.
ANNEX2 = {
	"margins": (15, 15, 15, 15),
	"font": 13,
	"line": 13 * 1.45,
	"pad": 2 * 2 + 1,
	# the items table's columns, percent of the width: 序号, 类别, 评分要点, 分值, 扣（加）分, 理由及佐证材料, 得分
	"columns": (5, 9, 37, 7, 9, 27, 6),
	"header": ("序号", "类别", "评分要点", "分值", "扣（加）分", "扣分（加分）理由及佐证材料", "得分"),
	# what stands above the items table on the first page: 附件2, the title, the two-row head table
	"above": 150,
	# the page's own margin inside the paper's, and room left for rounding
	"body": 20,
	"slack": 30,
}


def _cell_lines(text, percent, width):
	return line_count(text, (width * percent / 100 - 11) / ANNEX2["font"])


def _row_height(cells, width, minimum=0):
	"""A table row's height (px): its tallest cell, each cell given as ``(text, percent)``."""
	lines = max(_cell_lines(text, percent, width) for text, percent in cells)
	return max(lines * ANNEX2["line"], minimum) + ANNEX2["pad"]


def annex2_reasons(sheet, item_no):
	"""The text 附件2 prints as one item's 扣分（加分）理由及佐证材料: its entries, numbered, each
	with its points and its evidence file's name. Takes the sheet (a document or dict) and the
	item's number (its ``idx``); returns a list of strings, one per entry."""
	out = []
	for e in sheet.get("entries") or []:
		if e.get("item_no") == item_no:
			evidence = f"，佐证：{e.get('evidence').split('/')[-1]}" if e.get("evidence") else ""
			out.append(f"{len(out) + 1}.{e.get('reason') or ''}（{(e.get('points') or 0):g}分{evidence}）")
	return out


def annex2_evidence(sheet, attached=()):
	"""The evidence list 附件2 prints (佐证材料清单): each entry's file, with the item it belongs
	to, then the files attached to the sheet itself (``attached``: their URLs) not named by an
	entry. Takes a document or dict; returns a list of ``(file name, "第N项" or "")``."""
	out, seen = [], set()
	for e in sheet.get("entries") or []:
		if e.get("evidence") and e.get("evidence") not in seen:
			seen.add(e.get("evidence"))
			out.append((e.get("evidence").split("/")[-1], f"第{e.get('item_no')}项"))
	for url in attached:  # a file attached twice (the same content is one URL) is listed once
		if url and url not in seen:
			seen.add(url)
			out.append((url.split("/")[-1], ""))
	return out


def split_lines(texts, em_per_line, max_lines):
	"""Cut paragraphs into pieces of at most ``max_lines`` lines each in a cell ``em_per_line``
	em wide: whole paragraphs while they fit, a paragraph longer than a piece cut between
	characters. Takes a list of strings; returns a list of lists of strings (each piece's
	paragraphs, in order, nothing lost). Raises nothing (``max_lines`` below 1 counts as 1)."""
	max_lines = max(1, int(max_lines))
	pieces, current, used = [], [], 0
	for text in texts:
		n = line_count(text, em_per_line)
		if n <= max_lines - used:
			current.append(text)
			used += n
			continue
		if current and n <= max_lines:
			pieces.append(current)
			current, used = [text], n
			continue
		# a paragraph longer than what is left: cut it between characters, each part measured as
		# line_count measures it (its width over the cell's), so that the pieces' counts hold
		if current and used >= max_lines:
			pieces.append(current)
			current, used = [], 0
		part, width = "", 0.0
		for ch in text:
			w = text_width(ch)
			if part and math.ceil((width + w) / em_per_line - 1e-9) > max_lines - used:
				current.append(part)
				pieces.append(current)
				current, part, width, used = [], "", 0.0, 0
			part += ch
			width += w
		current.append(part)
		used += line_count(part, em_per_line)
	if current or not pieces:
		pieces.append(current)
	return pieces


def annex2_layout(sheet, attached=(), box=(836, 1313), extra=()):
	"""How 附件2 of ``sheet`` (a document or dict with ``items`` and ``entries``; ``attached``:
	the URLs of files attached to the sheet itself; ``extra``: the texts of the rows printed
	after the meetings, e.g. departments' opinions and returns) is laid out on A4 pages whose
	room inside the margins is ``box`` (width, height in CSS px, from ``page_box``). Returns
	``{"pages": [[piece, ...], ...], "tail_on_new_page": bool, "evidence": [(name, item), ...]}``:
	on each page, printed under its own header row, the pieces of the items' rows — a piece is
	``{"item": row, "reasons": [text, ...], "first": bool, "last": bool}``; a row too high for
	a page is cut into pieces between its reasons (or within a reason), the later ones marked
	（续）; whether what follows the table (opinions, signature, note) starts a new page; the
	evidence list (``annex2_evidence``). Implements no rule of the notice: it keeps the notice's
	附件2 legible on paper."""
	items = list(sheet.get("items") or [])
	evidence = annex2_evidence(sheet, attached)
	c, width = ANNEX2["columns"], box[0] - ANNEX2["body"]
	header = _row_height(list(zip(ANNEX2["header"], c)), width)
	room = box[1] - ANNEX2["slack"]
	above = ANNEX2["above"] + ANNEX2["line"] * (bool(sheet.get("amended_from")) + (sheet.get("docstatus") == 2))
	first_room = room - above - header
	reason_em = (width * c[5] / 100 - 11) / ANNEX2["font"]
	pieces, heights = [], []
	for i in items:
		fixed = max(
			_cell_lines(f"{i.get('category') or ''}\n{i.get('part')}" if i.get("part") else i.get("category"), c[1], width),
			_cell_lines(i.get("content"), c[2], width),
			2 if (i.get("item_kind") or "Deduction") != "Deduction" else 1)
		reasons = annex2_reasons(sheet, i.get("idx"))
		most = int((room - header - ANNEX2["pad"]) / ANNEX2["line"])  # the lines a page holds for one row
		parts = split_lines(reasons, reason_em, most) if reasons else [[]]
		for k, part in enumerate(parts):
			lines = max(fixed if k == 0 else 1, sum(line_count(t, reason_em) for t in part) if part else 1)
			pieces.append({"item": i, "reasons": part, "first": k == 0, "last": k == len(parts) - 1})
			heights.append(lines * ANNEX2["line"] + ANNEX2["pad"])
	pages, tail_on_new_page = paginate(heights, first_room, room - header,
		annex2_tail_height(sheet, evidence, width, extra))
	return {"pages": [[pieces[k] for k in page] for page in pages], "tail_on_new_page": tail_on_new_page,
		"evidence": evidence}


def annex2_tail_height(sheet, evidence=(), width=836, extra=()):
	"""The estimated height (px) of what follows 附件2's items, row by row as the print format
	lays it out on a page ``width`` px wide: the total and 评定依据, the evidence list
	(``evidence``, as ``annex2_evidence`` gives it), the result, target, meeting and opinion
	rows, the ``extra`` rows (their texts), 书记（签名） and the note."""
	g = sheet.get
	grade = "一般 二星级"  # the longest a grade and its stars print as
	rows = [
		[("总分", 53)],
		[("评定依据", 14), ((g("explanation") or "").replace("\n", "；"), 86)] if g("explanation") else None,
		[("一票否决、定星条件和荣誉", 18), (g("veto_applied") or "无", 56), ("党员群众满意度", 16), ("100%", 10)],
		[("评分结果", 18), (f"{grade}（100分）", 56), ("上级评定", 16), (grade, 10)],
		[("年度升级目标", 18), ("争创先进", 44), ("升级时限", 16), ("2012年11月30日", 22)],
		[("整改措施", 18), (g("rectification_measures") or "", 82)],
		[("群众初评", 18), ("2012年03月20日，到会100人，初评为“一般”", 82)],
		[("党员评议", 18), ("2012年03月20日，到会党员100人，评议为“一般”", 82)],
		[("组织自评", 18), (f"自评为“一般”。{g('self_basis') or ''}", 82)],
		[("党员群众审议", 18), ("赞成100票，反对100票，弃权100票", 82)],
		[("自查报告", 18), ((g("self_check_report") or "").replace("\n", "；"), 82)] if g("phase") == "Year End" else None,
	] + [[("部门意见", 18), (text, 82)] for text in extra]
	height = sum(_row_height(r, width) for r in rows if r)
	for text in (f"评定为“{grade}”。{g('decision_reason') or ''}", g("district_opinion") or "审核同意"):
		# an opinion, then on its own line who gave it and when, at least 40 px high
		height += _row_height([("上级党组织评定意见", 18), (text + "\n某某某　2012年04月30日", 82)], width, 40)
	height += 4 * 6  # the tables' margins
	if evidence:
		listed = "佐证材料清单：" + "；".join(f"{n}. {name}（{item}）" for n, (name, item) in enumerate(evidence, 1))
		height += line_count(listed, width / ANNEX2["font"]) * ANNEX2["line"] + 8
	height += 2 * (ANNEX2["line"] + 8)  # 书记（签名） and the note, each a paragraph
	return height
