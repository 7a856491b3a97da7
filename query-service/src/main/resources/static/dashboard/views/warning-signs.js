// Warning signs, back-tested: which needs-attention signal, at which threshold, came before the
// drop-outs of the selection, and a button that makes a threshold the programme's default.
import { t } from "../locale.js";
import { h, fill, present, emptyState, params, hashParams, field, announce } from "../dom.js";
import { fmtNumber, fmtRate } from "../format.js";
import { getJson, put, me, isAdmin } from "../api.js";
import { programmes, programmeSelect, errorBox, dateFilter, readDateFilters } from "./common.js";

/** The signals whose threshold is a setting of the programme, and the setting each one is. */
const SETTABLE = { NO_RECENT_MEETING: "inactiveDays", PAUSED_LONG: "pausedDays", NO_AGREEMENT: "agreementDays" };

export async function warningSignsView(target) {
  const filter = hashParams();
  const selection = { programmeId: filter.programmeId, startedFrom: filter.startedFrom, startedTo: filter.startedTo };
  const user = await me();
  const maySet = Boolean(filter.programmeId) && (isAdmin(user) || user.programmes.includes(filter.programmeId));
  const [keys, report, thresholds] = await Promise.all([
    programmes(),
    getJson(`/api/reports/warning-signs?${params(selection)}`),
    maySet ? getJson(`/api/programmes/${encodeURIComponent(filter.programmeId)}/attention-thresholds`) : null,
  ]);
  const w = t.warningSigns;
  const parts = [h("h1", {}, w.heading), h("p", {}, w.intro), filters(filter, keys)];
  if (report.relationships === 0) {
    parts.push(emptyState(t.empty.noneSelected));
    fill(target, ...parts);
    return;
  }
  parts.push(h("p", { id: "ws-base-rate", "data-relationships": String(report.relationships),
    "data-terminated": String(report.terminated) },
    w.baseRate(fmtNumber(report.relationships, 0), fmtNumber(report.terminated, 0), fmtRate(report.baseRate))));
  if (!filter.programmeId) parts.push(h("p", { class: "how-to-read" }, w.chooseProgramme));
  const status = h("div", { id: "ws-status", role: "status" });
  parts.push(status);
  for (const signal of report.signals) {
    parts.push(signalCard(signal, report, maySet ? thresholds : null, filter.programmeId, target, status));
  }
  fill(target, ...parts);
}

function filters(filter, keys) {
  return h("form", { class: "filters", "aria-label": t.filters, novalidate: true, onsubmit: (e) => {
      e.preventDefault();
      const values = Object.fromEntries(new FormData(e.target));
      if (!readDateFilters(e.target, values, ["startedFrom", "startedTo"])) return;
      location.hash = `#/warning-signs?${params(values)}`;
    } },
    field("ws-programme", t.programme, programmeSelect("ws-programme", filter.programmeId, keys)),
    dateFilter("ws-from", "startedFrom", t.startedFrom, filter.startedFrom),
    dateFilter("ws-to", "startedTo", t.startedTo, filter.startedTo),
    h("div", { class: "actions" }, h("button", { type: "submit", id: "ws-apply" }, t.apply)));
}

function signalCard(signal, report, thresholds, programmeId, target, status) {
  const w = t.warningSigns;
  const id = `ws-${signal.signal}`;
  const setting = thresholds ? SETTABLE[signal.signal] : null;
  const heads = [w.columns.days, w.columns.flagged, w.columns.terminated, w.columns.early, w.columns.missed,
    w.columns.lead, ...(setting ? [w.columns.action] : [])];
  const rows = signal.thresholds.map((row) => {
    const suggested = row.days === signal.suggested;
    const inUse = setting && thresholds[setting] === row.days;
    return h("tr", { "data-days": String(row.days), "data-flagged": String(row.flagged),
        "data-terminated": String(row.flaggedThenTerminated), "data-early": String(row.caughtEarly),
        "data-missed": String(row.missed), "data-median": present(row.medianLeadDays) ? String(row.medianLeadDays) : "",
        class: suggested ? "suggested" : null },
      h("th", { scope: "row" }, fmtNumber(row.days, 0),
        suggested ? [" ", h("span", { class: "badge suggested" }, w.suggested)] : null,
        inUse ? [" ", h("span", { class: "badge in-use" }, w.inUse)] : null),
      h("td", { class: "number" }, fmtNumber(row.flagged, 0)),
      h("td", {}, w.ofThem(fmtNumber(row.flaggedThenTerminated, 0), fmtRate(row.precision), fmtRate(report.baseRate))),
      h("td", { class: "number" }, fmtNumber(row.caughtEarly, 0)),
      h("td", { class: "number" }, fmtNumber(row.missed, 0)),
      h("td", { class: "number" }, fmtNumber(row.medianLeadDays, 1)),
      setting ? h("td", {}, inUse ? null : h("button", { type: "button", class: "secondary", "data-use": String(row.days),
        onclick: (e) => useAsDefault(e.currentTarget, programmeId, thresholds, setting, row.days, target, status) },
        w.use(fmtNumber(row.days, 0)))) : null);
  });
  return h("section", { class: "card", id, "data-suggested": present(signal.suggested) ? String(signal.suggested) : "",
      "aria-labelledby": `${id}-heading` },
    h("h2", { id: `${id}-heading` }, w.signals[signal.signal]),
    h("p", { class: "how-to-read" }, w.howToRead[signal.signal]),
    h("p", {}, present(signal.suggested) ? w.suggestion(fmtNumber(signal.suggested, 0)) : w.noSuggestion),
    h("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-labelledby": `${id}-heading` },
      h("table", {}, h("thead", {}, h("tr", {}, heads.map((x) => h("th", { scope: "col" }, x)))), h("tbody", {}, rows))));
}

async function useAsDefault(button, programmeId, thresholds, setting, days, target, status) {
  button.disabled = true;
  try {
    await put(`/api/programmes/${encodeURIComponent(programmeId)}/attention-thresholds`,
      { inactiveDays: thresholds.inactiveDays, pausedDays: thresholds.pausedDays, agreementDays: thresholds.agreementDays,
        [setting]: days });
    await warningSignsView(target);
    const message = t.warningSigns.saved(fmtNumber(days, 0));
    const done = document.getElementById("ws-status");
    fill(done, h("p", { class: "notice success" }, message, " ",
      h("a", { href: `#/attention?${params({ programmeId })}` }, t.nav.attention)));
    announce(message);
  } catch (error) {
    button.disabled = false;
    fill(status, errorBox(error));
  }
}
