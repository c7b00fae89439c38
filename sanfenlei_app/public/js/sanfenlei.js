// Desk helpers of the 三分类三升级 app (loaded on every desk page by hooks.app_include_js).
window.sanfenlei = window.sanfenlei || {};

const SANFENLEI_DOMAINS = ["", "Street Committee", "Community", "Private Enterprise", "Social Organization",
	"Public Institution", "Remote Education Site"];

// The filters and the official-layout Excel buttons of the 附件3–6 Script Reports.
sanfenlei.annex_report = function (annex, with_domain) {
	const filters = [
		{ fieldname: "campaign_year", label: __("Campaign Year"), fieldtype: "Link", options: "Campaign Year", reqd: 1 },
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
			frappe.call("sanfenlei_app.sanfenlei_app.doctype.campaign_year.campaign_year.get_current_year").then((r) => {
				if (r.message && !report.get_filter_value("campaign_year")) report.set_filter_value("campaign_year", r.message);
			});
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
