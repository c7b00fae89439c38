"""Data rows written as raw XML (sanfenlei_app/xlsx_rows.py) read back exactly like the same
rows written cell by cell through openpyxl: values, types, fonts, borders, alignment, formats."""

import datetime
import io

import openpyxl
import pytest
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side

from sanfenlei_app.xlsx_rows import RawRow, accept_raw_rows, row_xml

THIN = Side(style="thin", color="000000")
LOOKS = {
	"plain": dict(font=Font(name="宋体", size=10.5), border=Border(left=THIN, right=THIN, top=THIN, bottom=THIN),
		alignment=Alignment(horizontal="center", vertical="center", wrap_text=True)),
	"left": dict(font=Font(name="宋体", size=10.5), alignment=Alignment(horizontal="left", wrap_text=True)),
	"pct": dict(font=Font(name="宋体", size=10.5), number_format="0.0%"),
	"date": dict(font=Font(name="宋体", size=10.5), number_format='yyyy"年"m"月"d"日"'),
}
ROWS = [
	[("plain", 1), ("left", "中共成华区某社区委员会"), ("plain", "√"), ("plain", None), ("left", "a & b < c > d \"e\""),
		("date", datetime.date(2012, 11, 30)), ("pct", 0.333), ("plain", True)],
	[("plain", 2), ("left", "  前后有空格  "), ("plain", ""), ("plain", 0), ("left", "多行\n措施"),
		("date", None), ("pct", 1), ("plain", 12.5)],
]


def styled(ws, look, value=None):
	c = WriteOnlyCell(ws, value=value)
	for attr, v in LOOKS[look].items():
		setattr(c, attr, v)
	return c


def workbook(raw):
	wb = Workbook(write_only=True)
	ws = wb.create_sheet("附件3")
	ws.append([styled(ws, "plain", "附件3")])
	if raw:
		accept_raw_rows(ws)
		ids = {look: styled(ws, look).style_id for look in LOOKS}
	for row in ROWS:
		if raw:
			ws.append(RawRow((ids[look], value) for look, value in row))
		else:
			ws.append([styled(ws, look, value) for look, value in row])
	ws.append([styled(ws, "left", "说明：此行在数据之后")])
	ws.merged_cells.add("A4:H4")
	out = io.BytesIO()
	wb.save(out)
	return openpyxl.load_workbook(io.BytesIO(out.getvalue()))["附件3"]


def looks(c):
	return (c.value, c.data_type, c.number_format, c.font.name, c.font.sz, c.alignment.horizontal,
		c.alignment.wrap_text, c.border.left.style, c.border.bottom.style)


def test_raw_rows_read_back_like_openpyxl_cells():
	by_cells, by_raw = workbook(raw=False), workbook(raw=True)
	assert by_raw.max_row == by_cells.max_row == 4
	assert [str(r) for r in by_raw.merged_cells.ranges] == ["A4:H4"]
	for r in range(1, 5):
		for c in range(1, 9):
			assert looks(by_raw.cell(r, c)) == looks(by_cells.cell(r, c)), (r, c)
	assert by_raw["B3"].value == "  前后有空格  "
	assert by_raw["E2"].value == 'a & b < c > d "e"'
	assert by_raw["F2"].value == datetime.datetime(2012, 11, 30)
	assert by_raw["A4"].value == "说明：此行在数据之后"  # openpyxl's own row count went on after the raw rows


def test_control_characters_are_dropped_not_fatal():
	xml = row_xml(7, [(0, "措施\x0b一\x00二")])
	assert "措施一二" in xml and 'r="A7"' in xml


def test_text_is_cut_at_excels_limit_and_odd_numbers_leave_the_cell_empty():
	xml = row_xml(1, [(0, "措" * 40000), (0, float("nan")), (0, 0.1 + 0.2)])
	assert xml.count("措") == 32767
	assert '<c r="B1" s="0" t="n"/>' in xml and "<v>0.3</v>" in xml


def test_unknown_values_are_refused_in_chinese():
	with pytest.raises(TypeError, match="不能写入 Excel"):
		row_xml(1, [(0, object())])
