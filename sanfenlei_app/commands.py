"""bench commands of the app: ``bench --site S sanfenlei-configure-site`` and
``bench --site S sanfenlei-demo [--scale N]``."""

import click
import frappe
from frappe.commands import get_site, pass_context


@click.command("sanfenlei-configure-site")
@click.option("--time-zone", default="Asia/Shanghai", help="the site's time zone (the database's must match)")
@click.option("--smtp-server", default=None, help="outgoing mail server; without it no mail account is set")
@click.option("--smtp-port", default=25, type=int)
@click.option("--smtp-login", default=None)
@click.option("--smtp-password", default=None)
@click.option("--mail-from", default=None, help="the sender address of the reminders")
@pass_context
def configure_site_command(context, time_zone, smtp_server, smtp_port, smtp_login, smtp_password, mail_from):
	"""Language zh, the time zone, hardened System Settings, the setup wizard finished, and
	the outgoing mail account when a server is given."""
	from sanfenlei_app.setup.install import configure_outgoing_mail, configure_site

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		configure_site(time_zone=time_zone)
		click.echo(f"{site}: 语言 zh, 时区 {time_zone}, 安全设置（密码策略、登录失败锁定、会话过期、每日备份）, 设置向导已完成")
		if smtp_server:
			configure_outgoing_mail(smtp_server, smtp_port, mail_from, smtp_login, smtp_password)
			click.echo(f"{site}: 发信服务器 {smtp_server}:{smtp_port}")
	finally:
		frappe.destroy()


@click.command("sanfenlei-demo")
@click.option("--scale", default=1, type=int, help="multiply the grassroots organisations (benchmarks)")
@click.option("--seed", default=2012, type=int, help="random seed (the data is deterministic)")
@click.option("--force", is_flag=True, help="rebuild even if demo data already exists")
@click.option("--sheets", is_flag=True, help="also approved grading sheets: 2012 (April and December) and this year's April")
@click.option("--year-end", is_flag=True, help="also this year's approved Year End sheets (implies --sheets)")
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
			from sanfenlei_app.sanfenlei_app.doctype.campaign_year.campaign_year import get_current_year
			from sanfenlei_app.setup.demo import NOTICE_YEAR
			from sanfenlei_app.setup.demo_sheets import make_examples, make_sheets, make_tracking_examples

			frappe.set_user("Administrator")
			current = get_current_year()
			# the notice's year, finished (April and December), then this year's April (and December)
			plan = [(str(NOTICE_YEAR), "Initial"), (str(NOTICE_YEAR), "Year End"), (current, "Initial")]
			if year_end:
				plan.append((current, "Year End"))
			for year, phase in dict.fromkeys(plan):
				click.echo(f"{site}: {year} {phase} 申报表新建 {make_sheets(campaign_year=year, phase=phase, seed=seed)} 份")
			click.echo(f"{site}: 争创目标、承诺书、年度工作总结示例 {make_examples(campaign_year=current)} 份")
			click.echo(f"{site}: 升级措施、进展、践诺、督查指导示例 {make_tracking_examples(campaign_year=current)} 份")
	finally:
		frappe.destroy()


commands = [configure_site_command, demo_command]
