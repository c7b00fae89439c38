frappe.listview_settings["Party Organization"] = {
	onload(listview) {
		const get = (kind) =>
			window.open(
				`/api/method/sanfenlei_app.importing.download_import_template?kind=${kind}`
			);
		listview.page.add_inner_button(__("Organizations Import Template"), () => get("organizations"), __("Import"));
		listview.page.add_inner_button(__("Users Import Template"), () => get("users"), __("Import"));
		listview.page.add_inner_button(__("Open Data Import"), () => frappe.set_route("List", "Data Import"), __("Import"));
	},
};
