"""What Frappe itself makes of the app's files, on the test site (issue 22: one source per thing).

- Every standard record of the module in the site is a file of the repository and every file a
  record; Frappe's own export of each record (what developer mode writes after a desk change) is
  the file as committed, so the file is the one source and nothing else writes it.
- Frappe's export of each fixture named in hooks.py is the committed fixture file.
- Saved in the desk in developer mode, every standard record but the DocTypes (print formats,
  notifications, reports, web forms, workspaces, number cards, charts) is written back by Frappe
  to its own files, byte for byte but for its "modified" and "creation" stamps: no second file, no
  template copied into a JSON.
- Every print format prints from its <name>.html (Frappe's printview reads that file).
- Every dotted path in hooks.py resolves; the folders tests/unit/test_layout.py checks are the
  ones Frappe syncs.
- `bench build --app sanfenlei_app` prints no warning.
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import frappe
import pytest
from frappe.modules import scrub

from tests.unit.test_layout import MODULE, MODULE_NAME, PACKAGE, RECORD_FOLDERS

# set per site by after_migrate (setup/install.sync_reminder_channel): e-mail once an outbox exists
SITE_SETTINGS = {"Notification": {"channel", "send_system_notification"}}
BOOKKEEPING = {"modified", "creation"}


def test_record_folders_are_frappes():
	"""The module folders the app uses are those Frappe syncs: sync_for's IMPORTABLE_DOCTYPES, and the
	charts and cards sync_dashboards reads (frappe.utils.dashboard.make_records_in_module)."""
	import inspect

	from frappe.model.sync import IMPORTABLE_DOCTYPES
	from frappe.utils.dashboard import make_records_in_module

	importable = {folder for _module, folder in IMPORTABLE_DOCTYPES}
	source = inspect.getsource(make_records_in_module)
	importable |= {scrub(kind) for kind in ("dashboard chart", "number card") if f'"{kind}"' in source}
	assert set(RECORD_FOLDERS) <= importable, set(RECORD_FOLDERS) - importable


@pytest.fixture
def export_dir(tmp_path, monkeypatch):
	"""Frappe's write_document_file, writing under tmp_path instead of the app's module folder."""
	import frappe.modules.export_file as export_file

	def create_folder(module, dt, dn, create_init, is_custom_module):
		folder = tmp_path / scrub(dt) / scrub(dn)
		folder.mkdir(parents=True, exist_ok=True)
		return str(folder)

	monkeypatch.setattr(export_file, "create_folder", create_folder)
	monkeypatch.setattr(frappe, "get_site_path", lambda *a: str(tmp_path))  # its guard against writing elsewhere
	return tmp_path


def test_every_record_is_its_file_as_frappe_exports_it(export_dir):
	from frappe.modules.export_file import write_document_file

	covered = {}
	for folder, (doctype, flag, value) in RECORD_FOLDERS.items():
		in_site = set(frappe.get_all(doctype, filters={"module": MODULE_NAME, flag: value}, pluck="name"))
		in_repo = {json.loads((p / f"{p.name}.json").read_text(encoding="utf-8"))["name"]
			for p in (MODULE / folder).iterdir() if p.is_dir() and p.name != "__pycache__"}
		assert in_site == in_repo, f"{doctype}: only in the site {in_site - in_repo}, only in files {in_repo - in_site}"
		for name in sorted(in_site):
			write_document_file(frappe.get_doc(doctype, name), MODULE_NAME)
			rel = Path(scrub(doctype)) / scrub(name) / f"{scrub(name)}.json"
			exported = json.loads((export_dir / rel).read_text(encoding="utf-8"))
			committed = json.loads((MODULE / rel).read_text(encoding="utf-8"))
			ignore = BOOKKEEPING | SITE_SETTINGS.get(doctype, set())
			differ = sorted(k for k in set(exported) | set(committed)
				if k not in ignore and exported.get(k) != committed.get(k))
			assert not differ, f"{rel}: Frappe's export differs from the file in {differ}"
			# what Frappe writes beside the JSON (a code field such as a report's query) is committed too
			for extra in (export_dir / rel.parent).iterdir():
				if extra.suffix != ".json":
					assert (MODULE / rel.parent / extra.name).read_text(encoding="utf-8") == extra.read_text(encoding="utf-8")
		covered[doctype] = len(in_site)
	print("records exported by Frappe and compared:", covered)
	assert sum(covered.values()) >= 70


def test_every_fixture_is_frappes_export(tmp_path):
	from frappe.core.doctype.data_import.data_import import export_json

	for fixture in frappe.get_hooks("fixtures", app_name="sanfenlei_app"):
		path = tmp_path / f"{scrub(fixture['dt'])}.json"
		export_json(fixture["dt"], str(path), filters=fixture.get("filters"), order_by="idx asc, creation asc")
		exported = json.loads(path.read_text(encoding="utf-8"))
		committed = json.loads((PACKAGE / "fixtures" / path.name).read_text(encoding="utf-8"))
		key = lambda d: d["name"]  # noqa: E731
		assert sorted(exported, key=key) == sorted(committed, key=key), f"fixtures/{path.name} is not what Frappe exports"
		print(fixture["dt"], len(exported), "records as exported")


def test_print_formats_print_from_their_html():
	from frappe.www.printview import get_print_format

	names = frappe.get_all("Print Format", filters={"module": MODULE_NAME, "standard": "Yes"}, pluck="name")
	for name in names:
		doc = frappe.get_doc("Print Format", name)
		template = MODULE / "print_format" / scrub(name) / f"{scrub(name)}.html"
		assert get_print_format(doc.doc_type, doc) == template.read_text(encoding="utf-8"), name
	print("print formats read from their .html:", names)
	assert len(names) == 6


def dotted_paths(value):
	if isinstance(value, str):
		if value.startswith("sanfenlei_app."):
			yield value
	elif isinstance(value, dict):
		for k, v in value.items():
			yield from dotted_paths(k)
			yield from dotted_paths(v)
	elif isinstance(value, list | tuple):
		for v in value:
			yield from dotted_paths(v)


def test_every_hook_resolves():
	"""hooks.py is the one map of the wiring: every function it names exists."""
	import sanfenlei_app.hooks as hooks

	paths = sorted({p for name in dir(hooks) if not name.startswith("_") for p in dotted_paths(getattr(hooks, name))})
	for path in paths:
		assert callable(frappe.get_attr(path)), path
	print(f"{len(paths)} hooked functions resolve")
	assert len(paths) > 40


def test_bench_build_prints_no_warning():
	bench = os.environ.get("SANFENLEI_BENCH", os.path.dirname(os.getcwd()))
	run = subprocess.run(["bench", "build", "--app", "sanfenlei_app"], cwd=bench, capture_output=True, text=True)
	log = run.stdout + run.stderr
	assert run.returncode == 0, log[-2000:]
	assert "warn" not in log.lower(), log
	assert os.path.exists(os.path.join(bench, "sites", "assets", "sanfenlei_app", "js", "sanfenlei.js"))
	print(log.strip().splitlines()[-1])


def without_stamps(text):
	return re.sub(r'"(modified|creation)": "[^"]*"', r'"\1": ""', text)


@pytest.fixture
def module_copy(tmp_path, monkeypatch):
	"""A copy of the module folder, which Frappe's module paths point to while the test runs: what
	developer mode writes lands there."""
	import frappe.modules.export_file
	import frappe.modules.utils

	copy = tmp_path / "module"
	shutil.copytree(MODULE, copy, ignore=shutil.ignore_patterns("__pycache__"))
	real = frappe.get_module_path

	def get_module_path(module, *joins):
		if module != MODULE_NAME:
			return real(module, *joins)
		return os.path.join(str(copy), *(scrub(j) for j in joins))

	for owner in (frappe, frappe.modules.export_file, frappe.modules.utils):
		monkeypatch.setattr(owner, "get_module_path", get_module_path)
	monkeypatch.setitem(frappe.local.conf, "developer_mode", 1)
	yield copy
	frappe.db.rollback()
	frappe.clear_cache()


def test_developer_mode_writes_each_record_back_to_its_own_files(module_copy):
	saved = {}
	for folder, (doctype, flag, value) in RECORD_FOLDERS.items():
		if doctype == "DocType":
			continue  # a DocType's save alters the schema; its export is compared above
		for name in frappe.get_all(doctype, filters={"module": MODULE_NAME, flag: value}, pluck="name"):
			doc = frappe.get_doc(doctype, name)
			doc.set("__onload", frappe._dict())
			doc.run_method("onload")  # as the desk's form loads it (frappe.desk.form.load.getdoc)
			doc.save()
			saved[doctype] = saved.get(doctype, 0) + 1
	before = {p.relative_to(MODULE) for p in MODULE.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
	after = {p.relative_to(module_copy) for p in module_copy.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
	assert after == before, f"developer mode wrote new files {sorted(map(str, after - before))}"
	changed = []
	for rel in sorted(before):
		old, new = (MODULE / rel).read_text(encoding="utf-8"), (module_copy / rel).read_text(encoding="utf-8")
		if rel.suffix == ".json" and rel.parts[0] == "notification":
			ignore = SITE_SETTINGS["Notification"]
			old, new = ({k: v for k, v in json.loads(t).items() if k not in ignore | BOOKKEEPING} for t in (old, new))
		elif rel.suffix == ".json":
			old, new = without_stamps(old), without_stamps(new)
		if old != new:
			changed.append(str(rel))
	assert not changed, f"a save in developer mode changed {changed}"
	print("saved in developer mode, written back unchanged:", saved)
	assert saved.get("Print Format") == 6 and saved.get("Notification") == 3
