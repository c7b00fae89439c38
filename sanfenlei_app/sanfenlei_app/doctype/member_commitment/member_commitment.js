frappe.ui.form.on("Member Commitment", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.confirmed || frm.doc.member_user !== frappe.session.user) return;
		frm.add_custom_button(__("本人确认承诺"), () => frm.call("confirm").then(() => frm.reload_doc()));
	},
});
