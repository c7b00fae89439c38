"""The demo district and its campaign years (deterministic): ``bench --site S sanfenlei-demo [--scale N]``.

Two years: the notice's own 2012, a finished earlier year in the ledger, and the current calendar
year, the current campaign year, its phases the notice's dates in this year — so the portal shows
the phase of today and a new sheet is due by this year's deadline.

成华区: the district department at the root; 14 street committees, each with communities,
a non-public-economy party committee with enterprise branches, social organisations and
remote education sites; two system committees (education, health) and the 区直机关工委
with their public institutions.  ``--scale N`` multiplies the grassroots organisations
(scale 80 gives about 20,000).  Organisations are written with one bulk insert per chunk
and their lft/rgt computed here, so 100,000 organisations load in well under a minute.
"""

import random

import frappe
from frappe.utils import add_days, getdate, now_datetime

DISTRICT = "中共成都市成华区委员会组织部"
DEMO_PASSWORD = "Demo@2012"

STREETS = [
	"猛追湾", "府青路", "双桥子", "建设路", "二仙桥", "跳蹬河", "万年场",
	"双水碾", "驷马桥", "保和", "青龙", "龙潭", "圣灯", "白莲池",
]
COMMUNITY_WORDS = ["望平", "和平", "新华", "培华", "双林", "杉板桥", "东林", "建祥", "曙光", "踏水桥"]
ENTERPRISE_WORDS = ["天府电子", "蓉城物流", "锦华食品", "东郊机械", "成华建材"]
SOCIAL_WORDS = ["个体劳动者协会", "志愿者服务协会", "社区养老服务中心"]
SCHOOLS = ["成华小学", "双林小学", "建设路小学", "列五中学", "成华中学", "二仙桥学校", "跳蹬河小学", "保和中学"]
HOSPITALS = ["区人民医院", "区妇幼保健院", "区疾病预防控制中心", "猛追湾社区卫生服务中心", "双桥子社区卫生服务中心"]
ORGANS = ["区发展和改革局", "区财政局", "区民政局", "区信访局", "区人力资源和社会保障局", "区政府督查室（目督办）",
	"区住房和城乡建设局", "区审计局", "区统计局", "区司法局"]

# login -> (full name, roles, how it is assigned)
DEMO_USERS = {
	"district@sanfenlei.local": ("区委组织部管理员", ["District Admin"], None),
	"street@sanfenlei.local": ("猛追湾街道党工委管理员", ["Reporting Unit Admin"], ("admin", "中共成华区猛追湾街道工作委员会")),
	"system@sanfenlei.local": ("教育系统党委管理员", ["Reporting Unit Admin"], ("admin", "中共成华区教育系统委员会")),
	"secretary@sanfenlei.local": ("王书记", ["Organization Secretary"], ("secretary", "猛追湾街道望平社区党委")),
	"secretary2@sanfenlei.local": ("李书记", ["Organization Secretary"], ("secretary", "双桥子街道望平社区党委")),
	"evaluator@sanfenlei.local": ("目督办评议员", ["Evaluation Department"], None),
	"leader@sanfenlei.local": ("部门领导", ["Campaign Leader"], None),
	"member@sanfenlei.local": ("张党员", ["Party Member"], None),
}


class _Node:
	__slots__ = ("name", "fields", "children")

	def __init__(self, name, **fields):
		self.name = name
		self.fields = fields
		self.children = []

	def add(self, name, **fields):
		child = _Node(name, **fields)
		self.children.append(child)
		return child


def _numbered(word, i):
	return word if i == 0 else f"{word}{i + 1}"


def build_tree(scale=1, seed=2012):
	rng = random.Random(seed)

	def grassroots(parent, name, domain, unit, form="Branch", industry=None, is_group=0):
		return parent.add(
			name,
			org_level="Grassroots",
			domain=domain,
			org_form=form,
			industry=industry,
			reporting_unit=unit,
			is_group=is_group,
			member_count=rng.randint(3, 120),
			founded_on=add_days(getdate("1985-01-01"), rng.randint(0, 9000)),
			secretary_name=rng.choice("王李张刘陈杨黄赵吴周") + rng.choice(["建国", "红梅", "志强", "秀英", "海燕", "德明", "丽华", "文军"]),
			secretary_phone=f"028-8{rng.randint(1000000, 9999999)}",
		)

	root = _Node(DISTRICT, org_level="District", short_name="区委组织部", org_form="Party Committee", is_group=1)
	for street in STREETS:
		unit = f"中共成华区{street}街道工作委员会"
		s = root.add(
			unit, org_level="Reporting Unit", unit_kind="Street Committee", domain="Street Committee",
			short_name=f"{street}街道党工委", org_form="Working Committee", reporting_unit=unit, is_group=1,
			member_count=rng.randint(800, 3000),
		)
		for k in range(scale):
			for word in COMMUNITY_WORDS[: 6 + rng.randint(0, 3)]:
				w = _numbered(word, k)
				grassroots(s, f"{street}街道{w}社区党委", "Community", unit, form="Party Committee", industry="社区")
				if rng.random() < 0.35:
					grassroots(s, f"{street}街道{w}社区远程教育站点", "Remote Education Site", unit, industry="远程教育")
			feijing = grassroots(
				s, _numbered(f"{street}街道非公有制经济组织综合党委", k), "Private Enterprise", unit,
				form="Party Committee", industry="非公经济", is_group=1,
			)
			for word in ENTERPRISE_WORDS[: 2 + rng.randint(0, 3)]:
				grassroots(feijing, f"{street}{_numbered(word, k)}有限公司党支部", "Private Enterprise", unit, industry="非公企业")
			for word in SOCIAL_WORDS[: 1 + rng.randint(0, 2)]:
				grassroots(s, f"{street}街道{_numbered(word, k)}党支部", "Social Organization", unit, industry="社会组织")

	for unit_short, unit, names, industry in (
		("教育系统党委", "中共成华区教育系统委员会", SCHOOLS, "教育"),
		("卫生系统党委", "中共成华区卫生系统委员会", HOSPITALS, "卫生"),
	):
		u = root.add(unit, org_level="Reporting Unit", unit_kind="System Committee", short_name=unit_short,
			org_form="Party Committee", reporting_unit=unit, is_group=1, member_count=rng.randint(300, 900))
		for k in range(scale):
			for n in names:
				grassroots(u, f"{_numbered(n, k)}党支部", "Public Institution", unit, industry=industry)

	organs = "中共成华区直属机关工作委员会"
	o = root.add(organs, org_level="Reporting Unit", unit_kind="Organs Committee", short_name="区直机关工委",
		org_form="Working Committee", reporting_unit=organs, is_group=1, member_count=rng.randint(300, 900))
	for k in range(scale):
		for n in ORGANS:
			grassroots(o, f"{_numbered(n, k)}机关党支部", "Public Institution", organs, industry="党政机关")
	return root


def _flatten(root, offset=0):
	"""Rows with lft/rgt from one depth-first walk (what rebuild_tree would compute),
	numbered after ``offset`` (the largest rgt already in the table)."""
	rows, counter = [], [offset]

	def walk(node, parent):
		counter[0] += 1
		lft = counter[0]
		row = dict(member_count=0, is_group=0)
		row.update(node.fields, name=node.name, organization_name=node.name, parent_party_organization=parent)
		rows.append(row)
		for child in node.children:
			walk(child, node.name)
		counter[0] += 1
		row["lft"], row["rgt"] = lft, counter[0]

	walk(root, None)
	return rows


ORG_FIELDS = (
	"name", "organization_name", "short_name", "org_level", "unit_kind", "org_form", "domain", "industry",
	"parent_party_organization", "reporting_unit", "is_group", "member_count", "founded_on",
	"secretary_name", "secretary_phone", "status", "lft", "rgt",
	"creation", "modified", "owner", "modified_by", "docstatus", "idx",
)


def load_organizations(root, publish=True):
	offset = frappe.db.sql("select coalesce(max(rgt), 0) from `tabParty Organization`")[0][0]
	rows = _flatten(root, offset)
	ts = now_datetime()
	values = []
	for row in rows:
		row.update(status="Active", creation=ts, modified=ts, owner="Administrator", modified_by="Administrator",
			docstatus=0, idx=0)
		values.append(tuple(row.get(f) for f in ORG_FIELDS))
	chunk = 5000
	for i in range(0, len(values), chunk):
		frappe.db.bulk_insert("Party Organization", ORG_FIELDS, values[i : i + chunk])
		if publish:
			frappe.publish_progress(min(100, (i + chunk) * 100 / len(values)), title="正在导入演示组织")
	return len(rows)


def ensure_user(email, full_name, roles):
	if frappe.db.exists("User", email):
		user = frappe.get_doc("User", email)
	else:
		user = frappe.get_doc({"doctype": "User", "email": email, "first_name": full_name, "send_welcome_email": 0,
			"language": "zh", "time_zone": "Asia/Shanghai"})
		user.insert(ignore_permissions=True)
	user.add_roles(*roles)
	from frappe.utils.password import update_password

	update_password(email, DEMO_PASSWORD)
	return user


def assign(user, how, org_name):
	org = frappe.get_doc("Party Organization", org_name)
	if how == "secretary":
		org.secretary_user = user
	elif not any(r.user == user for r in org.unit_admins):
		org.append("unit_admins", {"user": user})
	org.save(ignore_permissions=True)


NOTICE_YEAR = 2012  # the notice's own campaign year: a finished earlier year of the demo


def make_demo(scale=1, seed=2012, force=False, this_year=None):
	"""Load the demo district, its users and its two campaign years (``this_year``, default the
	calendar year, made the current one).  Returns a Chinese summary line."""
	if force and frappe.db.exists("Party Organization", DISTRICT):
		frappe.db.delete("User Permission", {"allow": "Party Organization"})
		frappe.db.delete("Party Organization")
	created = 0
	if not frappe.db.exists("Party Organization", DISTRICT):
		created = load_organizations(build_tree(scale=scale, seed=seed))
	this_year = this_year or getdate().year
	for year in sorted({NOTICE_YEAR, this_year}):
		if not frappe.db.exists("Campaign Year", str(year)):
			# the notice's deadlines and targets as defaults, its dates in this year
			frappe.get_doc({"doctype": "Campaign Year", "year": year}).insert(ignore_permissions=True)
	current = frappe.get_doc("Campaign Year", str(this_year))
	if not current.is_current:
		current.is_current = 1
		current.save(ignore_permissions=True)
	for email, (full_name, roles, assignment) in DEMO_USERS.items():
		ensure_user(email, full_name, roles)
		if assignment and frappe.db.exists("Party Organization", assignment[1]):
			assign(email, *assignment)
	frappe.db.commit()
	total = frappe.db.count("Party Organization")
	return f"演示数据就绪：新建 {created} 个党组织，共 {total} 个；演示用户 {len(DEMO_USERS)} 个（密码 {DEMO_PASSWORD}）"
