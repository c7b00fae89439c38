"""What every statistics report shares: the organisations in scope, as SQL over the tree.

The scope is the filters' domain and reporting unit (its subtree by lft/rgt) within the
user's own subtrees; `o` is the alias of `tabParty Organization` in the report's query.
"""

from sanfenlei_app.permissions import subtree_condition


def organization_scope(filters, alias="o"):
	"""(join clause, conditions, values) confining `alias` to the report's scope."""
	conditions, values, join = [], {}, ""
	if filters.get("domain"):
		conditions.append(f"{alias}.domain = %(domain)s")
		values["domain"] = filters["domain"]
	if filters.get("reporting_unit"):
		join = "join `tabParty Organization` scope_unit on scope_unit.name = %(unit)s"
		conditions.append(f"{alias}.lft >= scope_unit.lft and {alias}.rgt <= scope_unit.rgt")
		values["unit"] = filters["reporting_unit"]
	own = subtree_condition(table=alias)
	if own:
		conditions.append(own)
	return join, conditions, values
