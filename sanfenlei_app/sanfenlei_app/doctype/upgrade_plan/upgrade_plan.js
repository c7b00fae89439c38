// 目标责任书: each side signs once the plan is approved (the server checks who may sign).
frappe.ui.form.on("Upgrade Plan", {
	refresh(frm) {
		if (frm.doc.docstatus !== 1) return;
		const sign = (side) =>
			frm.call("sign_letter", { side }).then(() => {
				frappe.show_alert({ message: __("已签订目标责任书"), indicator: "green" });
				frm.reload_doc();
			});
		if (!frm.doc.letter_org_signed_by) {
			frm.add_custom_button(__("本组织签订目标责任书"), () => sign("organization"));
		}
		if (!frm.doc.letter_superior_signed_by) {
			frm.add_custom_button(__("上级党组织签订目标责任书"), () => sign("superior"));
		}
	},
});
