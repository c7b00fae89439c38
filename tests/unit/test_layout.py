"""The repository laid out as Frappe and the design card expect, one source per thing (no site).

Swept: every folder of the module "Sanfenlei App" and every record in it, every print format, every
fixture named in hooks.py, every tracked JSON and HTML file of the repository, every line of the
README's layout tree against ``git ls-files``, and the wheel pip builds from pyproject.toml.
What Frappe itself makes of these files (export and import round trips) is checked on the test
site by tests/integration/test_layout.py.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "sanfenlei_app"
MODULE = PACKAGE / "sanfenlei_app"
MODULE_NAME = "Sanfenlei App"

# The folders Frappe syncs a module's records from (frappe/model/sync.py, IMPORTABLE_DOCTYPES) that
# this module uses, each with its DocType and the field that makes a record "standard" (synced from
# the folder and written back to it by developer mode). tests/integration/test_layout.py checks
# these against Frappe's own list.
RECORD_FOLDERS = {
	"doctype": ("DocType", "custom", 0),
	"report": ("Report", "is_standard", "Yes"),
	"print_format": ("Print Format", "standard", "Yes"),
	"web_form": ("Web Form", "is_standard", 1),
	"notification": ("Notification", "is_standard", 1),
	"workspace": ("Workspace", "public", 1),
	"number_card": ("Number Card", "is_standard", 1),
	"dashboard_chart": ("Dashboard Chart", "is_standard", 1),
}


def scrub(text):
	"""frappe.scrub: the folder and file name Frappe gives a record's name."""
	return text.replace(" ", "_").replace("-", "_").lower()


def git_files():
	out = subprocess.run(["git", "-c", "core.quotepath=off", "ls-files"], cwd=ROOT, capture_output=True,
		text=True, check=True).stdout
	return [line for line in out.splitlines() if line]


def hooks():
	namespace = {}
	exec(compile((PACKAGE / "hooks.py").read_text(encoding="utf-8"), "hooks.py", "exec"), namespace)
	return namespace


def record_dirs(folder):
	return sorted(p for p in (MODULE / folder).iterdir() if p.is_dir() and p.name != "__pycache__")


def test_module_folder_holds_only_what_frappe_syncs():
	"""A folder Frappe does not sync (workflow/, dashboard/, fixtures/, tests/) is a second home."""
	entries = sorted(p.name for p in MODULE.iterdir() if p.name != "__pycache__")
	print("module folder:", entries)
	assert set(entries) - {"__init__.py"} <= set(RECORD_FOLDERS), entries
	assert {"doctype", "report", "print_format", "web_form", "workspace"} <= set(entries)


def test_every_record_where_frappe_writes_it():
	"""Each record's folder and file are named scrub(name), as Frappe's export writes them, so that a
	change made in the desk in developer mode lands in the same file."""
	counted = {}
	for folder, (doctype, flag, value) in RECORD_FOLDERS.items():
		if not (MODULE / folder).is_dir():
			continue
		for path in record_dirs(folder):
			source = path / f"{path.name}.json"
			assert source.exists(), f"{path}: no {source.name}"
			doc = json.loads(source.read_text(encoding="utf-8"))
			assert doc["doctype"] == doctype, source
			assert scrub(doc["name"]) == path.name, f"{source}: Frappe would write {doc['name']!r} to {scrub(doc['name'])}/"
			assert doc.get("module") == MODULE_NAME, source
			got = doc.get(flag) or (0 if isinstance(value, int) else None)  # Frappe's export leaves out a 0
			assert got == value, f"{source}: {flag} = {doc.get(flag)!r}, not a standard record"
			assert doc.get("modified"), f"{source}: Frappe re-imports a record only when its 'modified' moves"
			counted[folder] = counted.get(folder, 0) + 1
	print("records:", counted)
	assert counted["doctype"] >= 20 and counted["print_format"] >= 6 and counted["number_card"] >= 10


def test_print_format_template_beside_its_json():
	"""Frappe prints a standard print format from <name>.html beside its JSON (printview.get_print_format);
	the JSON keeps no second copy of it."""
	import jinja2

	seen = []
	for path in record_dirs("print_format"):
		doc = json.loads((path / f"{path.name}.json").read_text(encoding="utf-8"))
		template = path / f"{path.name}.html"
		assert doc.get("custom_format") == 1 and doc.get("print_format_type") == "Jinja", path
		assert template.exists(), f"{path}: no {template.name}"
		assert not doc.get("html"), f"{path.name}.json carries a copy of the template"
		text = template.read_text(encoding="utf-8")
		assert "{{" in text and "doc." in text, template
		jinja2.Environment(extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"]).parse(text)
		others = sorted(p.name for p in path.iterdir() if p.suffix not in (".json", ".html", ".py") and p.name != "__pycache__")
		assert not others, others
		seen.append(doc["name"])
	print("print formats:", seen)
	assert len(seen) == 6


# A record's code or template that Frappe reads from a file beside its JSON (printview, Notification.
# get_template, WebForm.add_custom_context_and_script): the JSON must not carry a second copy.
CODE_FILES = {"print_format": ("html", (".html",)), "notification": ("message", (".html", ".md", ".txt")),
	"web_form": ("client_script", (".js",))}


def test_templates_and_scripts_have_one_home():
	checked = 0
	for folder, (field, extensions) in CODE_FILES.items():
		for path in record_dirs(folder):
			doc = json.loads((path / f"{path.name}.json").read_text(encoding="utf-8"))
			files = [path / f"{path.name}{ext}" for ext in extensions if (path / f"{path.name}{ext}").exists()]
			assert len(files) <= 1, files
			if files:
				assert not doc.get(field), f"{path.name}.json carries a copy of {files[0].name} in '{field}'"
				checked += 1
	print(f"{checked} templates and scripts kept in their files alone")
	assert checked >= 6 + 3 + 8


def test_no_file_is_a_copy_of_another():
	"""No two tracked files hold the same text (a template or record copied elsewhere)."""
	seen = {}
	for name in git_files():
		path = ROOT / name
		if path.suffix in (".png", ".jpg") or path.stat().st_size < 200:
			continue
		text = re.sub(r"\s+", " ", path.read_text(encoding="utf-8", errors="replace")).strip()
		assert text not in seen, f"{name} repeats {seen[text]}"
		seen[text] = name
	print(f"{len(seen)} files, none a copy of another")
	assert len(seen) > 200


def test_no_second_copy_of_a_record():
	"""Every tracked JSON file that holds Frappe records is a record folder's file or a fixture, and
	every tracked HTML file is a portal page or a print format's template: nothing generates them."""
	fixtures = {f"sanfenlei_app/fixtures/{scrub(f['dt'])}.json" for f in hooks()["fixtures"]}
	record_files = set()
	for folder in RECORD_FOLDERS:
		if (MODULE / folder).is_dir():
			record_files |= {str((p / f"{p.name}.json").relative_to(ROOT)) for p in record_dirs(folder)}
	json_files = html_files = 0
	for name in git_files():
		if name.endswith(".json"):
			json_files += 1
			data = json.loads((ROOT / name).read_text(encoding="utf-8"))
			docs = data if isinstance(data, list) else [data]
			holds_records = any(isinstance(d, dict) and "doctype" in d for d in docs)
			in_place = name in record_files or name in fixtures
			assert in_place or not holds_records, f"{name} holds Frappe records outside Frappe's places"
		elif name.endswith(".html"):
			html_files += 1
			parts = Path(name).parts
			portal = name.startswith(("sanfenlei_app/www/", "sanfenlei_app/templates/"))
			# a print format's or a notification's own template: <kind>/<name>/<name>.html
			print_template = parts[-3] in ("print_format", "notification") and parts[-1] == f"{parts[-2]}.html"
			# a DocType's web view (has_web_view): doctype/<name>/templates/<name>.html and <name>_row.html
			web_view = "doctype" in parts and parts[-2] == "templates" and parts[-1].startswith(parts[-3])
			assert portal or print_template or web_view, f"{name}: a template outside Frappe's places"
	print(f"swept {json_files} JSON and {html_files} HTML files")
	assert json_files > 50


def test_fixtures_named_in_hooks_and_nothing_else():
	"""hooks.py's fixtures are the files of sanfenlei_app/fixtures/ (where `bench export-fixtures` writes
	them), each holding exactly the records its filter names."""
	folder = PACKAGE / "fixtures"
	entries = hooks()["fixtures"]
	files = sorted(p.name for p in folder.iterdir() if p.suffix == ".json")
	assert files == sorted(f"{scrub(f['dt'])}.json" for f in entries), files
	for fixture in entries:
		docs = json.loads((folder / f"{scrub(fixture['dt'])}.json").read_text(encoding="utf-8"))
		assert docs and all(d["doctype"] == fixture["dt"] for d in docs)
		names = [d["name"] for d in docs]
		((field, op, value),) = fixture["filters"]
		assert field == "name"
		if op == "in":
			assert sorted(names) == sorted(value), fixture["dt"]
		else:
			assert op == "like" and all(re.fullmatch(value.replace("%", ".*"), n) for n in names), fixture["dt"]
		print(fixture["dt"], len(docs))


def test_workflows_use_only_shipped_states_actions_and_roles():
	folder = PACKAGE / "fixtures"

	def names(dt):
		return {d["name"] for d in json.loads((folder / f"{scrub(dt)}.json").read_text(encoding="utf-8"))}

	workflows = json.loads((folder / "workflow.json").read_text(encoding="utf-8"))
	states = {s["state"] for w in workflows for s in w["states"]} | {
		t[k] for w in workflows for t in w["transitions"] for k in ("state", "next_state")}
	actions = {t["action"] for w in workflows for t in w["transitions"]}
	roles = {s["allow_edit"] for w in workflows for s in w["states"]} | {
		t["allowed"] for w in workflows for t in w["transitions"]}
	assert states == names("Workflow State"), states ^ names("Workflow State")
	assert actions == names("Workflow Action Master"), actions ^ names("Workflow Action Master")
	assert roles <= names("Role") | {"System Manager", "Administrator", "All"}, roles - names("Role")
	for w in workflows:
		assert (MODULE / "doctype" / scrub(w["document_type"])).is_dir(), w["document_type"]
	print(f"{len(workflows)} workflows: {len(states)} states, {len(actions)} actions, {len(roles)} roles")


def test_hooks_files_exist():
	"""The assets hooks.py names are files of the package."""
	h = hooks()
	paths = [p.replace("/assets/sanfenlei_app/", "public/") for key in ("app_include_js", "web_include_js")
		for p in h.get(key, [])] + list(h.get("doctype_list_js", {}).values())
	for path in paths:
		assert (PACKAGE / path).is_file(), path
	print("assets:", paths)
	assert len(paths) >= 4


def layout_tree():
	"""The README's layout tree: [(path, is_dir, children_listed)]."""
	text = (ROOT / "README.md").read_text(encoding="utf-8")
	section = text[text.index("## Repository layout"):]
	block = section.split("```\n", 2)[1]
	entries, stack = [], []
	for line in block.splitlines():
		if not line.strip():
			continue
		indent = len(line) - len(line.lstrip(" "))
		assert indent % 2 == 0, line
		name = line.split()[0]
		depth = indent // 2
		stack = stack[:depth]
		assert len(stack) == depth, f"README layout: {line!r} is indented under nothing"
		path = "/".join([*stack, name.rstrip("/")])
		entries.append([path, name.endswith("/"), False])
		if name.endswith("/"):
			stack.append(name.rstrip("/"))
		if depth:
			parent = "/".join(stack[:depth])
			for entry in entries:
				if entry[0] == parent:
					entry[2] = True
	return entries


def test_readme_layout_matches_git():
	"""Every entry of the README's tree is tracked, every tracked file is under an entry, and a folder
	the tree opens lists all that it holds."""
	files = git_files()
	entries = layout_tree()
	listed = {path for path, _d, _c in entries}
	for path, is_dir, _c in entries:
		if is_dir:
			assert any(f.startswith(path + "/") for f in files), f"README lists {path}/, which git does not track"
		else:
			assert path in files, f"README lists {path}, which git does not track"
	uncovered = [f for f in files if not any(f == p or f.startswith(p + "/") for p in listed)]
	assert not uncovered, f"tracked but not in the README's layout: {uncovered}"
	for path, is_dir, opened in entries:
		if is_dir and opened:
			children = {f[len(path) + 1:].split("/")[0] for f in files if f.startswith(path + "/")}
			named = {p[len(path) + 1:] for p in listed if p.startswith(path + "/") and "/" not in p[len(path) + 1:]}
			assert children == named, f"README's {path}/ misses {sorted(children - named)}"
	print(f"README layout: {len(entries)} entries cover {len(files)} tracked files")


def test_wheel_holds_the_package_and_all_frappe_needs():
	"""pip builds the wheel from pyproject.toml (flit_core) without a warning; it holds every tracked
	file of the package — the folders Frappe reads included — and nothing else of the repository."""
	with tempfile.TemporaryDirectory() as out:
		build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", out, str(ROOT)],
			capture_output=True, text=True)
		log = build.stdout + build.stderr
		assert build.returncode == 0, log[-2000:]
		# (a machine's own pip configuration may name a local index without the package: not the build's)
		warnings = [line for line in log.splitlines() if "warning" in line.lower()
			and not re.search(r"Location '.*' is ignored", line)]
		assert not warnings, warnings
		(wheel,) = Path(out).glob("sanfenlei_app-*.whl")
		names = set(zipfile.ZipFile(wheel).namelist())
	shipped = {f for f in git_files() if f.startswith("sanfenlei_app/")}
	missing = sorted(shipped - names)
	assert not missing, f"left out of the wheel: {missing[:20]}"
	extra = sorted(n for n in names - shipped if not n.startswith("sanfenlei_app-"))
	assert not extra, f"in the wheel but not the package's tracked files: {extra[:20]}"
	frappe_needs = ["hooks.py", "modules.txt", "patches.txt", "public/js/", "www/", "templates/",
		"translations/zh.csv", "fixtures/", "patches/", "setup/"] + [f"sanfenlei_app/{f}/" for f in RECORD_FOLDERS]
	for need in frappe_needs:
		assert any(n.startswith(f"sanfenlei_app/{need}") for n in names), f"the wheel lacks {need}"
	assert not any(n.startswith(("tests/", "scripts/", "docs/")) for n in names)
	metadata = [n for n in names if n.endswith("/METADATA")]
	print(f"{wheel.name}: {len(names)} files; {len(shipped)} tracked package files all in it; checked {frappe_needs}")
	assert metadata
