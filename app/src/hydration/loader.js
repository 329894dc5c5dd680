// The islands' loader. It picks the first-visit bundle when every island on the page is one of
// its islands, the full bundle otherwise, preloads it at once, runs it when the browser is idle
// and hydrates the islands in document order, each island's children before the islands inside
// them.
((pkg, full, first, firstIslands) => {
	const name = (el) => (el.dataset.component || "").replace(/_\d+$/, "");
	const islands = Array.from(document.querySelectorAll("leptos-island"), name);
	const [js, wasm] = first && islands.every((i) => firstIslands.includes(i)) ? first : full;
	const childrenCallbacks = [];
	async function hydrateIsland(el, mod) {
		const island = mod[el.dataset.component];
		if (!island) {
			console.warn(`Could not find WASM function for the island ${el.dataset.component}.`);
			return;
		}
		const children = childrenCallbacks[childrenCallbacks.length - 1];
		if (children) {
			children();
		}
		const done = island(el);
		if (done && done.then) {
			await done;
		}
	}
	async function traverse(node, mod) {
		if (node.nodeType !== Node.ELEMENT_NODE) {
			return;
		}
		const tag = node.tagName.toLowerCase();
		if (tag === "leptos-island") {
			await hydrateIsland(node, mod);
		} else if (tag === "leptos-children") {
			childrenCallbacks.push(node.$$on_hydrate);
		}
		for (const child of node.children) {
			await traverse(child, mod);
		}
		if (tag === "leptos-children") {
			childrenCallbacks.pop();
		}
	}
	// Both files are preloaded at once; they run when the browser is idle.
	for (const [rel, file] of [["modulepreload", js], ["preload", wasm]]) {
		const link = document.createElement("link");
		link.rel = rel;
		link.href = `${pkg}/${file}`;
		if (rel === "preload") {
			link.as = "fetch";
			link.type = "application/wasm";
			link.crossOrigin = "";
		}
		document.head.append(link);
	}
	const idle = window.requestIdleCallback || ((f) => f());
	idle(() => {
		import(`${pkg}/${js}`)
			.then((mod) => mod.default({ module_or_path: `${pkg}/${wasm}` }).then(() => mod))
			.then((mod) => {
				mod.hydrate();
				return traverse(document.body, mod);
			});
	});
})
