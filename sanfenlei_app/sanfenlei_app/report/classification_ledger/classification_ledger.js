frappe.query_reports["Classification Ledger"] = {
	filters: [
		sanfenlei.year_filter(),
		{
			fieldname: "reporting_unit", label: __("Reporting Unit"), fieldtype: "Link", options: "Party Organization",
			get_query: () => ({ filters: { org_level: "Reporting Unit" } }),
		},
		{
			fieldname: "domain", label: __("Domain"), fieldtype: "Select",
			options: ["", "Street Committee", "Community", "Private Enterprise", "Social Organization",
				"Public Institution", "Remote Education Site"].map((v) => ({ value: v, label: __(v) })),
		},
		sanfenlei.page_filter(),
	],
};
