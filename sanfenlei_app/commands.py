"""bench commands of the app: ``bench --site S sanfenlei-configure-site`` and
``bench --site S sanfenlei-demo [--scale N]``."""

import click
import frappe
from frappe.commands import get_site, pass_context


@click.command("sanfenlei-configure-site")
@pass_context
def configure_site_command(context):
	"""Set language zh, time zone Asia/Shanghai and finish the setup wizard."""
	from sanfenlei_app.setup.install import configure_site

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		configure_site()
		click.echo(f"{site}: 语言 zh, 时区 Asia/Shanghai, 设置向导已完成")
	finally:
		frappe.destroy()


@click.command("sanfenlei-demo")
@click.option("--scale", default=1, type=int, help="multiply the grassroots organisations (benchmarks)")
@click.option("--seed", default=2012, type=int, help="random seed (the data is deterministic)")
@click.option("--force", is_flag=True, help="rebuild even if demo data already exists")
@click.option("--sheets", is_flag=True, help="also approved Initial grading sheets for every graded organisation")
@click.option("--year-end", is_flag=True, help="also approved Year End sheets (implies --sheets)")
@pass_context
def demo_command(context, scale, seed, force, sheets, year_end):
	"""Load the demo district: organisations, demo users and the current campaign year."""
	from sanfenlei_app.setup.demo import make_demo

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		summary = make_demo(scale=scale, seed=seed, force=force)
		click.echo(f"{site}: {summary}")
		if sheets or year_end:
			from sanfenlei_app.setup.demo_sheets import make_sheets

			frappe.set_user("Administrator")
			for phase in ("Initial", "Year End") if year_end else ("Initial",):
				click.echo(f"{site}: {phase} 申报表新建 {make_sheets(phase=phase, seed=seed)} 份")
			from sanfenlei_app.setup.demo_sheets import make_examples

			click.echo(f"{site}: 争创目标、承诺书、年度工作总结示例 {make_examples()} 份")
	finally:
		frappe.destroy()


commands = [configure_site_command, demo_command]
