frappe.listview_settings["Party Organization"] = {
	onload(listview) {
		if (frappe.model.can_create("Party Organization")) sanfenlei.add_import_buttons(listview, "organizations");
	},
};
