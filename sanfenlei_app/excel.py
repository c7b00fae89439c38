"""附件3–6 as Excel workbooks in the official layout (openpyxl, write-only mode).

A sheet per annex: the title as in the notice, the 填报单位 / 填报时间 line, two header rows
with merged cells for grouped columns (所分类别: 先进 一般 后进 …), the data with borders
(one block per domain where the annex says 分领域统计), the annex's 说明 under the table,
a Chinese font, widths that fit, A4 landscape with the header rows repeated on every page.
Rows are streamed from the database to the file, so memory stays flat for 20,000 rows; the
data rows go as one piece of XML each (sanfenlei_app/xlsx_rows.py), 20,000 rows in about 2 s.
"""

import os
import tempfile

import frappe
from frappe.utils import getdate
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from sanfenlei_app import annexes
from sanfenlei_app.reports import organization_scope
from sanfenlei_app.xlsx_rows import RawRow, accept_raw_rows

FONT = "宋体"
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)


class Styles:
	"""Shared style objects (one instance each keeps the workbook's style table small)."""

	title = Font(name=FONT, size=16, bold=True)
	header = Font(name=FONT, size=11, bold=True)
	body = Font(name=FONT, size=10.5)
	note = Font(name=FONT, size=10)


def cell(ws, value, font=Styles.body, align=CENTER, border=BORDER, number_format=None):
	"""A streamed cell of the layout (titles, headers, notes; the data rows are `RawRow`s)."""
	c = WriteOnlyCell(ws, value=value)
	c.font, c.alignment = font, align
	if border:
		c.border = border
	if number_format:
		c.number_format = number_format
	return c


def fitted_widths(annex, filters):
	"""Column widths: the layout's, widened for the longest organisation / unit name in scope
	(one pass over the organisations, without the sheets: a bound that is never too narrow)."""
	spec = annexes.spec(annex, filters)
	join, conditions, values = organization_scope(filters)
	conditions.append("o.domain = %(site)s" if annex in ("annex5", "annex6") else "o.domain != %(site)s")
	values["site"] = annexes.SITE
	longest = frappe.db.sql(
		f"""select max(char_length(o.name)), max(char_length(o.reporting_unit))
		from `tabParty Organization` o {join} where {" and ".join(conditions)}""",
		values,
	)[0]
	widths = []
	for c in spec.columns:
		w = c.width
		if c.fieldname == "organization" and longest[0]:
			w = max(w, min(60, longest[0] * 2 + 2))  # a Chinese character is about two widths
		if c.fieldname == "reporting_unit" and longest[1]:
			w = max(w, min(50, longest[1] * 2 + 2))
		widths.append(w)
	return widths


def header_rows(ws, spec):
	"""Two header rows; grouped columns merged across, ungrouped ones merged down."""
	top, bottom, merges = [], [], []
	columns = spec.columns
	i = 0
	while i < len(columns):
		c = columns[i]
		letter = get_column_letter(i + 1)
		if not c.group:
			top.append(cell(ws, c.label, Styles.header))
			bottom.append(cell(ws, None, Styles.header))
			merges.append((letter, 0, letter, 1))
			i += 1
			continue
		j = i
		while j + 1 < len(columns) and columns[j + 1].group == c.group:
			j += 1
		for k in range(i, j + 1):
			top.append(cell(ws, c.group if k == i else None, Styles.header))
			bottom.append(cell(ws, columns[k].label, Styles.header))
		if j > i:
			merges.append((letter, 0, get_column_letter(j + 1), 0))
		i = j + 1
	return top, bottom, merges


DATE_FORMAT = 'yyyy"年"m"月"d"日"'


def style_id(ws, font=Styles.body, align=CENTER, border=BORDER, number_format=None):
	"""The workbook's style id of a look (a template cell adds it to the style table)."""
	return cell(ws, None, font, align, border, number_format).style_id


def data_row_builder(ws, columns):
	"""A function turning a row of an annex into a `RawRow`: bordered 宋体 cells, names and
	measures left-aligned, shares as percentages (— when there is no total), dates in Chinese."""
	plain, left = style_id(ws), style_id(ws, align=LEFT)
	pct, date = style_id(ws, number_format="0.0%"), style_id(ws, number_format=DATE_FORMAT)
	spec = []
	for c in columns:
		if c.kind == "pct":
			spec.append((c.fieldname, True, pct))
		elif c.kind == "date":
			spec.append((c.fieldname, False, date))
		elif c.kind == "long" or c.fieldname in ("organization", "reporting_unit"):
			spec.append((c.fieldname, False, left))
		else:
			spec.append((c.fieldname, False, plain))

	def build(row):
		out = RawRow()
		for field, is_share, sid in spec:
			value = row.get(field)
			if is_share:
				out.append((plain, "—") if value is None else (sid, value / 100))
			else:
				out.append((sid, value))
		return out

	return build


def a4_landscape(ws):
	"""The annexes' page: A4 landscape, one page wide, centred, narrow side margins."""
	ws.page_setup.orientation = "landscape"
	ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
	ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
	ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
	ws.print_options.horizontalCentered = True
	ws.page_margins.left = ws.page_margins.right = 0.4


def write_annex(wb, annex, filters):
	spec = annexes.spec(annex, filters)
	ncols = len(spec.columns)
	last = get_column_letter(ncols)
	ws = wb.create_sheet(title=f"附件{spec.number}")
	for i, w in enumerate(fitted_widths(annex, filters), 1):
		ws.column_dimensions[get_column_letter(i)].width = w
	a4_landscape(ws)

	n = 0  # rows written so far

	def put(cells, height=None):
		nonlocal n
		if height:  # a streamed row takes its height with it
			ws.row_dimensions[n + 1].height = height
		ws.append(cells)
		n += 1

	def merge(first_col, first_row, last_col, last_row):
		ws.merged_cells.add(f"{first_col}{first_row}:{last_col}{last_row}")

	put([cell(ws, f"附件{spec.number}", Styles.header, LEFT, None)])
	accept_raw_rows(ws)  # the data rows below go as one piece of XML each
	data_row = data_row_builder(ws, spec.columns)
	put([cell(ws, spec.title, Styles.title, CENTER, None)], 30)
	merge("A", 2, last, 2)
	half = max(2, ncols // 2)
	line = [cell(ws, f"填报单位：{annexes.filing_unit(filters)}", Styles.body, LEFT, None)] + [None] * (half - 1)
	line += [cell(ws, f"填报时间：{annexes.filing_date()}", Styles.body, Alignment(horizontal="right"), None)]
	put(line, 20)
	merge("A", 3, get_column_letter(half), 3)
	merge(get_column_letter(half + 1), 3, last, 3)

	top, bottom, header_merges = header_rows(ws, spec)
	first_header = None
	any_block = False
	with frappe.db.unbuffered_cursor():  # rows go from the server's cursor straight to the file
		for title, rows, total in annexes.blocks(annex, filters, as_iterator=True):
			any_block = True
			if title:
				put([cell(ws, title, Styles.header, LEFT, None)], 20)
				merge("A", n, last, n)
			if first_header is None:
				first_header = n + 1
			put(list(top), 22)
			put(list(bottom), 22)
			for a, ra, b, rb in header_merges:
				merge(a, n - 1 + ra, b, n - 1 + rb)
			for row in rows:
				put(data_row(row))
			if total:
				put(data_row(total))
	if not any_block:
		first_header = n + 1
		put(list(top), 22)
		put(list(bottom), 22)
		for a, ra, b, rb in header_merges:
			merge(a, n - 1 + ra, b, n - 1 + rb)
		put([cell(ws, "（无数据）")] + [cell(ws, None) for _ in range(ncols - 1)])
		merge("A", n, last, n)
	ws.print_title_rows = f"{first_header}:{first_header + 1}"
	put([])
	for note in spec.notes:
		put([cell(ws, note, Styles.note, LEFT, None)])
		merge("A", n, last, n)
	return ws


def build_workbook(annex_keys, filters):
	"""The workbook's bytes (written to a temporary file by openpyxl's streaming writer)."""
	filters = annexes.normalize(filters)
	wb = Workbook(write_only=True)
	for key in annex_keys:
		write_annex(wb, key, filters)
	fd, path = tempfile.mkstemp(suffix=".xlsx")
	os.close(fd)
	try:
		wb.save(path)
		with open(path, "rb") as f:
			return f.read()
	finally:
		os.remove(path)


def check_report_permission(annex_keys):
	for key in annex_keys:
		report = frappe.get_doc("Report", annexes.ANNEXES[key].report)
		if not report.is_permitted():
			frappe.throw(f"您没有查看“{report.name}”的权限", frappe.PermissionError)


def send(content, filename):
	frappe.response.filename = filename
	frappe.response.filecontent = content
	frappe.response.type = "binary"


def file_stub(filters):
	unit = filters.get("reporting_unit") or "全区"
	phase = "年初" if filters.get("phase", "Initial") == "Initial" else "年底"
	return f"{filters.get('campaign_year')}{phase}-{unit}"


@frappe.whitelist()
def export_annex(annex, campaign_year=None, phase="Initial", reporting_unit=None, domain=None, approved_only=0):
	"""One annex as an Excel workbook in the official layout (the report page's 导出 button)."""
	if annex not in annexes.ANNEXES:
		frappe.throw(f"未知的统计表：{annex}")
	check_report_permission([annex])
	filters = annexes.normalize(dict(campaign_year=campaign_year, phase=phase, reporting_unit=reporting_unit,
		domain=domain, approved_only=frappe.utils.cint(approved_only)))
	content = build_workbook([annex], filters)
	send(content, f"附件{annexes.ANNEXES[annex].number}-{file_stub(filters)}.xlsx")


@frappe.whitelist()
def export_all(campaign_year=None, phase="Initial", reporting_unit=None, approved_only=0):
	"""附件3–6 in one workbook, a sheet each, for a chosen unit and year."""
	keys = list(annexes.ANNEXES)
	check_report_permission(keys)
	filters = annexes.normalize(dict(campaign_year=campaign_year, phase=phase, reporting_unit=reporting_unit,
		approved_only=frappe.utils.cint(approved_only)))
	content = build_workbook(keys, filters)
	send(content, f"附件3-6-{file_stub(filters)}.xlsx")


# ----------------------------------------------------------------- 升级率统计表 in the same official style
RATE_COLUMNS = (("scope", "统计范围", 24), ("domain", "领域", 12), ("rate", "比率", 22), ("numerator", "分子", 8),
	("denominator", "分母", 8), ("value", "比率值", 12), ("target", "目标", 8), ("met", "是否达到目标", 12),
	("missing", "尚无年终结果的党组织", 40))
RATE_NOTES = (
	"说明：1.比率值＝分子÷分母；分母为年初定级时在该范围内的党组织，分子为年底认定时达到升级要求的党组织（定义见说明书）。",
	"2.年初已定级、年底尚无认定结果的党组织计入分母，不计入分子，列于末栏；尚无任何年终结果的比率显示“待年终验收”。",
	"3.目标为本活动年度设定的比率目标，社区党组织按通知要求，其他领域目标高于社区。",
)


def wrapped_height(values, widths, line=15):
	"""The height (points) of a row whose cells wrap their text: the tallest cell's lines × ``line``.
	Takes the cells' values and the columns' widths (Excel's units, about one digit; a Chinese
	character takes two). Neither Excel nor LibreOffice grows a row for wrapped text on opening a
	file, so the row is given its height."""
	from sanfenlei_app.print_layout import line_count

	return line * max(line_count("" if v is None else str(v), max(1, w / 2)) for v, w in zip(values, widths))


def row_writer(ws):
	"""A function appending a row of ``values`` to ``ws`` in the annexes' style (font, alignment,
	borders unless ``border`` is false, a height in points if given); it returns the row's number."""

	def put(values, font=Styles.body, align=CENTER, border=True, height=None):
		ws.append(values)
		r = ws.max_row
		for c in ws[r][:len(values)]:
			c.font, c.alignment = font, align
			if border:
				c.border = BORDER
		if height:
			ws.row_dimensions[r].height = height
		return r

	return put


def build_rates_workbook(filters):
	"""升级率统计表 (Upgrade Rate Statistics) as an .xlsx in the annexes' style: title, 填报单位 and
	填报时间, one header row repeated on every printed page, the report's rows with borders, the
	notes; A4 landscape, one page wide.  Returns the bytes."""
	from sanfenlei_app.sanfenlei_app.report.upgrade_rate_statistics.upgrade_rate_statistics import rows

	filters = frappe._dict(filters)
	data = rows(filters)
	year = frappe.db.get_value("Campaign Year", filters.campaign_year, "year") or filters.campaign_year
	wb = Workbook()
	ws = wb.active
	ws.title = "升级率统计表"
	last = get_column_letter(len(RATE_COLUMNS))
	for i, (_f, _label, width) in enumerate(RATE_COLUMNS, 1):
		ws.column_dimensions[get_column_letter(i)].width = width
	a4_landscape(ws)

	put = row_writer(ws)

	r = put([f"{year}年度“三分类三升级”活动升级率统计表"], Styles.title, CENTER, False, 30)
	ws.merge_cells(f"A{r}:{last}{r}")
	half = len(RATE_COLUMNS) // 2
	r = put([f"填报单位：{annexes.filing_unit(filters)}"] + [None] * (half - 1) + [f"填报时间：{annexes.filing_date()}"],
		Styles.body, LEFT, False, 20)
	ws.merge_cells(f"A{r}:{get_column_letter(half)}{r}")
	ws.merge_cells(f"{get_column_letter(half + 1)}{r}:{last}{r}")
	ws.cell(r, half + 1).alignment = Alignment(horizontal="right")
	header = put([label for _f, label, _w in RATE_COLUMNS], Styles.header, CENTER, True, 22)
	ws.print_title_rows = f"{header}:{header}"
	for row in data:
		values = [row.get(f) for f, _l, _w in RATE_COLUMNS]
		put(values, height=wrapped_height(values, [w for _f, _l, w in RATE_COLUMNS]))
	if not data:
		r = put(["（无数据）"] + [None] * (len(RATE_COLUMNS) - 1))
		ws.merge_cells(f"A{r}:{last}{r}")
	ws.append([])
	for note in RATE_NOTES:
		r = put([note], Styles.note, LEFT, False)
		ws.merge_cells(f"A{r}:{last}{r}")
	out = tempfile.SpooledTemporaryFile()
	wb.save(out)
	out.seek(0)
	return out.read()


@frappe.whitelist()
def export_rates(campaign_year=None, group_by="Domain", reporting_unit=None, domain=None):
	"""The rates report's 导出Excel（正式格式）: 升级率统计表 of the filters, in the annexes' style.
	Raises PermissionError for a user who may not see the report (or names a unit outside their
	subtrees)."""
	from sanfenlei_app.sanfenlei_app.doctype.campaign_year.campaign_year import get_current_year

	if not frappe.get_doc("Report", "Upgrade Rate Statistics").is_permitted():
		frappe.throw("您没有查看“升级率统计”的权限", frappe.PermissionError)
	filters = frappe._dict(campaign_year=campaign_year or get_current_year(), group_by=group_by or "Domain",
		reporting_unit=reporting_unit, domain=domain)
	content = build_rates_workbook(filters)
	from sanfenlei_app.sanfenlei_app.report.upgrade_rate_statistics.upgrade_rate_statistics import scope_label

	send(content, f"升级率统计表-{filters.campaign_year}-{scope_label(filters)}{('-' + frappe._(domain)) if domain else ''}.xlsx")


SUMMARY_MOVES = (("organizations_count", "年初参加定级"), ("moved_up", "晋位升级"), ("stayed", "保持原级次"),
	("moved_down", "级次下降"), ("missing_year_end", "尚未完成年底认定"))
SUMMARY_RATES = (("rate", "比率", 30), ("numerator", "分子", 10), ("denominator", "分母", 10),
	("rate_value", "完成", 14), ("target", "目标", 12), ("met", "是否达到", 16))


def build_annual_summary_workbook(doc):
	"""年度工作总结's tables (the organisations' movements and the rates against the targets) as an
	.xlsx in the annexes' style: title, 填报单位 (the reporting unit) and 填报时间 (when it was
	submitted, else today), the two tables with borders, the notes; A4 portrait, one page wide.
	Takes the Annual Summary document; returns the bytes."""
	year = frappe.db.get_value("Campaign Year", doc.campaign_year, "year") or doc.campaign_year
	wb = Workbook()
	ws = wb.active
	ws.title = "年度工作总结附表"
	width = len(SUMMARY_RATES)
	last = get_column_letter(width)
	for i, (_f, _label, w) in enumerate(SUMMARY_RATES, 1):
		ws.column_dimensions[get_column_letter(i)].width = w
	a4_landscape(ws)
	ws.page_setup.orientation = "portrait"

	put = row_writer(ws)

	r = put([f"{doc.reporting_unit}{year}年度“三分类三升级”活动工作总结附表"], Styles.title, CENTER, False, 30)
	ws.merge_cells(f"A{r}:{last}{r}")
	when = getdate(doc.submitted_on) if doc.get("submitted_on") else None
	r = put([f"填报单位：{doc.reporting_unit}", None, None, f"填报时间：{when.year}年{when.month}月{when.day}日" if when
		else f"填报时间：{annexes.filing_date()}（草稿）"], Styles.body, LEFT, False, 20)
	ws.merge_cells(f"A{r}:C{r}")
	ws.merge_cells(f"D{r}:{last}{r}")
	ws.cell(r, 4).alignment = Alignment(horizontal="right")
	r = put(["一、党组织级次变化"], Styles.header, LEFT, False, 20)
	ws.merge_cells(f"A{r}:{last}{r}")
	labels = [label for _f, label in SUMMARY_MOVES]
	put(labels, Styles.header, CENTER, True, max(22, wrapped_height(labels, [w for _f, _l, w in SUMMARY_RATES])))
	put([doc.get(f) or 0 for f, _l in SUMMARY_MOVES])
	r = put(["二、升级率完成情况"], Styles.header, LEFT, False, 20)
	ws.merge_cells(f"A{r}:{last}{r}")
	header = put([label for _f, label, _w in SUMMARY_RATES], Styles.header, CENTER, True, 22)
	ws.print_title_rows = f"{header}:{header}"
	for row in doc.get("rates") or []:
		put([row.get(f) for f, _l, _w in SUMMARY_RATES])
	ws.append([])
	generated = getdate(doc.generated_on) if doc.get("generated_on") else None
	notes = RATE_NOTES + ((f"4.表中数据按分类管理台账生成于{generated.year}年{generated.month}月{generated.day}日。",)
		if generated else ())
	for note in notes:
		r = put([note], Styles.note, LEFT, False)
		ws.merge_cells(f"A{r}:{last}{r}")
		ws.row_dimensions[r].height = 30
		ws.cell(r, 1).alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
	out = tempfile.SpooledTemporaryFile()
	wb.save(out)
	out.seek(0)
	return out.read()


@frappe.whitelist()
def export_annual_summary(name):
	"""年度工作总结's 导出Excel（正式格式）: the summary's tables of ``name`` (an Annual Summary) in the
	annexes' style. Raises PermissionError for a user who may not print it (a unit outside one's
	subtree included), DoesNotExistError for an unknown name."""
	doc = frappe.get_doc("Annual Summary", name)
	doc.check_permission("print")
	send(build_annual_summary_workbook(doc), f"年度工作总结附表-{doc.campaign_year}-{doc.reporting_unit}.xlsx")
