frappe.query_reports["Upgrade Progress by Quarter"] = {
	filters: [
		{ fieldname: "campaign_year", label: __("Campaign Year"), fieldtype: "Link", options: "Campaign Year" },
		{ fieldname: "view", label: __("查看方式"), fieldtype: "Select", default: "Reporting Unit",
			options: [{ value: "Reporting Unit", label: __("按上报单位") }, { value: "Domain", label: __("按领域") }] },
		{
			fieldname: "reporting_unit", label: __("Reporting Unit"), fieldtype: "Link", options: "Party Organization",
			get_query: () => ({ filters: { org_level: "Reporting Unit" } }),
		},
	],
	onload(report) {  // the current campaign year, shown in the filter (the server uses it when empty)
		if (report.get_filter_value("campaign_year")) return;
		frappe.call("sanfenlei_app.sanfenlei_app.doctype.campaign_year.campaign_year.get_current_year").then((r) => {
			if (r.message) report.set_filter_value("campaign_year", r.message);
		});
	},
};
