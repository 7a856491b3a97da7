// Open relationships to check in with: open concerns addressed to the organiser, long pauses, no meetings.
import { t } from "../locale.js";
import { h, fill, emptyState, params, hashParams, field } from "../dom.js";
import { fmtNumber, fmtInstant } from "../format.js";
import { getJson, me, isAdmin } from "../api.js";
import { programmes, programmeSelect, summaryTable } from "./common.js";


export async function attentionView(target) {
  const filter = hashParams();
  const user = await me();
  const readsThresholds = Boolean(filter.programmeId) && (isAdmin(user) || user.programmes.includes(filter.programmeId));
  const [keys, list, own] = await Promise.all([
    programmes(),
    getJson(`/api/relationships/attention?${params({ programmeId: filter.programmeId, inactiveDays: filter.inactiveDays, pausedDays: filter.pausedDays, agreementDays: filter.agreementDays })}`),
    readsThresholds ? getJson(`/api/programmes/${encodeURIComponent(filter.programmeId)}/attention-thresholds`) : null,
  ]);
  const form = h("form", { class: "filters", "aria-label": t.filters, onsubmit: (e) => {
      e.preventDefault();
      const values = Object.fromEntries(new FormData(e.target));
      // Days left as shown are not the person's choice: the chosen programme's own then apply.
      if (!filter.inactiveDays && Number(values.inactiveDays) === list.inactiveDays) delete values.inactiveDays;
      if (!filter.pausedDays && Number(values.pausedDays) === list.pausedDays) delete values.pausedDays;
      if (!values.agreementDays || (!filter.agreementDays && Number(values.agreementDays) === list.agreementDays)) delete values.agreementDays;
      location.hash = `#/attention?${params(values)}`;
    } },
    field("a-programme", t.programme, programmeSelect("a-programme", filter.programmeId, keys)),
    field("a-inactive", t.inactiveDays, h("input", { id: "a-inactive", name: "inactiveDays", type: "number", inputmode: "numeric", min: 1, max: 3650, required: true, value: list.inactiveDays })),
    field("a-paused", t.pausedDays, h("input", { id: "a-paused", name: "pausedDays", type: "number", inputmode: "numeric", min: 1, max: 3650, required: true, value: list.pausedDays })),
    h("div", { class: "field" }, h("label", { for: "a-agreement" }, t.warningSigns.agreementDays),
      h("p", { class: "hint", id: "a-agreement-hint" }, t.warningSigns.agreementHint),
      h("input", { id: "a-agreement", name: "agreementDays", type: "number", inputmode: "numeric", min: 1, max: 3650,
        value: list.agreementDays ?? "", "aria-describedby": "a-agreement-hint" })),
    h("div", { class: "actions" }, h("button", { type: "submit", id: "a-apply" }, t.apply)));
  const why = {
    OPEN_CONCERN: () => t.why.concern,
    PAUSED_LONG: () => t.why.paused(fmtNumber(list.pausedDays, 0)),
    NO_RECENT_MEETING: () => t.why.noMeeting(fmtNumber(list.inactiveDays, 0)),
    NO_AGREEMENT: () => t.warningSigns.noAgreementWhy(fmtNumber(list.agreementDays, 0)),
  };
  fill(target, h("h1", {}, t.nav.attention),
    h("p", {}, t.attentionHelp(fmtNumber(list.inactiveDays, 0), fmtNumber(list.pausedDays, 0))),
    thresholdsInUse(filter, list, own), form,
    ...(list.items.length === 0 ? [emptyState(t.empty.noAttention)]
      : [h("p", { id: "a-total" }, t.total(fmtNumber(list.items.length, 0))),
        summaryTable(list.items, { head: t.why.head, cell: (r) => h("ul", { class: "reasons" }, (r.reasons || []).map((x) => h("li", {}, why[x] ? why[x]() : x))) })]));
}

/** Where the thresholds in use come from: this view's own, the programme's, or the service's defaults. */
function thresholdsInUse(filter, list, own) {
  const w = t.warningSigns;
  const [inactive, paused] = [fmtNumber(list.inactiveDays, 0), fmtNumber(list.pausedDays, 0)];
  const [source, text] = filter.inactiveDays || filter.pausedDays || filter.agreementDays
    ? ["chosen", w.thresholdsChosen(inactive, paused)]
    : own?.setBy ? ["programme", w.thresholdsOwn(inactive, paused, own.setBy, fmtInstant(own.setAt))]
      : ["defaults", w.thresholdsDefault(inactive, paused)];
  const agreement = list.agreementDays ? w.thresholdsAgreement(fmtNumber(list.agreementDays, 0)) : w.thresholdsNoAgreement;
  return h("p", { id: "a-thresholds", class: "how-to-read", "data-source": source,
    "data-inactive-days": String(list.inactiveDays), "data-paused-days": String(list.pausedDays),
    "data-agreement-days": list.agreementDays ? String(list.agreementDays) : "" }, text, " ", agreement);
}
