// Open relationships to check in with: open concerns addressed to the organiser, long pauses, no meetings.
import { t } from "../locale.js";
import { h, fill, emptyState, params, hashParams, field } from "../dom.js";
import { fmtNumber } from "../format.js";
import { getJson } from "../api.js";
import { programmes, programmeSelect, summaryTable } from "./common.js";


export async function attentionView(target) {
  const filter = hashParams();
  const [keys, list] = await Promise.all([
    programmes(),
    getJson(`/api/relationships/attention?${params({ programmeId: filter.programmeId, inactiveDays: filter.inactiveDays, pausedDays: filter.pausedDays })}`),
  ]);
  const form = h("form", { class: "filters", "aria-label": t.filters, onsubmit: (e) => {
      e.preventDefault();
      location.hash = `#/attention?${params(Object.fromEntries(new FormData(e.target)))}`;
    } },
    field("a-programme", t.programme, programmeSelect("a-programme", filter.programmeId, keys)),
    field("a-inactive", t.inactiveDays, h("input", { id: "a-inactive", name: "inactiveDays", type: "number", inputmode: "numeric", min: 1, max: 3650, required: true, value: list.inactiveDays })),
    field("a-paused", t.pausedDays, h("input", { id: "a-paused", name: "pausedDays", type: "number", inputmode: "numeric", min: 1, max: 3650, required: true, value: list.pausedDays })),
    h("div", { class: "actions" }, h("button", { type: "submit", id: "a-apply" }, t.apply)));
  const why = {
    OPEN_CONCERN: () => t.why.concern,
    PAUSED_LONG: () => t.why.paused(fmtNumber(list.pausedDays, 0)),
    NO_RECENT_MEETING: () => t.why.noMeeting(fmtNumber(list.inactiveDays, 0)),
  };
  fill(target, h("h1", {}, t.nav.attention),
    h("p", {}, t.attentionHelp(fmtNumber(list.inactiveDays, 0), fmtNumber(list.pausedDays, 0))), form,
    ...(list.items.length === 0 ? [emptyState(t.empty.noAttention)]
      : [h("p", { id: "a-total" }, t.total(fmtNumber(list.items.length, 0))),
        summaryTable(list.items, { head: t.why.head, cell: (r) => h("ul", { class: "reasons" }, (r.reasons || []).map((x) => h("li", {}, why[x] ? why[x]() : x))) })]));
}

