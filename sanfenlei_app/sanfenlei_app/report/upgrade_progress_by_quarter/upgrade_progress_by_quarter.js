frappe.query_reports["Upgrade Progress by Quarter"] = {
	filters: [
		sanfenlei.year_filter(),
		{ fieldname: "view", label: __("查看方式"), fieldtype: "Select", default: "Reporting Unit",
			options: [{ value: "Reporting Unit", label: __("按上报单位") }, { value: "Domain", label: __("按领域") }] },
		{
			fieldname: "reporting_unit", label: __("Reporting Unit"), fieldtype: "Link", options: "Party Organization",
			get_query: () => ({ filters: { org_level: "Reporting Unit" } }),
		},
	],
};
