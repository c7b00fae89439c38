frappe.ui.form.on("Survey Special Report", {
	refresh(frm) {
		frm.set_query("reporting_unit", () => ({ filters: { org_level: "Reporting Unit" } }));
		const data = frm.doc.findings_json ? JSON.parse(frm.doc.findings_json) : null;
		const wrapper = frm.get_field("findings_html").$wrapper;
		if (!data) {
			wrapper.html(`<p class="text-muted">${__("Save to generate the findings from the surveys.")}</p>`);
			return;
		}
		const rows = data.aspects
			.map((a) => `<tr><td>${frappe.utils.escape_html(a.question)}</td><td>${a.count}</td>
				<td>${a.no}</td><td>${a.partly}</td></tr>`)
			.join("");
		const methods = data.methods.map((m) => `${frappe.utils.escape_html(m.name)} ${m.count}`).join("，");
		wrapper.html(`<table class="table table-bordered"><thead><tr><th>${__("Aspect")}</th>
			<th>${__("Organizations with Problems")}</th><th>${__("No")}</th><th>${__("Partly")}</th></tr></thead>
			<tbody>${rows}</tbody></table><p>${__("Survey Methods")}：${methods}</p>`);
	},
});
