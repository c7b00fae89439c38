// Filters and Excel buttons shared by 附件3–6: sanfenlei_app/public/js/sanfenlei.js
frappe.query_reports["Annex 5 Remote Site List"] = sanfenlei.annex_report("annex5", false);
