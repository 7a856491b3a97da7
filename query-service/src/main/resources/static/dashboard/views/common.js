// What several views share: the relationships table, the programme and date filters and the error notice.
import { t } from "../locale.js";
import { h, present, personName } from "../dom.js";
import { fmtNumber, time, dateForInput, parseDateInput } from "../format.js";
import { getJson } from "../api.js";

export const STAGES = ["STARTED", "AGREED", "IN_PROGRESS", "PAUSED", "CLOSED", "TERMINATED"];
export const OPEN_STAGES = ["STARTED", "AGREED", "IN_PROGRESS", "PAUSED"];
export const REASONS = ["LACK_OF_TIME", "MISMATCH", "LOST_CONTACT", "RELOCATION", "HEALTH_OR_FAMILY", "CHANGE_OF_GOALS", "ORGANISER_DECISION", "OTHER"];

/** Admins and organisers read the reports; a mentor or mentee would only be refused them. */
export function readsReports() {
  return document.body.dataset.reports === "true";
}

export async function programmes() {
  if (!readsReports()) return [];
  const grouped = await getJson("/api/reports/outcomes?groupBy=programme");
  return grouped.groups.map((g) => g.key);
}

export function programmeSelect(id, selected, keys) {
  return h("select", { id, name: "programmeId" },
    h("option", { value: "" }, t.allProgrammes),
    keys.filter(present).map((k) => h("option", { value: k, selected: k === selected }, k)));
}

export function errorBox(error) {
  if (error && (error.status === 404 || error.status === 403)) return h("p", { class: "notice error", role: "alert" }, t.notFound);
  if (error && error.status === 400) {
    const fields = (error.problem?.errors || []).map((e) => `${t.fields[e.field] ?? e.field}: ${e.message}`);
    return h("div", { class: "notice error", role: "alert" }, h("p", {}, t.invalid), fields.length ? h("ul", {}, fields.map((f) => h("li", {}, f))) : null);
  }
  if (error && error.status === 503) return h("p", { class: "notice error", role: "alert" }, t.notYet);
  return h("p", { class: "notice error", role: "alert" }, t.error);
}

export function summaryTable(items, extra) {
  const heads = [t.pair, t.programme, t.stage, t.startedOn, t.meetings, t.lastMeeting, t.openConcerns, ...(extra ? [extra.head] : [])];
  return h("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": t.nav.relationships }, h("table", { class: "relationships" },
    h("thead", {}, h("tr", {}, heads.map((x) => h("th", { scope: "col" }, x)))),
    h("tbody", {}, items.map((r) => h("tr", { "data-id": r.relationshipId },
      h("th", { scope: "row" }, h("a", { href: `#/relationship/${encodeURIComponent(r.relationshipId)}` },
        `${personName(r.mentor)} – ${personName(r.mentee)}`)),
      h("td", {}, r.programmeId ?? t.noProgramme),
      h("td", {}, h("span", { class: "stage" }, t.stages[r.stage] ?? r.stage)),
      h("td", {}, time(r.startedOn)), h("td", { class: "number" }, fmtNumber(r.meetingCount, 0)),
      h("td", {}, time(r.lastMeetingOn)), h("td", { class: "number" }, fmtNumber(r.openConcerns, 0)),
      extra ? h("td", { "data-reasons": (r.reasons || []).join(" ") }, extra.cell(r)) : null)))));
}
export const PAGE_SIZE = 25;

/** A date filter typed as the chosen language writes dates, with its hint and its error line. */
export function dateFilter(id, name, label, value) {
  return h("div", { class: "field" },
    h("label", { for: id }, label),
    h("p", { class: "hint", id: `${id}-hint` }, t.form.dateHint),
    h("input", { id, name, type: "text", autocomplete: "off", value: dateForInput(value), "aria-describedby": `${id}-hint` }),
    h("p", { class: "field-error", id: `${id}-error`, hidden: true }));
}

/**
 * Reads the form's date filters into `values` as ISO dates, marking each one that cannot be read;
 * false (and the first wrong field focused) when any could not.
 */
export function readDateFilters(form, values, names) {
  let wrong = null;
  for (const name of names) {
    const input = form.elements[name];
    const error = document.getElementById(`${input.id}-error`);
    const read = parseDateInput(values[name]);
    error.hidden = !read.error;
    error.textContent = read.error ?? "";
    // aria-invalid="" would say "false" to a screen reader: the attribute needs its value
    if (read.error) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
    input.setAttribute("aria-describedby", read.error ? `${input.id}-hint ${input.id}-error` : `${input.id}-hint`);
    if (read.error) wrong = wrong ?? input;
    values[name] = read.iso ?? "";
  }
  wrong?.focus();
  return !wrong;
}
