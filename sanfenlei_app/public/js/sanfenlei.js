// Desk helpers of the 三分类三升级 app (loaded on every desk page by hooks.app_include_js).
window.sanfenlei = window.sanfenlei || {};

const SANFENLEI_DOMAINS = ["", "Street Committee", "Community", "Private Enterprise", "Social Organization",
	"Public Institution", "Remote Education Site"];

// Every report's 活动年度 filter, opening on the current campaign year (from the boot info).
sanfenlei.year_filter = function (extra) {
	return Object.assign({
		fieldname: "campaign_year", label: __("Campaign Year"), fieldtype: "Link", options: "Campaign Year",
		default: (frappe.boot.sanfenlei || {}).current_year,
	}, extra || {});
};

// Chart axes count organisations and sheets: Frappe shortens every axis number for China's
// number system and so prints 300 as “300.00”; below 万 a number is printed as it is.
const sanfenlei_axis_number = frappe.utils.format_chart_axis_number;
frappe.utils.format_chart_axis_number = function (label, country) {
	const n = Number(label);
	// counts: a tick between two whole numbers (0.25 of a sheet) is left unlabelled
	if (Number.isFinite(n) && !Number.isInteger(n) && Math.abs(n) < 10) return "";
	if (Number.isFinite(n) && Math.abs(n) < 10000) return String(Math.round(n * 100) / 100);
	return sanfenlei_axis_number.call(frappe.utils, label, country);
};

// 页码 of a list report: the desk shows a page of organisations at a time (the Excel export all).
sanfenlei.page_filter = function () {
	return { fieldname: "page", label: __("页码"), fieldtype: "Int", default: 1 };
};

// The filters and the official-layout Excel buttons of the 附件3–6 Script Reports.
sanfenlei.annex_report = function (annex, with_domain) {
	const filters = [
		sanfenlei.year_filter({ reqd: 1 }),
		{
			fieldname: "phase", label: __("Phase"), fieldtype: "Select", default: "Initial",
			options: [{ value: "Initial", label: __("Initial") }, { value: "Year End", label: __("Year End") }],
		},
		{
			fieldname: "reporting_unit", label: __("Reporting Unit"), fieldtype: "Link", options: "Party Organization",
			get_query: () => ({ filters: { org_level: "Reporting Unit" } }),
		},
		{ fieldname: "approved_only", label: __("只含已审核"), fieldtype: "Check" },
	];
	if (annex === "annex3" || annex === "annex5") filters.push(sanfenlei.page_filter());
	if (with_domain) {
		filters.splice(3, 0, {
			fieldname: "domain", label: __("Domain"), fieldtype: "Select",
			options: SANFENLEI_DOMAINS.filter((d) => d !== "Remote Education Site").map((v) => ({ value: v, label: __(v) })),
		});
	}
	const download = (method, extra) => (report) => {
		const args = Object.assign({}, report.get_filter_values(), extra || {});
		open_url_post(`/api/method/sanfenlei_app.excel.${method}`, args);
	};
	return {
		filters,
		formatter(value, row, column, data, default_formatter) {
			value = default_formatter(value, row, column, data);
			if (data && (data.is_heading || data.is_total)) value = `<b>${value}</b>`;
			return value;
		},
		onload(report) {
			report.page.add_inner_button(__("导出Excel（正式格式）"), () => download("export_annex", { annex })(report));
			report.page.add_inner_button(__("导出附件3–6（一个工作簿）"), () => {
				const v = report.get_filter_values();
				open_url_post("/api/method/sanfenlei_app.excel.export_all", {
					campaign_year: v.campaign_year, phase: v.phase, reporting_unit: v.reporting_unit || "",
					approved_only: v.approved_only || 0,
				});
			});
		},
	};
};

// 撤销定级 / 撤销争创目标审核 (the workflows' revoke, District Admin only): the reason is asked
// first and sent with the action (review.apply_workflow stores it; the server refuses without one).
const SANFENLEI_REVOKE_ACTIONS = ["Revoke Grading", "Revoke Plan Approval"];
["Assessment Sheet", "Upgrade Plan"].forEach((doctype) => {
	frappe.ui.form.on(doctype, {
		before_workflow_action(frm) {
			if (!SANFENLEI_REVOKE_ACTIONS.includes(frm.selected_workflow_action)) return;
			frappe.dom.unfreeze();
			return new Promise((resolve) => {
				const dialog = frappe.prompt(
					[{ fieldname: "cancel_reason", fieldtype: "Small Text", reqd: 1, label: __("撤销理由"),
						description: __("撤销后该结果不再计入分类管理台账和统计，组织的级次、星级回到此前已审核的结果") }],
					(values) => {
						frm.doc.cancel_reason = values.cancel_reason;
						frappe.dom.freeze();
						resolve();
					},
					__(frm.selected_workflow_action),
					__("确认撤销")
				);
				dialog.$wrapper.addClass("sanfenlei-revoke-dialog");
			});
		},
	});
});

// 导入: a filled template of ``kind`` (organizations, users, results; importing.TEMPLATES), checked
// first (检查，不导入), then imported; every row that cannot be imported is listed with its row
// number and the reason, the good rows go in (importing.import_file).
sanfenlei.IMPORTS = {
	organizations: { title: "导入党组织", noun: "个党组织", what: "党组织",
		help: "上级党组织可以写全称或简称，可以在本表中（前后不限）；“组织层级”“领域”等可写中文或代码。" },
	users: { title: "导入用户", noun: "个用户", what: "邮箱",
		help: "每行一个用户：角色可写中文，多个用顿号分隔；填写担任书记的党组织或管理的上报单位，即同时授予相应角色和权限。" },
	results: { title: "导入既往定级结果", noun: "条定级结果", what: "党组织",
		help: "开始使用本系统之前评定的等次和星级：记入分类管理台账，年初定级的结果是当年各项比率的起点。" },
};

sanfenlei.download_template = function (kind) {
	window.open(`/api/method/sanfenlei_app.importing.download_import_template?kind=${kind}`);
};

sanfenlei.import_dialog = function (kind, on_imported) {
	const spec = sanfenlei.IMPORTS[kind];
	const esc = frappe.utils.escape_html;
	const dialog = new frappe.ui.Dialog({
		title: __(spec.title),
		fields: [
			{ fieldname: "file", fieldtype: "Attach", label: __("填好的导入模板（Excel或CSV）"), reqd: 1,
				options: { restrictions: { allowed_file_types: [".xlsx", ".csv"] } } },
			{ fieldname: "help", fieldtype: "HTML", options: `<p class="text-muted small">${__(spec.help)} ${__(
				"先检查，确认无误后再导入。")} <a class="sfl-template-link">${__("下载导入模板")}</a></p>` },
			{ fieldname: "result", fieldtype: "HTML" },
		],
		primary_action_label: __("导入"),
		primary_action: (v) => run(v.file, 0),
		secondary_action_label: __("检查（不导入）"),
		secondary_action: () => run(dialog.get_value("file"), 1),
	});
	dialog.fields_dict.help.$wrapper.find(".sfl-template-link").on("click", () => sanfenlei.download_template(kind));
	function run(file_url, dry_run) {
		if (!file_url) return frappe.msgprint(__("请先上传文件"));
		frappe.call({
			method: "sanfenlei_app.importing.import_file",
			args: { kind, file_url, dry_run },
			freeze: true,
			freeze_message: dry_run ? __("正在检查…") : __("正在导入…"),
		}).then((r) => {
			const res = r.message;
			const verb = res.dry_run ? __("可以导入") : __("已导入");
			let html = `<div class="sfl-import-result"><p><b>${__("共{0}行，{1}{2}{3}，{4}行未能导入。",
				[res.rows, verb, res.imported, __(spec.noun), res.errors.length])}</b></p>`;
			if (res.errors.length) {
				// fixed layout, words broken anywhere: a long reason wraps inside the dialog at 390 px
				html += `<table class="table table-bordered table-sm" style="table-layout: fixed; width: 100%; word-break: break-all"><thead><tr><th style="width: 3.5em">${__("行号")}</th><th style="width: 30%">${__(spec.what)}</th><th>${__("原因")}</th></tr></thead><tbody>`;
				res.errors.forEach((e) => { html += `<tr><td>${e.row}</td><td>${esc(e.name || "")}</td><td>${esc(e.reason)}</td></tr>`; });
				html += "</tbody></table>";
			}
			dialog.fields_dict.result.$wrapper.html(html + "</div>");
			if (!res.dry_run && on_imported) on_imported(res);
		});
	}
	dialog.show();
	return dialog;
};

// The 导入 menu of a list: the template and the dialog.
sanfenlei.add_import_buttons = function (listview, kind) {
	const spec = sanfenlei.IMPORTS[kind];
	listview.page.add_inner_button(__("下载导入模板"), () => sanfenlei.download_template(kind), __("Import"));
	listview.page.add_inner_button(__(spec.title), () => sanfenlei.import_dialog(kind, () => listview.refresh()), __("Import"));
};

// A leader (领导: Campaign Leader only) reads and does not write: no comment box on the desk's forms
// (the server refuses the comment too, users.refuse_read_only_comments).
$(document).on("app_ready", () => {
	const writers = ["System Manager", "District Admin", "Reporting Unit Admin", "Organization Secretary",
		"Evaluation Department", "Party Member"];
	if (frappe.user.has_role("Campaign Leader") && !writers.some((r) => frappe.user.has_role(r))) {
		document.body.classList.add("sanfenlei-read-only");
		$("<style>.sanfenlei-read-only .comment-box { display: none !important; }</style>").appendTo("head");
	}
});
