frappe.listview_settings["Party Organization"] = {
	onload(listview) {
		const get = (kind) =>
			window.open(
				`/api/method/sanfenlei_app.importing.download_import_template?kind=${kind}`
			);
		listview.page.add_inner_button(__("Organizations Import Template"), () => get("organizations"), __("Import"));
		listview.page.add_inner_button(__("导入党组织"), () => sanfenlei_import_organizations(listview), __("Import"));
		listview.page.add_inner_button(__("Users Import Template"), () => get("users"), __("Import"));
		listview.page.add_inner_button(__("Open Data Import"), () => frappe.set_route("List", "Data Import"), __("Import"));
	},
};

// 导入党组织: a file from the template, checked first (检查，不导入), then imported; every row that
// cannot be imported is listed with its row number and the reason (importing.import_organizations).
function sanfenlei_import_organizations(listview) {
	const dialog = new frappe.ui.Dialog({
		title: __("导入党组织"),
		fields: [
			{ fieldname: "file", fieldtype: "Attach", label: __("填好的党组织导入模板（Excel或CSV）"), reqd: 1,
				options: { restrictions: { allowed_file_types: [".xlsx", ".csv"] } } },
			{ fieldname: "help", fieldtype: "HTML", options: `<p class="text-muted small">${__(
				"上级党组织可以写全称或简称，可以在本表中（前后不限）；“组织层级”“领域”等可写中文或代码。先检查，确认无误后再导入。")}</p>` },
			{ fieldname: "result", fieldtype: "HTML" },
		],
		primary_action_label: __("导入"),
		primary_action: (v) => run(v.file, 0),
		secondary_action_label: __("检查（不导入）"),
		secondary_action: () => run(dialog.get_value("file"), 1),
	});
	const esc = frappe.utils.escape_html;
	function run(file_url, dry_run) {
		if (!file_url) return frappe.msgprint(__("请先上传文件"));
		frappe.call({
			method: "sanfenlei_app.importing.import_organizations",
			args: { file_url, dry_run },
			freeze: true,
			freeze_message: dry_run ? __("正在检查…") : __("正在导入…"),
		}).then((r) => {
			const res = r.message;
			const verb = res.dry_run ? __("可以导入") : __("已导入");
			let html = `<div class="sfl-import-result"><p><b>${__("共{0}行，{1}{2}个党组织，{3}行未能导入。", [res.rows, verb, res.imported, res.errors.length])}</b></p>`;
			if (res.errors.length) {
				html += `<table class="table table-bordered table-sm"><thead><tr><th>${__("行号")}</th><th>${__("党组织")}</th><th>${__("原因")}</th></tr></thead><tbody>`;
				res.errors.forEach((e) => { html += `<tr><td>${e.row}</td><td>${esc(e.organization || "")}</td><td>${esc(e.reason)}</td></tr>`; });
				html += "</tbody></table>";
			}
			dialog.fields_dict.result.$wrapper.html(html + "</div>");
			if (!res.dry_run) listview.refresh();
		});
	}
	dialog.show();
}
