frappe.query_reports["Upgrade Rate Statistics"] = {
	filters: [
		sanfenlei.year_filter({ reqd: 1 }),
		{
			// its choices name a way of grouping, not a field: “领域” here beside the 领域 filter read as two of it
			fieldname: "group_by", label: __("分组方式"), fieldtype: "Select", default: "Domain",
			options: [
				{ value: "Domain", label: __("按领域分组") },
				{ value: "Reporting Unit", label: __("按上报单位分组") },
				{ value: "District", label: __("全区合计") },
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
	},
};
