// Filters and Excel buttons shared by 附件3–6: sanfenlei_app/public/js/sanfenlei.js
frappe.query_reports["Annex 6 Remote Site Summary"] = sanfenlei.annex_report("annex6", false);
