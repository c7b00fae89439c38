"""Browser tests: Playwright driving Debian's Chromium (headless, a fresh profile per test)
against the disposable test site served on 127.0.0.1.  Screenshots go to
$SANFENLEI_ARTIFACTS/screenshots at desktop and phone widths."""

import os

import pytest

from tests.integration.conftest import (  # noqa: F401  (fixtures)
	PASSWORD,
	SITE,
	Tree,
	as_admin,
	make_user,
	site,
	uid,
)

CHROMIUM = os.environ.get("SANFENLEI_CHROMIUM", "/usr/bin/chromium")
PORT = os.environ.get("SANFENLEI_WEB", "http://127.0.0.1:8000").rsplit(":", 1)[-1]
BASE = f"http://{SITE}:{PORT}" if SITE else None
ARTIFACTS = os.path.join(os.environ.get("SANFENLEI_ARTIFACTS", "/tmp/sanfenlei-artifacts"), "screenshots")
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
	"--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


@pytest.fixture(scope="session")
def browser():
	from playwright.sync_api import sync_playwright

	if not os.path.exists(CHROMIUM):
		pytest.fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
	os.makedirs(ARTIFACTS, exist_ok=True)
	host = SITE
	with sync_playwright() as p:
		b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
			args=ARGS + [f"--host-resolver-rules=MAP {host} 127.0.0.1"])
		yield b
		b.close()


class User:
	"""One person's browser session (a fresh context: no cookies, no storage)."""

	def __init__(self, browser, email, password=PASSWORD):
		self.context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
		self.page = self.context.new_page()
		self.page.set_default_timeout(20000)
		self.email = email
		self.page.goto(f"{BASE}/login")
		self.page.fill("#login_email", email)
		self.page.fill("#login_password", password)
		self.page.click(".btn-login")
		self.page.wait_for_load_state("networkidle")
		self.page.wait_for_timeout(1000)

	def go(self, path):
		self.page.goto(f"{BASE}{path}")
		self.page.wait_for_load_state("networkidle")
		return self.page

	def shot(self, name, phone_too=True):
		"""Screenshots of the current page at desktop and at phone width."""
		self.page.screenshot(path=os.path.join(ARTIFACTS, f"{name}-desktop.png"), full_page=True)
		if phone_too:
			self.page.set_viewport_size(PHONE)
			self.page.wait_for_timeout(800)
			self.page.screenshot(path=os.path.join(ARTIFACTS, f"{name}-phone.png"), full_page=True)
			self.page.set_viewport_size(DESKTOP)
			self.page.wait_for_timeout(300)

	def close(self):
		self.context.close()
