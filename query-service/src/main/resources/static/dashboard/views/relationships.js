// The list of relationships the signed-in person may see, filtered by programme and stage.
import { t } from "../locale.js";
import { h, fill, emptyState, params, hashParams, field } from "../dom.js";
import { fmtNumber } from "../format.js";
import { getJson } from "../api.js";
import { STAGES, PAGE_SIZE, programmes, programmeSelect, summaryTable } from "./common.js";


export async function relationshipsView(target) {
  const filter = hashParams();
  const page = Math.max(0, Number.parseInt(filter.page || "0", 10) || 0);
  const [keys, list] = await Promise.all([
    programmes(),
    getJson(`/api/relationships?${params({ programmeId: filter.programmeId, stage: filter.stage, page, size: PAGE_SIZE })}`),
  ]);
  const go = (changes) => { location.hash = `#/relationships?${params({ ...filter, ...changes })}`; };
  const form = h("form", { class: "filters", "aria-label": t.filters, onsubmit: (e) => {
      e.preventDefault();
      go({ ...Object.fromEntries(new FormData(e.target)), page: 0 });
    } },
    field("r-programme", t.programme, programmeSelect("r-programme", filter.programmeId, keys)),
    field("r-stage", t.stage, h("select", { id: "r-stage", name: "stage" }, h("option", { value: "" }, t.allStages),
      STAGES.map((s) => h("option", { value: s, selected: s === filter.stage }, t.stages[s])))),
    h("div", { class: "actions" }, h("button", { type: "submit", id: "r-apply" }, t.apply)));
  const filtered = filter.programmeId || filter.stage;
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  fill(target, h("h1", {}, t.nav.relationships), form,
    h("p", { id: "r-total" }, t.total(fmtNumber(list.total, 0))),
    list.items.length === 0 ? emptyState(filtered ? t.empty.noRelationships : t.empty.none) : summaryTable(list.items),
    pages > 1 ? h("nav", { class: "pager", "aria-label": t.pages },
      h("button", { type: "button", disabled: page === 0, onclick: () => go({ page: page - 1 }) }, t.previous),
      h("span", { "aria-current": "page" }, t.pageOf(page + 1, pages)),
      h("button", { type: "button", disabled: page + 1 >= pages, onclick: () => go({ page: page + 1 }) }, t.next)) : null);
}
