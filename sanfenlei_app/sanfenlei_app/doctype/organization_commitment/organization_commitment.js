frappe.ui.form.on("Organization Commitment", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.confirmed_by) {
			if (frm.doc.published && frm.doc.route) {
				frm.add_custom_button(__("查看公示页面"), () => window.open("/" + frm.doc.route));
			}
			return;
		}
		frm.add_custom_button(__("书记确认并公示"), () =>
			frappe.confirm(__("确认后承诺书将在门户网站公示，且不能再修改。是否确认？"), () =>
				frm.call("confirm").then(() => frm.reload_doc())
			)
		);
	},
});
