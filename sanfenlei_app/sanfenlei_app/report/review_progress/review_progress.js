frappe.query_reports["Review Progress"] = {
	filters: [
		sanfenlei.year_filter(),
		{ fieldname: "view", label: __("查看方式"), fieldtype: "Select", default: "Current", options: [{ value: "Current", label: __("各环节现有申报表") }, { value: "Over Time", label: __("每日进入各环节的申报表") }] },
		{
			fieldname: "phase", label: __("Phase"), fieldtype: "Select",
			options: [{ value: "", label: "" }, { value: "Initial", label: __("Initial") }, { value: "Year End", label: __("Year End") }],
		},
		{
			fieldname: "reporting_unit", label: __("Reporting Unit"), fieldtype: "Link", options: "Party Organization",
			get_query: () => ({ filters: { org_level: "Reporting Unit" } }),
		},
	],
};
