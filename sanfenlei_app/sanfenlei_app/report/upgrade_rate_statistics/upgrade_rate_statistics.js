frappe.query_reports["Upgrade Rate Statistics"] = {
	filters: [
		{ fieldname: "campaign_year", label: __("Campaign Year"), fieldtype: "Link", options: "Campaign Year", reqd: 1 },
		{
			fieldname: "group_by", label: __("Group By"), fieldtype: "Select", default: "Domain",
			options: [
				{ value: "Domain", label: __("Domain") },
				{ value: "Reporting Unit", label: __("Reporting Unit") },
				{ value: "District", label: __("District") },
			],
		},
		{
			fieldname: "reporting_unit", label: __("Reporting Unit"), fieldtype: "Link", options: "Party Organization",
			get_query: () => ({ filters: { org_level: "Reporting Unit" } }),
		},
		{
			fieldname: "domain", label: __("Domain"), fieldtype: "Select",
			options: ["", "Street Committee", "Community", "Private Enterprise", "Social Organization",
				"Public Institution", "Remote Education Site"].map((v) => ({ value: v, label: __(v) })),
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "met" && data) {
			if (data.met === "未达到") value = `<span style="color: var(--red-600)">${value}</span>`;
			if (data.met === "达到") value = `<span style="color: var(--green-600)">${value}</span>`;
		}
		return value;
	},
	onload(report) {
		report.page.add_inner_button(__("导出Excel（正式格式）"), () =>
			open_url_post("/api/method/sanfenlei_app.excel.export_rates", report.get_filter_values()));
		frappe.call("sanfenlei_app.sanfenlei_app.doctype.campaign_year.campaign_year.get_current_year").then((r) => {
			if (r.message && !report.get_filter_value("campaign_year")) report.set_filter_value("campaign_year", r.message);
		});
	},
};
