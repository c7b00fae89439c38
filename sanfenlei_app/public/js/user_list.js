// The 用户 list of a District Admin (or System Manager): 导入用户 with roles and assignments.
frappe.listview_settings["User"] = Object.assign(frappe.listview_settings["User"] || {}, {
	onload(listview) {
		if (frappe.model.can_create("User")) sanfenlei.add_import_buttons(listview, "users");
	},
});
