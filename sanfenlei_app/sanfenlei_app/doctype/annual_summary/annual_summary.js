frappe.ui.form.on("Annual Summary", {
	refresh(frm) {
		if (frm.is_new()) return;
		// the summary's tables in the annexes' official layout, as the rates report exports them
		frm.add_custom_button(__("导出Excel（正式格式）"), () =>
			open_url_post("/api/method/sanfenlei_app.excel.export_annual_summary", { name: frm.doc.name })
		);
		if (frm.doc.docstatus !== 0) return;
		frm.add_custom_button(__("按台账重新计算"), () =>
			frm.call("regenerate", { overwrite_text: 0 }).then(() => frm.reload_doc())
		);
		frm.add_custom_button(__("重新生成草稿（覆盖正文）"), () =>
			frappe.confirm(__("将用新生成的草稿覆盖已写的正文，是否继续？"), () =>
				frm.call("regenerate", { overwrite_text: 1 }).then(() => frm.reload_doc())
			)
		);
	},
});
