frappe.ui.form.on("Assessment Standard", {
	refresh(frm) {
		frm.set_query("owner_unit", () => ({ filters: { org_level: "Reporting Unit" } }));
		frm.set_query("base_standard", () => ({ filters: { owner_unit: ["is", "not set"], domain: frm.doc.domain } }));
		const wrapper = frm.get_field("differences_html").$wrapper;
		if (!frm.doc.owner_unit || frm.is_new()) {
			wrapper.empty();
			return;
		}
		frm.call("get_differences").then(({ message: d }) => {
			const esc = frappe.utils.escape_html;
			const list = (title, rows) =>
				rows.length ? `<p><b>${title}</b></p><ul>${rows.map((r) => `<li>${r}</li>`).join("")}</ul>` : "";
			wrapper.html(
				list(__("Added items"), d.added_items.map((i) => `${esc(i.content)}（${i.max_points}）`)) +
				list(__("Removed items"), d.removed_items.map((i) => `${esc(i.content)}（${i.max_points}）`)) +
				list(__("Changed items"), d.changed_items.map((i) => `${esc(i.content)}：${i.old} → ${i.new}`)) +
				list(__("Added vetoes"), d.added_vetoes.map(esc)) ||
				`<p class="text-muted">${__("No differences from the district standard")}</p>`
			);
		});
	},
});
