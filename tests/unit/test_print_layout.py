"""The page layout of the printed annexes (print_layout.py), without a site: rows shared out over
pages so that none overflows its page, none is lost or repeated, the order is kept, and what
follows the table starts a page of its own exactly when it would not fit below the last row."""

import random

from sanfenlei_app import print_layout as pl


def test_line_count_counts_wide_characters_and_paragraphs():
	assert pl.line_count("", 10) == 1
	assert pl.line_count("一二三四五六七八九十", 10) == 1
	assert pl.line_count("一二三四五六七八九十一", 10) == 2
	assert pl.line_count("一二三\n四五六", 10) == 2
	assert pl.line_count("一<br>二<br>三", 10) == 3
	# Latin letters and digits are narrower than Chinese characters, never wider
	assert pl.line_count("a" * 16, 10) == 1 and pl.line_count("a" * 17, 10) == 2


def test_pages_hold_their_rows_in_order_and_the_tail_moves_only_when_it_must():
	rnd = random.Random(2012)
	cases = 0
	for _ in range(3000):
		first, room = rnd.uniform(200, 900), rnd.uniform(600, 1000)
		heights = [rnd.uniform(10, 400) for _ in range(rnd.randint(0, 40))]
		tail = rnd.uniform(0, 600)
		pages, tail_on_new_page = pl.paginate(heights, first, room, tail)
		assert [i for p in pages for i in p] == list(range(len(heights)))  # every row once, in order
		assert all(pages[1:]) and (pages[0] or not heights)
		for n, page in enumerate(pages):
			used = sum(heights[i] for i in page)
			limit = first if n == 0 else room
			assert used <= limit or len(page) == 1, (n, used, limit)  # only a lone row may overflow
			if n + 1 < len(pages):  # a page ends only when the next row would not fit
				assert used + heights[pages[n + 1][0]] > limit
		left = (first if len(pages) == 1 else room) - sum(heights[i] for i in pages[-1])
		assert tail_on_new_page == (tail > left)
		cases += 1
	print(f"\n{cases} random tables paginated")


def test_a_page_of_the_renderer_in_css_pixels():
	# a 96 dpi layout (0.75 pt per px): A4 less 20 mm each side is 170 mm = 642.5 px wide
	width, height = pl.page_box(0.75, margins=(15, 20, 15, 20))
	assert round(width, 1) == 642.5 and round(height, 1) == 1009.1
	# the distribution's wkhtmltopdf lays out about 125 px per inch: more pixels on the same paper
	assert pl.page_box(0.5765)[0] > 830


def test_annex2_cuts_a_long_sheet_and_keeps_a_short_one_on_one_page():
	items = [{"idx": n, "category": "组织设置", "content": "党组织按照党章规定设置，组织形式与党员人数、工作需要相适应" * 2,
		"item_kind": "Deduction"} for n in range(1, 10)]
	short = {"items": items, "entries": [{"item_no": 1, "reason": "三会一课记录不全", "points": 1}]}
	layout = pl.annex2_layout(short, box=pl.page_box(0.5765))
	assert len(layout["pages"]) == 1 and not layout["tail_on_new_page"]
	long = {"items": items, "entries": [{"item_no": n, "reason": "组织生活会记录不全，三会一课落实不到位" * 3, "points": 0.5,
		"evidence": f"/private/files/证据{n}-{k}.jpg"} for n in range(1, 10) for k in range(4)]}
	layout = pl.annex2_layout(long, ["/private/files/会议记录.pdf", "/private/files/证据1-0.jpg", "/private/files/会议记录.pdf"],
		pl.page_box(0.5765))
	assert len(layout["pages"]) > 1 and [x["item"]["idx"] for p in layout["pages"] for x in p] == list(range(1, 10))
	# the evidence list: each entry's file with its item, then the sheet's own files not named already
	assert layout["evidence"][0] == ("证据1-0.jpg", "第1项") and layout["evidence"][-1] == ("会议记录.pdf", "")
	assert len(layout["evidence"]) == 37
	# a narrower page (96 dpi) holds fewer rows
	assert len(pl.annex2_layout(long, box=pl.page_box(0.75))["pages"]) >= len(layout["pages"])


def test_paragraphs_are_cut_into_pieces_that_fit_and_lose_nothing():
	rnd = random.Random(7)
	for _ in range(2000):
		em, most = rnd.uniform(5, 30), rnd.randint(1, 40)
		texts = ["".join(rnd.choice("三分类三升级abc，1") for _ in range(rnd.randint(0, 300))) for _ in range(rnd.randint(0, 6))]
		pieces = pl.split_lines(texts, em, most)
		assert "".join("".join(p) for p in pieces) == "".join(texts)  # nothing lost, order kept
		assert all(sum(pl.line_count(t, em) for t in p) <= most for p in pieces if p), (em, most)


def test_a_reason_longer_than_a_page_goes_on_under_the_next_pages_header():
	items = [{"idx": n, "category": "组织设置", "content": "党组织按照党章规定设置", "item_kind": "Deduction"} for n in (1, 2, 3)]
	huge = "组织生活会记录不全，三会一课落实不到位。" * 130  # about 2,500 characters
	sheet = {"items": items, "entries": [{"item_no": 2, "reason": huge, "points": 1}]}
	box = pl.page_box(0.5765)
	layout = pl.annex2_layout(sheet, box=box)
	pieces = [x for p in layout["pages"] for x in p if x["item"]["idx"] == 2]
	assert len(pieces) >= 3 and pieces[0]["first"] and pieces[-1]["last"] and not any(x["first"] for x in pieces[1:])
	assert "".join("".join(x["reasons"]) for x in pieces) == pl.annex2_reasons(sheet, 2)[0]
	# each page's rows fit under its header: only a piece, never a row, may be cut
	assert all(len([x for x in p if x["item"]["idx"] == 2]) <= 1 for p in layout["pages"])
