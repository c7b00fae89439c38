frappe.treeview_settings["Party Organization"] = {
	breadcrumb: __("Sanfenlei App"),
	title: __("Party Organization"),
	get_tree_root: false,
	root_label: __("All Party Organizations"),
	get_tree_nodes: "sanfenlei_app.tree.get_children",
	filters: [],
	fields: [
		{ fieldtype: "Data", fieldname: "organization_name", label: __("Full Name"), reqd: true },
		{
			fieldtype: "Select", fieldname: "org_level", label: __("Org Level"), reqd: true,
			options: [
				{ value: "Reporting Unit", label: __("Reporting Unit") },
				{ value: "Grassroots", label: __("Grassroots") },
			],
		},
		{
			fieldtype: "Select", fieldname: "domain", label: __("Domain"),
			options: ["", "Street Committee", "Community", "Private Enterprise", "Social Organization",
				"Public Institution", "Remote Education Site"].map((v) => ({ value: v, label: __(v) })),
		},
		{ fieldtype: "Check", fieldname: "is_group", label: __("Is Group") },
	],
	ignore_fields: ["parent_party_organization"],
	onload: function (treeview) {
		treeview.make_tree();
	},
};
