frappe.query_reports["Classification Ledger"] = {
	filters: [
		{ fieldname: "campaign_year", label: __("Campaign Year"), fieldtype: "Link", options: "Campaign Year" },
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
	onload(report) {
		frappe.call("sanfenlei_app.sanfenlei_app.doctype.campaign_year.campaign_year.get_current_year").then((r) => {
			if (r.message && !report.get_filter_value("campaign_year")) report.set_filter_value("campaign_year", r.message);
		});
	},
};
