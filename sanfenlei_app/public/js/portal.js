// Portal helpers (loaded on website pages by hooks.web_include_js).
window.sanfenlei_portal = {
	// Above a web form of an existing document: its review step and the actions open to the user.
	web_form(doctype) {
		if (doctype === "Commitment Rating") this.rating_live();
		const doc = frappe.reference_doc || (frappe.web_form && frappe.web_form.doc) || {};
		if (!doc.name || doc.__islocal) return;
		const name = doc.name;
		frappe.call({ method: "sanfenlei_app.portal.status", args: { doctype, name } }).then((r) => {
			const s = r.message;
			if (!s) return;
			const box = document.createElement("div");
			box.className = "sfl-status alert alert-info";
			box.innerHTML = `<div><b>当前环节：</b><span class="sfl-state">${frappe.utils.escape_html(s.state)}</span></div>`;
			if (s.actions.length) {
				const hint = document.createElement("div");
				hint.className = "small text-muted mt-1 mb-1";
				hint.textContent = "请先保存本页填写的内容，再进入下一环节。";
				box.appendChild(hint);
			}
			s.actions.forEach((a) => {
				const b = document.createElement("button");
				b.className = "btn btn-sm btn-primary mr-2 sfl-move";
				b.dataset.action = a.action;
				b.textContent = `${a.label} → ${a.next_state}`;
				b.addEventListener("click", () => {
					b.disabled = true;
					frappe.call({
						method: "sanfenlei_app.portal.move", args: { doctype, name, action: a.action },
						callback: (res) => { if (!res.exc) window.location.reload(); },
						always: () => { b.disabled = false; },
					});
				});
				box.appendChild(b);
			});
			const form = document.querySelector(".web-form-wrapper") || document.querySelector(".web-form");
			(form && form.parentNode ? form.parentNode : document.querySelector(".page_content")).insertBefore(
				box, form || null);
		});
	},
	// 评诺: the satisfaction shown as the votes are typed — (满意 + 基本满意) ÷ all votes, one decimal
	// (rules.satisfaction_percent decides on saving)
	rating_live() {
		const form = frappe.web_form;
		if (!form || !form.fields_dict) return;
		const groups = ["members", "masses"];
		const update = () => {
			const v = (k) => groups.reduce((n, g) => n + (parseInt(form.get_value(`${g}_${k}`)) || 0), 0);
			const total = v("satisfied") + v("basic") + v("unsatisfied");
			const value = total ? Math.round(((v("satisfied") + v("basic")) * 1000) / total) / 10 : null;
			form.set_value("satisfaction", value);
		};
		groups.forEach((g) => ["satisfied", "basic", "unsatisfied"].forEach((k) => {
			const field = form.fields_dict[`${g}_${k}`];
			if (field && field.$input) field.$input.on("input change", update);
		}));
	},
};
