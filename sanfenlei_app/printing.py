"""What the print formats ask of the site while they render: the PDF renderer's scale and the
page layout of 附件2 (the rules of the layout are plain functions in ``print_layout``)."""

import io

import frappe

from sanfenlei_app import print_layout

SCALE_KEY = "sanfenlei_pdf_scale"
# a line, 1,000 px of nothing and a line: how far apart the renderer puts them says its scale
PROBE = ('<html><head><meta charset="utf-8"></head><body style="margin:0">'
	'<p style="margin:0;font-size:10px;line-height:10px">甲</p><div style="height:1000px"></div>'
	'<p style="margin:0;font-size:10px;line-height:10px">乙</p></body></html>')


def renderer_scale():
	"""Points per CSS px of the PDF renderer this site prints with (Frappe's ``get_pdf``, i.e.
	wkhtmltopdf with Frappe's options): measured once by rendering a probe page and reading its
	two lines' positions, then kept in the cache for a day. Returns a float (0.75 for a 96 dpi
	layout, about 0.58 for wkhtmltopdf on a distribution's Qt); 0.75 when nothing could be
	measured. Raises nothing."""
	scale = frappe.cache.get_value(SCALE_KEY)
	if scale:
		return scale
	try:
		from frappe.utils.pdf import get_pdf
		from pypdf import PdfReader

		pdf = get_pdf(PROBE, {"page-height": "600mm", "page-width": "210mm", "margin-top": "0mm", "margin-bottom": "0mm"})
		ys = {}

		def seen(text, cm, tm, _font, _size):
			if text.strip():
				ys[text.strip()] = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]

		PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=seen)
		scale = (ys["甲"] - ys["乙"]) / 1010
		if not 0.2 < scale < 2:
			raise ValueError(scale)
	except Exception:
		frappe.log_error("PDF renderer scale not measured")
		return 0.75
	frappe.cache.set_value(SCALE_KEY, scale, expires_in_sec=24 * 3600)
	return scale


def annex2_layout(doc):
	"""Jinja method for 附件2: the sheet's items cut into A4 pages, whether the opinions start a
	new page, and the evidence list (``print_layout.annex2_layout``), for this site's renderer.
	Takes the Assessment Sheet being printed; returns the layout dict."""
	attached = frappe.get_all("File", filters={"attached_to_doctype": doc.doctype, "attached_to_name": doc.name,
		"is_folder": 0}, pluck="file_url", order_by="creation asc")
	box = print_layout.page_box(renderer_scale(), margins=print_layout.ANNEX2["margins"])
	# the rows whose texts come from elsewhere: the departments' opinions, the returns
	opinions = frappe.get_all("Evaluation Opinion", filters={"sheet": doc.name},
		fields=["opinion", "deduction_reason"]) if doc.name else []
	extra = [f"{o.opinion or ''}，拟扣分（{o.deduction_reason or ''}）（某某某，2012年04月30日）" for o in opinions]
	extra += [f"2012年04月30日某某某退回：{s.reason}" for s in doc.get("steps") or [] if s.get("reason")]
	return print_layout.annex2_layout(doc, attached, box, extra)
