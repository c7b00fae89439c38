frappe.query_reports["Grade Distribution"] = {
	filters: [
		sanfenlei.year_filter(),
		{ fieldname: "view", label: __("查看方式"), fieldtype: "Select", default: "Domain", options: [{ value: "Domain", label: __("按领域") }, { value: "Reporting Unit", label: __("按上报单位") }, { value: "Stars", label: __("星级分布") }, { value: "Movement", label: __("年初与年底对比") }] },
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
