"""A street of 2,000 organisations: listing its subtree costs the same queries as a
street of three (one lft/rgt query, no recursion), and the tree view starts at the
user's own node."""

import frappe

from sanfenlei_app.setup.demo import _Node, load_organizations
from sanfenlei_app.tree import get_children, subtree

from .conftest import Rest, make_user, uid


def build_street(n):
	tag = uid()
	root = _Node(f"规模区-{tag}", org_level="District", is_group=1)
	unit = f"规模街道-{tag}"
	street = root.add(unit, org_level="Reporting Unit", unit_kind="Street Committee", domain="Street Committee",
		reporting_unit=unit, is_group=1)
	for i in range(n):
		street.add(f"规模社区{i}-{tag}", org_level="Grassroots", domain="Community", reporting_unit=unit)
	load_organizations(root, publish=False)
	return unit


class QueryCounter:
	def __init__(self):
		self.count = 0

	def __enter__(self):
		self.sql = frappe.db.sql

		def counting(*args, **kwargs):
			self.count += 1
			return self.sql(*args, **kwargs)

		frappe.db.sql = counting
		return self

	def __exit__(self, *exc):
		frappe.db.sql = self.sql


def test_subtree_of_2000_is_one_query():
	big, small = build_street(2000), build_street(3)
	subtree(small)  # steady state: metadata and hooks cached
	with QueryCounter() as q_big:
		rows_big = subtree(big)
	with QueryCounter() as q_small:
		rows_small = subtree(small)
	assert len(rows_big) == 2001 and len(rows_small) == 4
	assert q_big.count == q_small.count == 2  # the node's lft/rgt, then the subtree


def test_unit_admin_list_costs_the_same_for_2000_organisations():
	counts = {}
	for n in (3, 2000):
		unit = build_street(n)
		admin = make_user(f"scale-{uid()}@test.local", ["Reporting Unit Admin"])
		street = frappe.get_doc("Party Organization", unit)
		street.append("unit_admins", {"user": admin})
		street.save()
		frappe.set_user(admin)
		frappe.local.sanfenlei_nodes = {}
		with QueryCounter() as q:
			names = frappe.get_list("Party Organization", pluck="name", limit_page_length=0)
		frappe.set_user("Administrator")
		assert len(names) == n + 1
		counts[n] = q.count
	assert counts[3] == counts[2000]


def test_tree_view_starts_at_the_users_own_node():
	unit = build_street(5)
	admin = make_user(f"tree-{uid()}@test.local", ["Reporting Unit Admin"])
	street = frappe.get_doc("Party Organization", unit)
	street.append("unit_admins", {"user": admin})
	street.save()
	frappe.db.commit()
	api = Rest(admin)
	top = api.get("/api/method/sanfenlei_app.tree.get_children", doctype="Party Organization",
		parent="全部党组织", is_root="true").json()["message"]
	assert [n["value"] for n in top] == [unit]
	children = api.get("/api/method/sanfenlei_app.tree.get_children", doctype="Party Organization",
		parent=unit).json()["message"]
	assert len(children) == 5
