frappe.listview_settings["Assessment Sheet"] = {
	add_fields: ["is_overdue", "workflow_state", "grade", "docstatus"],
	get_indicator(doc) {
		if (doc.is_overdue) return [__("Overdue"), "red", "is_overdue,=,1"];
	},
	onload(listview) {
		if (frappe.user.has_role(["District Admin", "System Manager"])) sanfenlei.add_import_buttons(listview, "results");
		// who may create sheets (a leader reads only: the server refuses it, the desk does not offer it)
		if (frappe.model.can_create("Assessment Sheet")) listview.page.add_inner_button(__("Create Sheets for a Unit"), () => {
			const d = new frappe.ui.Dialog({
				title: __("Create Sheets for a Unit"),
				fields: [
					{ fieldname: "unit", fieldtype: "Link", options: "Party Organization", label: __("Reporting Unit"), reqd: 1,
						get_query: () => ({ filters: { is_group: 1 } }) },
					{ fieldname: "phase", fieldtype: "Select", label: __("Phase"), reqd: 1, default: "Initial",
						options: [{ value: "Initial", label: __("Initial") }, { value: "Year End", label: __("Year End") }] },
				],
				primary_action_label: __("Create"),
				primary_action(values) {
					d.hide();
					frappe.call({
						method: "sanfenlei_app.bulk.create_sheets_for_unit",
						args: values,
						freeze: true,
						callback: (r) => {
							const m = r.message || {};
							frappe.msgprint(m.queued
								? __("{0} sheets are being created in the background.", [m.queued])
								: __("{0} sheets created.", [m.created || 0]));
							listview.refresh();
						},
					});
				},
			});
			d.show();
		});
	},
};
