frappe.ui.form.on("Party Organization", {
	refresh(frm) {
		frm.set_query("parent_party_organization", () => ({ filters: { is_group: 1 } }));
		if (!frm.is_new()) {
			frm.add_custom_button(__("View Subtree"), () => {
				frappe.set_route("Tree", "Party Organization");
			});
		}
	},
});
