/* The WHO MEC combination on the phone: the same rules as counseling/mec.py (most restrictive
   category wins; NA wins over all; MOW/MOP join their non-A letters), over the table the
   server sends (/luring/mec.json). Tested on every cell against the server engine. */
"use strict";
window.impMec = {
  combine(spec, method, categories) {
    if (categories.includes("NA")) return "NA";
    if (spec.scales.letters.includes(method)) {
      const letters = [...new Set(categories)].filter((c) => c !== "A").sort();
      return letters.length ? letters.join("+") : "A";
    }
    const scale = method === "MAL" ? spec.scales.mal : spec.scales.scale;
    return categories.reduce((worst, c) => (scale.indexOf(c) > scale.indexOf(worst) ? c : worst), scale[0]);
  },
  // Two conditions of one exclusive group (two age bands, ...) contradict each other.
  // A split condition (__init/__cont) given for both phases contradicts itself too.
  clash(spec, conditions) {
    const group = spec.groups.some((prefixes) => conditions.filter((c) => prefixes.some((p) => c.startsWith(p))).length > 1);
    const bases = conditions.filter((c) => c.includes("__")).map((c) => c.split("__")[0]);
    return group || new Set(bases).size !== bases.length;
  },
  evaluate(spec, conditions) {
    const methods = {};
    for (const method of spec.methods) {
      const cells = conditions.map((c) => spec.table[c][method]).filter((c) => c !== undefined);
      methods[method] = this.combine(spec, method, cells);
    }
    return methods;
  },
};
