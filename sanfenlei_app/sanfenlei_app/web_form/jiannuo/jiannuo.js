// Chinese labels of the child tables, and the review step with its actions (public/js/portal.js)
frappe._messages = Object.assign(frappe._messages || {}, {{ sanfenlei_messages }});
frappe.ready(() => window.sanfenlei_portal && sanfenlei_portal.web_form("Commitment Fulfilment"));
