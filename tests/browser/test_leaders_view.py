"""The leaders' view in a real browser: the workspace as the District Admin and as a leader, with
no console error and no page error (the test collects them), the units' chart telling twelve
streets apart, every chart's legend naming its series and its axis printing counts as counts,
an empty chart saying so; every report opening on the current year with no 缺少筛选条件 and no
header cut short; a leader's sidebar holding the campaign only and its forms no comment box (and
the server refusing a leader's comment)."""

import random

import frappe

from .conftest import ARTIFACTS, User, make_user, uid

PLACES = ["东风", "红星", "建设", "和平", "光明", "胜利", "新华", "解放", "人民", "团结", "友谊", "幸福"]
REPORTS = ["Annex 3 Classification List", "Annex 4 Classification Summary", "Annex 5 Remote Site List",
	"Annex 6 Remote Site Summary", "Classification Ledger", "Upgrade Rate Statistics", "Upgrade Progress by Quarter",
	"Grade Distribution", "Review Progress"]


def a_year_of_twelve_streets():
	"""A campaign year of its own (made current), twelve streets with full names as a district
	writes them, each with graded organisations."""
	from sanfenlei_app.grading import load_standard
	from tests.integration.conftest import Tree

	free = [y for y in range(2030, 2100) if not frappe.db.exists("Campaign Year", str(y))]
	year = str(random.choice(free))
	frappe.get_doc({"doctype": "Campaign Year", "year": int(year), "is_current": 0}).insert()
	t = Tree()
	d = t.district()
	grades = [("Advanced", 4), ("Ordinary", 3), ("Lagging", 0)]
	for n, place in enumerate(PLACES):
		street = t.org(f"中共测试区{place}街道工作委员会", "Reporting Unit", d.name, unit_kind="Street Committee",
			domain="Street Committee", short_name=f"{place}街道党工委")
		for k in range(2):
			org = t.org(f"{place}社区{k}", "Grassroots", street.name, domain="Community")
			sheet = frappe.get_doc({"doctype": "Assessment Sheet", "organization": org.name, "campaign_year": year,
				"phase": "Initial"})
			load_standard(sheet)
			sheet.insert()
			grade, stars = grades[(n + k) % 3]
			sheet.db_set({"decided_grade": grade, "decided_stars": stars, "docstatus": 1, "workflow_state": "Graded"})
	return year


def workspace_findings(u, name):
	"""Open the workspace, let every chart render; returns what the page shows of its charts."""
	page = u.go("/app/三分类三升级")
	page.wait_for_selector(".widget.dashboard-widget-box", timeout=30000)
	page.wait_for_timeout(6000)
	u.page.screenshot(path=f"{ARTIFACTS}/{name}-desktop.png", full_page=True)
	return page.evaluate("""() => {
		const out = {};
		for (const w of document.querySelectorAll('.widget')) {
			if (!w.querySelector('.chart-loading-state')) continue;  // the charts, not the number cards
			const shown = [...w.querySelectorAll('.chart-loading-state')].filter(e => e.offsetParent);
			out[((w.querySelector('.widget-title') || {}).innerText || '').trim()] = {
				x: [...w.querySelectorAll('.x.axis text')].map(t => t.textContent.trim()),
				y: [...w.querySelectorAll('.y.axis text')].map(t => t.textContent.trim()),
				legend: [...w.querySelectorAll('.legend-dataset-label')].map(t => t.textContent.trim()),
				state: shown.map(e => e.innerText.trim()).join(' '),
			};
		}
		out.sidebar = [...document.querySelectorAll('.desk-sidebar .sidebar-item-label')].map(e => e.textContent.trim());
		out.shortcuts = [...document.querySelectorAll('.widget.shortcut-widget-box .widget-title')].map(e => e.innerText.trim());
		return out;
	}""")


def test_the_workspace_and_reports_are_legible_and_a_leader_only_reads(browser):
	frappe.set_user("Administrator")
	was_current = frappe.db.get_value("Campaign Year", {"is_current": 1}, "name")
	district = make_user(f"lv-district-{uid()}@test.local", ["District Admin"], "区领导甲")
	leader = make_user(f"lv-leader-{uid()}@test.local", ["Campaign Leader"], "领导乙")
	year = a_year_of_twelve_streets()
	frappe.db.set_value("Campaign Year", year, "is_current", 1)
	frappe.db.sql("update `tabCampaign Year` set is_current = 0 where name != %s", year)
	frappe.db.commit()
	sheet = frappe.get_all("Assessment Sheet", filters={"campaign_year": year}, pluck="name", limit=1)[0]
	try:
		for who, email in (("district", district), ("leader", leader)):
			u = User(browser, email)
			problems = []
			u.page.on("console", lambda m: problems.append(f"console.{m.type}: {m.text[:160]}") if m.type == "error" else None)
			u.page.on("pageerror", lambda e: problems.append(f"pageerror: {str(e)[:160]}"))
			seen = workspace_findings(u, f"workspace-{who}")
			units = seen["各上报单位分类情况"]
			assert sorted(units["x"]) == sorted(PLACES), units  # twelve places, none cut to “中共..”
			movement = seen["年初与年底级次对比"]
			assert "年初" in " ".join(movement["legend"]) and "年底" in " ".join(movement["legend"]), movement
			for title, chart in seen.items():
				if title in ("sidebar", "shortcuts"):
					continue
				assert not any(y.endswith(".00") for y in chart["y"]), f"{title}: axis {chart['y']}"
			over_time = seen["审核进度（每日进入各环节）"]  # no step logged in this year: it says so
			assert over_time["state"] == "无数据" and not over_time["x"], over_time
			expected = ["三分类三升级", "用户管理"] if who == "district" else ["三分类三升级"]
			assert seen["sidebar"] == expected, seen["sidebar"]
			# the workspace's shortcuts lead to what the user may open: no 用户 for anyone here (用户管理 has it)
			assert "附件3 分类名单统计表" in seen["shortcuts"] and "用户" not in seen["shortcuts"], seen["shortcuts"]
			# every report opens on the current year, with no missing filter and no header cut short
			for report in REPORTS:
				page = u.go(f"/app/query-report/{report}")
				page.wait_for_timeout(2500)
				shown = page.evaluate("""() => ({
					year: (frappe.query_report && frappe.query_report.get_filter_value('campaign_year')) || '',
					modal: [...document.querySelectorAll('.modal.show')].map(m => m.innerText).join(' | '),
					cut: [...document.querySelectorAll('.dt-header .dt-cell__content')]
						.filter(c => c.innerText.trim() && c.scrollWidth > c.clientWidth + 1).map(c => c.innerText.trim()),
				})""")
				assert shown["year"] == year and not shown["modal"], (report, shown)
				assert not shown["cut"], f"{report}: headers cut short {shown['cut']}"
			page = u.go(f"/app/assessment-sheet/{sheet}")
			page.wait_for_timeout(1500)
			boxes = page.locator(".comment-box:visible").count()
			assert (boxes == 0) == (who == "leader"), f"{who}: {boxes} comment boxes"
			assert not problems, f"{who}: {problems[:5]}"
			u.close()
			print(f"\n{who}: units {units['x']}; sidebar {seen['sidebar']}; {len(REPORTS)} reports opened on {year}")
		# the server refuses a leader's comment whatever the path
		from tests.integration.conftest import Rest, message

		r = Rest(leader).post("/api/method/frappe.desk.form.utils.add_comment", {"reference_doctype": "Assessment Sheet",
			"reference_name": sheet, "content": "领导批示", "comment_email": leader, "comment_by": "领导乙"})
		assert r.status_code == 403 and "不能发表评论" in message(r), (r.status_code, message(r))
		assert not frappe.db.exists("Comment", {"reference_name": sheet, "content": ["like", "%领导批示%"]})
	finally:
		frappe.db.set_value("Campaign Year", was_current, "is_current", 1)
		frappe.db.sql("update `tabCampaign Year` set is_current = 0 where name != %s", was_current)
		frappe.db.commit()
