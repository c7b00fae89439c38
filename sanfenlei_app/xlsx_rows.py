"""Styled data rows for openpyxl's write-only worksheets, written as one piece of XML each.

openpyxl turns every cell into a Python object, binds and checks its value, looks up its
style and writes it element by element: about 40 µs a cell, 5–6 s for 附件3 at 20,000 rows.
The rows of a table all look alike, so a `RawRow` carries (style id, value) pairs and the
worksheet writes it as the same `<row>` XML openpyxl would write, parsed once and handed to
openpyxl's own stream.  Headers, merges, notes, page setup and styles stay openpyxl's.

No Frappe here: the plain tests compare these rows with openpyxl's own cells.
"""

import datetime
import decimal
from xml.sax.saxutils import escape

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.compat import safe_string
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.xml.functions import fromstring

_LETTERS = [get_column_letter(i) for i in range(1, 65)]
MAX_TEXT = 32767  # Excel's limit for a cell's text (openpyxl cuts there too)


class RawRow(list):
	"""A data row: [(style id, value), …] from column A on; the style id is a template
	cell's `style_id` (openpyxl adds the look to the workbook's style table)."""


def accept_raw_rows(ws):
	"""Let the write-only worksheet ``ws`` take `RawRow` rows in `ws.append` next to ordinary
	ones; the row numbers stay openpyxl's own count."""
	ws._get_writer()
	writer = ws._writer
	values_to_row, write_row = ws._values_to_row, writer.write_row
	epoch = ws.parent.epoch

	def _values_to_row(values, row_idx):
		return values if isinstance(values, RawRow) else values_to_row(values, row_idx)

	def _write_row(xf, row, row_idx):
		if isinstance(row, RawRow):
			xf.write(fromstring(row_xml(row_idx, row, epoch)))
		else:
			write_row(xf, row, row_idx)

	ws._values_to_row = _values_to_row
	writer.write_row = _write_row


def row_xml(row_idx, cells, epoch=None):
	"""The `<row>` element of SpreadsheetML for ``cells``, as openpyxl writes it."""
	out = [f'<row r="{row_idx}">']
	for letter, (style, value) in zip(_LETTERS, cells):
		ref = f'r="{letter}{row_idx}" s="{style}"'
		if value is None:
			out.append(f'<c {ref} t="n"/>')
		elif value == "":
			out.append(f'<c {ref} t="inlineStr"/>')
		elif isinstance(value, str):
			value = ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_TEXT]
			text = escape(value)
			space = ' xml:space="preserve"' if value != value.strip() else ""
			out.append(f'<c {ref} t="inlineStr"><is><t{space}>{text}</t></is></c>')
		elif isinstance(value, bool):
			out.append(f'<c {ref} t="b"><v>{int(value)}</v></c>')
		elif isinstance(value, (int, float, decimal.Decimal)):
			number = safe_string(value)  # as openpyxl writes it; NaN and infinity become an empty cell
			out.append(f'<c {ref} t="n"><v>{number}</v></c>' if number else f'<c {ref} t="n"/>')
		elif isinstance(value, (datetime.date, datetime.datetime)):
			serial = to_excel(value, epoch) if epoch else to_excel(value)
			out.append(f'<c {ref} t="n"><v>{serial}</v></c>')
		else:
			raise TypeError(f"不能写入 Excel 的值：{value!r}")
	out.append("</row>")
	return "".join(out)
