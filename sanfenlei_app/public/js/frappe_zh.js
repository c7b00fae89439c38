// Where Frappe's own screens show English to a Chinese user although the words exist in Chinese
// (loaded in the desk by hooks.app_include_js and on website pages by hooks.web_include_js).
// Strings Frappe passes through __() are translated in translations/zh.csv; these are the places
// where Frappe does not ask for a translation at all.
(function () {
	const lang = () => (frappe.boot && ((frappe.boot.user && frappe.boot.user.language) || frappe.boot.lang)) || "en";

	// 1. The date picker takes its language from frappe.boot.user, which website pages (web forms)
	//    do not have: it fell back to English ("November, 2026", "Today").
	function localize_date_controls() {
		const Control = frappe.ui && frappe.ui.form && frappe.ui.form.ControlDate;
		if (!Control || Control.prototype.__sanfenlei_lang) return;
		const set_date_options = Control.prototype.set_date_options;
		Control.prototype.set_date_options = function () {
			set_date_options.call(this);
			const words = $.fn.datepicker && $.fn.datepicker.language[lang()];
			if (words) {
				this.datepicker_options.language = lang();
				this.today_text = words.today || this.today_text;
			}
		};
		Control.prototype.__sanfenlei_lang = true;
	}

	// 2. The form's activity log printed an empty old value as "null" ("从 null 改为 …").
	function empty_is_empty() {
		if (!frappe.utils || !frappe.utils.html2text || frappe.utils.html2text.__sanfenlei) return;
		const html2text = frappe.utils.html2text;
		frappe.utils.html2text = (html) => (html === null || html === undefined ? "" : html2text(html));
		frappe.utils.html2text.__sanfenlei = true;
	}

	// 3. A list's Select column shows its value translated but its tooltip showed the stored
	//    value ("组织层级: District").
	function translate_list_tooltips() {
		const ListView = frappe.views && frappe.views.ListView;
		if (!ListView || ListView.prototype.__sanfenlei_titles) return;
		const get_column_html = ListView.prototype.get_column_html;
		ListView.prototype.get_column_html = function (col, doc) {
			let html = get_column_html.call(this, col, doc);
			const df = (col && col.df) || {};
			const value = doc && doc[df.fieldname];
			if (df.fieldtype === "Select" && value && typeof value === "string") {
				const esc = frappe.utils.escape_html;
				html = html.replace(`title="${__(df.label)}: ${esc(value)}"`, `title="${__(df.label)}: ${esc(__(value))}"`);
			}
			return html;
		};
		ListView.prototype.__sanfenlei_titles = true;
	}

	// 4. Tooltips Frappe writes without asking for a translation: the report table's filter boxes
	//    (frappe-datatable: "Filter based on 序号"), the activity log's badges ("Workflow"), a
	//    list's sort buttons with the field's label untranslated.  Each title, or each English
	//    phrase inside one, that has a translation is shown translated.
	const FILTER_TITLE = "Filter based on ";
	function translated_title(title) {
		if (title.startsWith(FILTER_TITLE)) return __("Filter based on {0}", [__(title.slice(FILTER_TITLE.length))]);
		const applied = title.match(/^(\d+) Filters? Applied$/);  // the list's filter button
		if (applied) return __("{0} filters applied", [applied[1]]);
		if (__(title) !== title) return __(title);
		// an English label inside a translated sentence ("点击按Party Organization排序")
		return title.replace(/[A-Za-z][A-Za-z ]*[A-Za-z]/g, (words) => __(words));
	}
	function translate_titles(root) {
		if (!root.querySelectorAll) return;
		for (const el of [root, ...root.querySelectorAll("[title]")]) {
			const title = el.getAttribute && el.getAttribute("title");
			if (!title || !/[A-Za-z]/.test(title)) continue;
			const zh = translated_title(title);
			if (zh !== title) el.setAttribute("title", zh);
		}
	}
	function watch_titles() {
		if (window.__sanfenlei_title_observer || !window.MutationObserver || !document.body) return;
		window.__sanfenlei_title_observer = new MutationObserver((mutations) => {
			for (const m of mutations) {
				if (m.type === "attributes") translate_titles(m.target);
				else m.addedNodes.forEach(translate_titles);
			}
		});
		// new elements, and titles set later on existing ones (a translated title has no English
		// left to change, so this settles)
		window.__sanfenlei_title_observer.observe(document.body, { childList: true, subtree: true,
			attributes: true, attributeFilter: ["title"] });
		translate_titles(document.body);
	}

	// 5. A field's label looked up by name came back untranslated (the activity log's row changes:
	//    "第4行的By（由 … 改为 …）").
	function translated_labels() {
		if (!frappe.meta || !frappe.meta.get_label || frappe.meta.get_label.__sanfenlei) return;
		const get_label = frappe.meta.get_label;
		frappe.meta.get_label = function (...args) {
			const label = get_label.apply(this, args);
			return typeof label === "string" ? __(label) : label;
		};
		frappe.meta.get_label.__sanfenlei = true;
	}

	function apply() {
		translated_labels();
		localize_date_controls();
		empty_is_empty();
		translate_list_tooltips();
		watch_titles();
	}
	apply();
	// web forms load their controls after this file: apply again before they render
	if (frappe.ready) frappe.ready(apply);
	$(document).on("app_ready", apply);
})();
