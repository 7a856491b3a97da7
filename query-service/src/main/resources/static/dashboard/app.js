// The organisers' dashboard: plain modules, no build step, no outside requests. Every piece of
// data is put into the page as text (never as HTML), so names and ids cannot inject markup.
import { LANGUAGES, TEXT } from "./i18n.js";

const STAGES = ["STARTED", "AGREED", "IN_PROGRESS", "PAUSED", "CLOSED", "TERMINATED"];
const OPEN_STAGES = ["STARTED", "AGREED", "IN_PROGRESS", "PAUSED"];
const REASONS = ["LACK_OF_TIME", "MISMATCH", "LOST_CONTACT", "RELOCATION", "HEALTH_OR_FAMILY", "CHANGE_OF_GOALS", "ORGANISER_DECISION", "OTHER"];
const PAGE_SIZE = 25;
const POLL_MILLIS = 400;

let lang = chooseLanguage();
let t = TEXT[lang];
const charts = [];
const downloads = [];
let replayTimer = null;
let renders = 0;

function chooseLanguage() {
  const saved = localStorage.getItem("lang");
  if (saved && TEXT[saved]) return saved;
  const served = document.documentElement.lang; // from Accept-Language, set by the server
  return TEXT[served] ? served : "en";
}

// ---- small DOM helpers -------------------------------------------------------------------
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const main = () => document.getElementById("main");

/** Replaces an element's content; like h(), it takes arrays and leaves out null and false. */
function fill(el, ...children) {
  el.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}
const present = (v) => v !== null && v !== undefined;
/** A mentor or mentee as the API gives them; an erased one has no name any more, and says so. */
const personName = (p) => (p?.erased ? t.erasedPerson : p?.name ?? "?");

function fmtNumber(n, digits = 1) {
  return present(n) ? new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(n) : "–";
}
function fmtRate(n) {
  return present(n) ? new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 1 }).format(n) : "–";
}
function fmtDate(iso) {
  if (!iso) return "–";
  const [y, m, d] = iso.split("-").map(Number);
  return new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}
function fmtInstant(iso) {
  return iso ? new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso)) : "–";
}
/** A date as a <time> element: readable text for people, ISO for machines. */
function time(iso, format = fmtDate) {
  return iso ? h("time", { datetime: iso }, format(iso)) : "–";
}

class HttpError extends Error {
  constructor(status, problem) {
    super(`${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** Headers of every request: X-Requested-With keeps the browser's password dialog away from a 401. */
const REQUEST_HEADERS = { Accept: "application/json", "X-Requested-With": "fetch" };

/** The CSRF token that the service set in the XSRF-TOKEN cookie; unsafe requests send it back in a header. */
function csrfHeaders() {
  const cookie = document.cookie.split("; ").find((c) => c.startsWith("XSRF-TOKEN="));
  return cookie ? { "X-XSRF-TOKEN": decodeURIComponent(cookie.substring("XSRF-TOKEN=".length)) } : {};
}

/** A signed-out session (expired, or signed out in another tab) goes back to the sign-in page. */
function signInAgainOn401(response) {
  if (response.status === 401) location.assign("/login");
}

async function getJson(url) {
  const response = await fetch(url, { headers: REQUEST_HEADERS });
  signInAgainOn401(response);
  if (!response.ok) throw new HttpError(response.status, await problemOf(response));
  return response.json();
}

async function problemOf(response) {
  try { return await response.json(); } catch { return null; }
}

function errorBox(error) {
  if (error && error.status === 404) return h("p", { class: "notice error", role: "alert" }, t.notFound);
  if (error && error.status === 400) {
    const fields = (error.problem?.errors || []).map((e) => `${t.fields[e.field] ?? e.field}: ${e.message}`);
    return h("div", { class: "notice error", role: "alert" }, h("p", {}, t.invalid), fields.length ? h("ul", {}, fields.map((f) => h("li", {}, f))) : null);
  }
  return h("p", { class: "notice error", role: "alert" }, t.error);
}

function emptyState(text) {
  return h("p", { class: "notice empty" }, text);
}

/** A real link to the figures as CSV (RFC 4180), so that it is reachable and works like any download. */
function csvLink(filename, header, rows) {
  const escape = (v) => {
    const s = present(v) ? String(v) : "";
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const text = [header, ...rows].map((r) => r.map(escape).join(",")).join("\r\n") + "\r\n";
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  downloads.push(url);
  return h("a", { href: url, download: filename, class: "button secondary", "data-csv": filename }, t.downloadCsv);
}

// ---- chrome: header, navigation, language --------------------------------------------------
function renderChrome() {
  document.documentElement.lang = lang;
  document.title = t.title;
  document.getElementById("skip").textContent = t.skip;
  document.getElementById("brand").textContent = t.title;
  const nav = document.getElementById("nav");
  nav.setAttribute("aria-label", t.mainNav);
  const views = (readsReports() ? ["overview"] : []).concat(["relationships", "attention"],
    document.body.dataset.admin === "true" ? ["replay"] : []);
  nav.replaceChildren(...views.map((view) =>
    h("a", { href: `#/${view}`, "aria-current": currentView() === view ? "page" : null }, t.nav[view])));
  const select = document.getElementById("language");
  document.getElementById("language-label").textContent = t.language;
  document.getElementById("sign-out").textContent = t.signOut;
  select.replaceChildren(...Object.entries(LANGUAGES).map(([code, name]) =>
    h("option", { value: code, lang: code, selected: code === lang }, name)));
}

/** Admins and organisers read the reports; a mentor or mentee would only be refused them. */
function readsReports() {
  return document.body.dataset.reports === "true";
}

function startView() {
  return readsReports() ? "overview" : "relationships";
}

function currentView() {
  const view = location.hash.replace(/^#\//, "").split(/[/?]/)[0];
  return view === "relationship" ? "relationships" : view === "overview" || !view ? startView() : view;
}

async function route() {
  charts.splice(0).forEach((c) => c.dispose());
  downloads.splice(0).forEach((url) => URL.revokeObjectURL(url));
  if (replayTimer) { clearInterval(replayTimer); replayTimer = null; }
  renderChrome();
  const [path] = location.hash.replace(/^#\//, "").split("?");
  const [view, ...rest] = path.split("/");
  const target = main();
  target.setAttribute("aria-busy", "true");
  fill(target, h("p", { class: "loading" }, t.loading));
  try {
    if (view === "relationships") await relationshipsView(target);
    else if (view === "attention") await attentionView(target);
    else if (view === "relationship") await relationshipView(target, decodeURIComponent(rest.join("/")));
    else if (view === "replay") await replayView(target);
    else if (readsReports()) await overviewView(target);
    else await relationshipsView(target);
  } catch (error) {
    fill(target, errorBox(error));
  }
  target.setAttribute("aria-busy", "false");
  // Lets a person's screen reader (and the browser tests) know a new page is in place.
  document.body.dataset.view = view === "overview" || !view ? startView() : view;
  document.body.dataset.renders = String(++renders);
  const heading = target.querySelector("h1");
  if (heading) document.title = `${heading.textContent} · ${t.title}`;
}

// ---- overview -----------------------------------------------------------------------------
function params(obj) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(obj)) if (present(v) && v !== "") p.set(k, v);
  return p.toString();
}

function hashParams() {
  const q = location.hash.split("?")[1];
  return Object.fromEntries(new URLSearchParams(q || ""));
}

async function programmes() {
  if (!readsReports()) return [];
  const grouped = await getJson("/api/reports/outcomes?groupBy=programme");
  return grouped.groups.map((g) => g.key);
}

function programmeSelect(id, selected, keys) {
  return h("select", { id, name: "programmeId" },
    h("option", { value: "" }, t.allProgrammes),
    keys.filter(present).map((k) => h("option", { value: k, selected: k === selected }, k)));
}

function field(id, label, control) {
  return h("div", { class: "field" }, h("label", { for: id }, label), control);
}

async function overviewView(target) {
  const filter = hashParams();
  const selection = { programmeId: filter.programmeId, startedFrom: filter.startedFrom, startedTo: filter.startedTo };
  const [keys, report, byProgramme, byQuarter] = await Promise.all([
    programmes(),
    getJson(`/api/reports/outcomes?${params(selection)}`),
    getJson(`/api/reports/outcomes?${params({ ...selection, groupBy: "programme" })}`),
    getJson(`/api/reports/outcomes?${params({ ...selection, groupBy: "startQuarter" })}`),
  ]);
  const filtered = Object.values(selection).some((v) => v);
  const form = h("form", { class: "filters", "aria-label": t.filters, onsubmit: (e) => {
      e.preventDefault();
      location.hash = `#/overview?${params(Object.fromEntries(new FormData(e.target)))}`;
    } },
    field("f-programme", t.programme, programmeSelect("f-programme", filter.programmeId, keys)),
    field("f-from", t.startedFrom, h("input", { id: "f-from", name: "startedFrom", type: "date", value: filter.startedFrom || "" })),
    field("f-to", t.startedTo, h("input", { id: "f-to", name: "startedTo", type: "date", value: filter.startedTo || "" })),
    h("div", { class: "actions" },
      h("button", { type: "submit", id: "f-apply" }, t.apply),
      filtered ? h("a", { href: "#/overview", class: "button secondary" }, t.reset) : null));

  const parts = [h("h1", {}, t.nav.overview), form];
  if (report.relationships === 0) {
    parts.push(emptyState(filtered ? t.empty.noneSelected : `${t.empty.noProgrammes} ${t.empty.none}`));
    fill(target, ...parts);
    return;
  }
  const kpis = ["relationships", "ended", "completionRate", "dropOutRate", "medianDaysToClose", "averageMeetingsPerEnded", "averageEvaluationRating"];
  parts.push(h("section", { "aria-labelledby": "kpi-heading" },
    h("h2", { id: "kpi-heading", class: "visually-hidden" }, t.keyFigures),
    h("dl", { class: "kpis" }, kpis.map((k) => h("div", { class: "kpi", "data-kpi": k, "data-value": present(report[k]) ? String(report[k]) : "" },
      h("dt", {}, t.kpi[k]),
      h("dd", {}, k.endsWith("Rate") ? fmtRate(report[k]) : fmtNumber(report[k], k === "relationships" || k === "ended" ? 0 : 2)))))));
  if (report.ended === 0) parts.push(emptyState(t.empty.noEnded));

  const chartGrid = h("div", { class: "charts" });
  parts.push(chartGrid);
  const funnel = [["STARTED", report.relationships], ["AGREED", report.funnel.AGREED], ["IN_PROGRESS", report.funnel.IN_PROGRESS], ["CLOSED", report.funnel.CLOSED]];
  const series = [
    ["byStage", STAGES.map((s) => [s, report.byStage[s] ?? 0]), (s) => t.stages[s], null],
    ["funnel", funnel, (s) => t.funnel[s], null],
    ["terminationsByReason", REASONS.map((r) => [r, report.terminationsByReason[r] ?? 0]), (r) => t.reasons[r], t.empty.noTerminations],
    ["terminationsByStage", OPEN_STAGES.map((s) => [s, report.terminationsByStage[s] ?? 0]), (s) => t.stages[s], t.empty.noTerminations],
  ];
  for (const [name, data, label, whenEmpty] of series) chartGrid.append(chartCard(name, data, label, whenEmpty));
  parts.push(groupTable(t.byProgramme, "by-programme", byProgramme.groups, (k) => k ?? t.noProgramme));
  parts.push(groupTable(t.byQuarter, "by-quarter", byQuarter.groups, (k) => k ?? "–"));
  fill(target, ...parts);
  for (const chart of chartGrid.querySelectorAll("[data-chart]")) drawChart(chart);
}

function chartCard(name, data, label, whenEmpty) {
  const headingId = `chart-${name}-heading`;
  const figures = h("table", { class: "chart-figures" },
    h("caption", { class: "visually-hidden" }, t.charts[name]),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t.category), h("th", { scope: "col" }, t.count))),
    h("tbody", {}, data.map(([code, n]) => h("tr", { "data-code": code, "data-count": String(n) },
      h("th", { scope: "row" }, label(code)), h("td", {}, fmtNumber(n, 0))))));
  const empty = whenEmpty && data.every(([, n]) => n === 0);
  const chart = h("div", { class: "chart", "data-chart": name, role: "img", "aria-label": t.charts[name] });
  chart.chartData = data.map(([code, n]) => [label(code), n]);
  return h("section", { class: "card", id: `chart-${name}`, "aria-labelledby": headingId },
    h("h2", { id: headingId }, t.charts[name]),
    empty ? emptyState(whenEmpty) : chart,
    h("details", {}, h("summary", {}, t.showFigures), figures),
    csvLink(`${name}.csv`, ["code", "label", "count"], data.map(([code, n]) => [code, label(code), n])));
}

function drawChart(el) {
  if (typeof echarts === "undefined") return; // the figures table stays readable without charts
  const chart = echarts.init(el, null, { renderer: "svg" });
  charts.push(chart);
  chart.setOption({
    animation: false,
    aria: { enabled: false }, // the figures table beside the chart is the accessible version
    grid: { left: 8, right: 40, top: 8, bottom: 24, containLabel: true },
    xAxis: { type: "value", minInterval: 1, axisLabel: { color: "#1b1f24", formatter: (n) => fmtNumber(n, 0) } },
    yAxis: { type: "category", inverse: true, data: el.chartData.map(([l]) => l), axisLabel: { color: "#1b1f24", width: 130, overflow: "truncate" } },
    series: [{ type: "bar", data: el.chartData.map(([, n]) => n), itemStyle: { color: "#1f5f8b" },
      label: { show: true, position: "right", color: "#1b1f24", formatter: (p) => fmtNumber(p.value, 0) } }],
    tooltip: { valueFormatter: (n) => fmtNumber(n, 0) },
  });
}

function groupTable(title, id, groups, keyLabel) {
  const cols = ["relationships", "completed", "droppedOut", "completionRate", "dropOutRate", "medianDaysToClose"];
  const heads = [t.key, t.kpi.relationships, t.completed, t.droppedOut, t.kpi.completionRate, t.kpi.dropOutRate, t.kpi.medianDaysToClose];
  const section = h("section", { class: "card", id, "aria-labelledby": `${id}-heading` }, h("h2", { id: `${id}-heading` }, title));
  if (groups.length === 0) {
    section.append(emptyState(t.empty.noneSelected));
    return section;
  }
  section.append(h("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-labelledby": `${id}-heading` }, h("table", {},
    h("thead", {}, h("tr", {}, heads.map((x) => h("th", { scope: "col" }, x)))),
    h("tbody", {}, groups.map((g) => h("tr", { "data-key": g.key ?? "" },
      h("th", { scope: "row" }, keyLabel(g.key)),
      cols.map((c) => h("td", { "data-value": present(g[c]) ? String(g[c]) : "" },
        c.endsWith("Rate") ? fmtRate(g[c]) : fmtNumber(g[c], c === "medianDaysToClose" ? 1 : 0)))))))));
  section.append(csvLink(`${id}.csv`, ["key", ...cols], groups.map((g) => [g.key ?? "", ...cols.map((c) => g[c] ?? "")])));
  return section;
}

// ---- relationships --------------------------------------------------------------------------
function summaryTable(items, extra) {
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

async function relationshipsView(target) {
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

async function attentionView(target) {
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

// ---- one relationship ---------------------------------------------------------------------------
async function relationshipView(target, id) {
  const [summary, history] = await Promise.all([
    getJson(`/api/relationships/${encodeURIComponent(id)}`),
    getJson(`/api/relationships/${encodeURIComponent(id)}/history`),
  ]);
  const goalNames = Object.fromEntries((summary.goals || []).map((g) => [g.goalId, g.description]));
  const facts = [["stage", t.stages[summary.stage] ?? summary.stage], ["programme", summary.programmeId ?? t.noProgramme],
    ["mentor", personName(summary.mentor)], ["mentee", personName(summary.mentee)], ["languageOfMentoring", summary.language],
    ["startedOn", time(summary.startedOn)], ["agreedOn", time(summary.agreedOn)], ["inProgressOn", time(summary.inProgressOn)],
    ["pausedOn", time(summary.pausedOn)], ["endedOn", time(summary.endedOn)],
    ["terminationReason", summary.terminationReason ? t.reasons[summary.terminationReason] : "–"],
    ["meetings", fmtNumber(summary.meetingCount, 0)], ["lastMeeting", time(summary.lastMeetingOn)],
    ["openConcerns", fmtNumber(summary.openConcerns, 0)], ["version", fmtNumber(summary.version, 0)]];
  fill(target, 
    h("p", { class: "back" }, h("a", { href: "#/relationships" }, `← ${t.nav.relationships}`)),
    h("h1", {}, `${personName(summary.mentor)} – ${personName(summary.mentee)}`),
    h("section", { class: "card", "aria-labelledby": "summary-heading" }, h("h2", { id: "summary-heading" }, t.summary),
      h("dl", { class: "facts" }, facts.map(([k, v]) => h("div", {}, h("dt", {}, t[k]), h("dd", { "data-fact": k }, v ?? "–"))))),
    h("section", { class: "card", "aria-labelledby": "goals-heading" }, h("h2", { id: "goals-heading" }, t.goals),
      (summary.goals || []).length === 0 ? emptyState(t.empty.noGoals) : h("ul", { class: "goals" },
        summary.goals.map((g) => h("li", {}, g.description ?? g.goalId, " — ",
          g.achieved ? [t.achieved, " ", time(g.achievedOn)] : t.open)))),
    h("section", { class: "card", "aria-labelledby": "timeline-heading" }, h("h2", { id: "timeline-heading" }, t.timeline),
      h("p", { class: "muted" }, t.timelineHelp),
      history.entries.length === 0 ? emptyState(t.empty.noHistory)
        : h("ol", { class: "timeline" }, history.entries.map((e) => timelineEntry(e, goalNames)))));
}

/**
 * One event. The service puts the pair's private text into data only for the relationship's mentor
 * and mentee: they see it, labelled as private; everyone else sees which fields were withheld.
 */
function timelineEntry(e, goalNames) {
  const confidential = e.data?.confidential || [];
  const shown = confidential.filter((f) => typeof e.data[f] === "string");
  const withheld = confidential.filter((f) => !shown.includes(f));
  const label = (f) => t.confidentialFields[f] ?? f;
  return h("li", { "data-type": e.type, "data-sequence": String(e.sequence) },
    h("h3", {}, t.events[e.type] ?? e.type),
    lang === "en" ? h("p", {}, e.summary) : h("p", {}, describe(e.type, e.data || {}, goalNames)),
    shown.map((f) => h("div", { class: "private", "data-private": f },
      h("p", { class: "private-label" }, t.privateText(label(f))), h("p", { class: "private-text" }, e.data[f]))),
    withheld.length ? h("p", { class: "muted" }, t.withheld(withheld.map(label))) : null,
    h("dl", { class: "when" },
      h("div", {}, h("dt", {}, t.happened), h("dd", {}, time(e.occurredOn))),
      h("div", {}, h("dt", {}, t.recorded), h("dd", {}, time(e.recordedAt, fmtInstant))),
      h("div", {}, h("dt", {}, t.by), h("dd", {}, e.actor ?? (e.actorErased ? t.erasedPerson : t.unknownActor)))));
}

/** The event's facts in the chosen language; the service's own sentence is English. */
function describe(type, d, goalNames) {
  const parts = [];
  const add = (label, value) => { if (present(value) && value !== "") parts.push(`${label}: ${value}`); };
  switch (type) {
    case "RelationshipStarted":
      // in the history a name is null only once its person was erased
      add(t.mentor, d.mentor ? d.mentor.name ?? t.erasedPerson : null); add(t.mentee, d.mentee ? d.mentee.name ?? t.erasedPerson : null);
      add(t.programme, d.programmeId ?? t.noProgramme); add(t.languageOfMentoring, d.language); break;
    case "AgreementSigned": case "AgreementAmended":
      add(t.goals, d.agreement?.goals?.length); add(t.plannedEnd, d.agreement?.plannedEndOn ? fmtDate(d.agreement.plannedEndOn) : null);
      add(t.meetingFrequency, d.agreement?.groundRules?.meetingFrequency); break;
    case "MeetingRecorded":
      add(t.duration, present(d.durationMinutes) ? t.minutes(fmtNumber(d.durationMinutes, 0)) : null);
      add(t.format, d.format && d.format !== "NOT_RECORDED" ? t.formats[d.format] : null);
      add(t.tasks, d.tasks?.length ? fmtNumber(d.tasks.length, 0) : null); break;
    case "GoalAchieved": add(t.goal, goalNames[d.goalId] ?? d.goalId); break;
    case "ConcernRaised":
      add(t.raisedBy, t.parties[d.raisedBy]); add(t.organiserContacted, d.organiserContacted ? t.yes : t.no); break;
    case "ConcernResolved": add(t.concern, d.concernId); break;
    case "RelationshipPaused": add(t.reason, d.reason); break;
    case "RelationshipClosed":
      add(t.closeSummary, d.summary); add(t.continueContact, present(d.continueContact) ? (d.continueContact ? t.yes : t.no) : null); break;
    case "RelationshipTerminated":
      add(t.reason, t.reasons[d.reason] ?? d.reason); add(t.initiatedBy, t.initiators[d.initiatedBy]); add(t.note, d.note); break;
    case "EvaluationSubmitted":
      add(t.evaluatedBy, t.parties[d.by]); add(t.rating, present(d.rating) ? `${fmtNumber(d.rating, 0)} / 5` : null);
      add(t.goalsMet, t.goalsMetValues[d.goalsMet]); break;
    case "PersonalDataErased": add(t.erasedParticipant, t.parties[d.party]); break;
    default: break;
  }
  return parts.join(" · ");
}

// ---- replay ------------------------------------------------------------------------------------
async function replayView(target) {
  const status = h("p", { id: "replay-status", role: "status", "aria-live": "polite" });
  const bar = h("progress", { id: "replay-progress", max: "1", value: "0", "aria-labelledby": "replay-progress-label" });
  const percent = h("span", { id: "replay-percent" }, fmtRate(0));
  const rows = h("tbody");
  let baseline = null; // processor name → active generation when our rebuild began
  const button = h("button", { type: "button", id: "replay-start", onclick: start }, t.replayStart);
  fill(target, h("h1", {}, t.nav.replay), h("p", {}, t.replayHelp), button,
    h("div", { class: "progress" }, h("label", { id: "replay-progress-label", for: "replay-progress" }, t.progress), bar, percent),
    status,
    h("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": t.processors }, h("table", {},
      h("caption", {}, t.processors),
      h("thead", {}, h("tr", {}, [t.processor, t.position, t.head, t.state, t.progress].map((x) => h("th", { scope: "col" }, x)))), rows)));

  async function start() {
    button.disabled = true;
    status.textContent = t.replayStarting;
    try {
      const before = await getJson("/api/admin/processors");
      const response = await fetch("/api/admin/replay", { method: "POST", headers: { ...REQUEST_HEADERS, ...csrfHeaders() } });
      signInAgainOn401(response);
      if (response.status !== 202) {
        const problem = await problemOf(response);
        status.textContent = response.status === 409 ? `${t.replayRefused} ${problem?.detail ?? ""}` : t.error;
        button.disabled = false;
        return;
      }
      const started = (await response.json()).replaying || before.map((p) => p.name);
      baseline = Object.fromEntries(before.filter((p) => started.includes(p.name)).map((p) => [p.name, p.activeGeneration]));
      bar.value = 0;
      bar.dataset.state = "running";
      status.textContent = t.replayRunning;
      follow();
    } catch (error) {
      status.textContent = t.error;
      button.disabled = false;
    }
  }

  function follow() {
    if (replayTimer) clearInterval(replayTimer);
    replayTimer = setInterval(poll, POLL_MILLIS);
  }

  async function poll() {
    let processors;
    try { processors = await getJson("/api/admin/processors"); } catch { status.textContent = t.error; return; }
    if (!main().contains(bar)) return; // the page was left meanwhile
    show(processors);
    const ours = processors.filter((p) => baseline && p.name in baseline);
    // Done when each rebuilt projection has switched reads to its new generation.
    const done = baseline && ours.length > 0 && ours.every((p) => !p.replaying && p.activeGeneration > baseline[p.name]);
    const others = !baseline && processors.some((p) => p.replaying);
    if (done) {
      bar.value = 1;
      percent.textContent = fmtRate(1);
      bar.dataset.state = "done";
      status.textContent = t.replayDone;
      button.disabled = false;
      baseline = null;
      clearInterval(replayTimer);
      replayTimer = null;
    } else if (baseline || others) {
      const share = ours.length ? ours : processors;
      const progress = share.reduce((sum, p) => sum + (p.replaying ? (p.progress ?? 0) : (!baseline || p.activeGeneration > baseline[p.name] ? 1 : 0)), 0) / share.length;
      bar.value = Math.max(Number(bar.value), progress);
      percent.textContent = fmtRate(Number(bar.value));
      if (others) { status.textContent = t.replayRunning; button.disabled = true; bar.dataset.state = "running"; }
    } else if (bar.dataset.state === "running") {
      // someone else's rebuild that was being followed has finished
      bar.value = 1; percent.textContent = fmtRate(1); bar.dataset.state = "done";
      status.textContent = t.replayDone; button.disabled = false;
    }
  }

  function show(processors) {
    rows.replaceChildren(...processors.map((p) => h("tr", { "data-processor": p.name }, h("th", { scope: "row" }, p.name),
      h("td", { class: "number" }, fmtNumber(p.position, 0)), h("td", { class: "number" }, fmtNumber(p.headPosition, 0)),
      h("td", {}, p.replaying ? t.rebuilding : p.running ? t.live : t.stopped),
      h("td", { class: "number" }, fmtRate(p.progress ?? 0)))));
  }

  const processors = await getJson("/api/admin/processors");
  show(processors);
  if (processors.some((p) => p.replaying)) {
    // a rebuild started elsewhere: follow it until it is done
    button.disabled = true;
    bar.dataset.state = "running";
    status.textContent = t.replayRunning;
    await poll();
    follow();
  } else {
    status.textContent = t.replayIdle;
    bar.dataset.state = "idle";
  }
}

// ---- start ---------------------------------------------------------------------------------------
// The views live in the URL's fragment, so the skip link moves the focus instead of navigating.
document.getElementById("skip").addEventListener("click", (e) => {
  e.preventDefault();
  main().focus();
});
document.getElementById("language").addEventListener("change", (e) => {
  if (!TEXT[e.target.value]) return;
  lang = e.target.value;
  t = TEXT[lang];
  localStorage.setItem("lang", lang);
  route().then(() => document.getElementById("language").focus());
});
window.addEventListener("hashchange", () => route().then(() => main().focus({ preventScroll: true })));
route();
