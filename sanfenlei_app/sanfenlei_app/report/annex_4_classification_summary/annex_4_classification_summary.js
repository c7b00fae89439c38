// Filters and Excel buttons shared by 附件3–6: sanfenlei_app/public/js/sanfenlei.js
frappe.query_reports["Annex 4 Classification Summary"] = sanfenlei.annex_report("annex4", true);
