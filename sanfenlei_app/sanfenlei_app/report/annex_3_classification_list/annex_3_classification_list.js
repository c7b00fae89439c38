// Filters and Excel buttons shared by 附件3–6: sanfenlei_app/public/js/sanfenlei.js
frappe.query_reports["Annex 3 Classification List"] = sanfenlei.annex_report("annex3", true);
