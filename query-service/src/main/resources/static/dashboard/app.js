// The organisers' dashboard: plain modules, no build step, no outside requests. Every piece of
// data is put into the page as text (never as HTML), so names and ids cannot inject markup.
import { LANGUAGES, TEXT } from "./i18n.js";

const STAGES = ["STARTED", "AGREED", "IN_PROGRESS", "PAUSED", "CLOSED", "TERMINATED"];
const REASONS = ["LACK_OF_TIME", "MISMATCH", "LOST_CONTACT", "RELOCATION", "HEALTH_OR_FAMILY", "CHANGE_OF_GOALS", "ORGANISER_DECISION", "OTHER"];
const PAGE_SIZE = 25;

let lang = chooseLanguage();
let t = TEXT[lang];
const charts = [];
let replayTimer = null;

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

function fmtNumber(n, digits = 1) {
  return n === null || n === undefined ? "–" : new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(n);
}
function fmtRate(n) {
  return n === null || n === undefined ? "–" : new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 1 }).format(n);
}
function fmtDate(iso) {
  if (!iso) return "–";
  const [y, m, d] = iso.split("-").map(Number);
  return new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}
function fmtInstant(iso) {
  return iso ? new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso)) : "–";
}

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (response.status === 404) { const e = new Error("not found"); e.status = 404; throw e; }
  if (!response.ok) throw new Error(`${response.status}`);
  return response.json();
}

function errorBox(error) {
  return h("p", { class: "notice error", role: "alert" }, error && error.status === 404 ? t.notFound : t.error);
}

function emptyState(text) {
  return h("p", { class: "notice empty" }, text);
}

function csvDownload(filename, header, rows) {
  const escape = (v) => {
    const s = v === null || v === undefined ? "" : String(v);
    return /[",\n;]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const text = [header, ...rows].map((r) => r.map(escape).join(",")).join("\n") + "\n";
  const link = h("a", { href: URL.createObjectURL(new Blob([text], { type: "text/csv" })), download: filename });
  document.body.append(link);
  link.click();
  link.remove();
}

// ---- chrome: header, navigation, language --------------------------------------------------
function renderChrome() {
  document.documentElement.lang = lang;
  document.title = t.title;
  document.getElementById("skip").textContent = t.skip;
  document.getElementById("brand").textContent = t.title;
  const nav = document.getElementById("nav");
  nav.replaceChildren(...["overview", "relationships", "attention", "replay"].map((view) =>
    h("a", { href: `#/${view}`, "aria-current": currentView() === view ? "page" : null }, t.nav[view])));
  const select = document.getElementById("language");
  document.getElementById("language-label").textContent = t.language;
  select.replaceChildren(...Object.entries(LANGUAGES).map(([code, name]) =>
    h("option", { value: code, selected: code === lang }, name)));
}

function currentView() {
  const view = location.hash.replace(/^#\//, "").split("/")[0];
  return view || "overview";
}

async function route() {
  charts.splice(0).forEach((c) => c.dispose());
  if (replayTimer) { clearInterval(replayTimer); replayTimer = null; }
  renderChrome();
  const [view, ...rest] = location.hash.replace(/^#\//, "").split("/");
  const target = main();
  target.replaceChildren(h("p", { class: "loading", "aria-busy": "true" }, "…"));
  try {
    if (view === "relationships") await relationshipsView(target);
    else if (view === "attention") await attentionView(target);
    else if (view === "relationship") await relationshipView(target, decodeURIComponent(rest.join("/")));
    else if (view === "replay") await replayView(target);
    else await overviewView(target);
  } catch (error) {
    target.replaceChildren(errorBox(error));
  }
  target.focus({ preventScroll: true });
}

// ---- overview -----------------------------------------------------------------------------
function params(obj) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(obj)) if (v !== undefined && v !== null && v !== "") p.set(k, v);
  return p.toString();
}

function hashParams() {
  const q = location.hash.split("?")[1];
  return Object.fromEntries(new URLSearchParams(q || ""));
}

async function programmes() {
  const grouped = await getJson("/api/reports/outcomes?groupBy=programme");
  return grouped.groups.map((g) => g.key);
}

function programmeSelect(id, selected, keys) {
  return h("select", { id, name: "programmeId" },
    h("option", { value: "" }, t.allProgrammes),
    keys.filter((k) => k !== null).map((k) => h("option", { value: k, selected: k === selected }, k)));
}

async function overviewView(target) {
  const filter = hashParams();
  const [keys, report, byProgramme, byQuarter] = await Promise.all([
    programmes(),
    getJson(`/api/reports/outcomes?${params(filter)}`),
    getJson(`/api/reports/outcomes?${params({ ...filter, groupBy: "programme" })}`),
    getJson(`/api/reports/outcomes?${params({ ...filter, groupBy: "startQuarter" })}`),
  ]);
  const form = h("form", { class: "filters", "aria-label": t.filters, onsubmit: (e) => {
      e.preventDefault();
      const data = Object.fromEntries(new FormData(e.target));
      location.hash = `#/overview?${params(data)}`;
    } },
    h("label", { for: "f-programme" }, t.programme), programmeSelect("f-programme", filter.programmeId, keys),
    h("label", { for: "f-from" }, t.startedFrom), h("input", { id: "f-from", name: "startedFrom", type: "date", value: filter.startedFrom || "" }),
    h("label", { for: "f-to" }, t.startedTo), h("input", { id: "f-to", name: "startedTo", type: "date", value: filter.startedTo || "" }),
    h("button", { type: "submit" }, t.apply),
    h("a", { href: "#/overview", class: "button secondary" }, t.reset));

  const parts = [h("h1", {}, t.nav.overview), form];
  if (keys.length === 0 && report.relationships === 0) {
    parts.push(emptyState(t.empty.noProgrammes + " " + t.empty.none));
    target.replaceChildren(...parts);
    return;
  }
  const kpis = ["relationships", "completionRate", "dropOutRate", "ended", "medianDaysToClose", "averageMeetingsPerEnded", "averageEvaluationRating"];
  parts.push(h("section", { class: "kpis", "aria-label": t.kpi.relationships },
    kpis.map((k) => h("div", { class: "kpi", "data-kpi": k },
      h("span", { class: "kpi-label" }, t.kpi[k]),
      h("strong", { class: "kpi-value" }, k.endsWith("Rate") ? fmtRate(report[k]) : fmtNumber(report[k], 2))))));
  if (report.relationships === 0) parts.push(emptyState(t.empty.none));
  else if (report.ended === 0) parts.push(emptyState(t.empty.noEnded));

  const chartGrid = h("div", { class: "charts" });
  parts.push(chartGrid);
  const funnel = [["STARTED", report.relationships], ["AGREED", report.funnel.AGREED], ["IN_PROGRESS", report.funnel.IN_PROGRESS], ["CLOSED", report.funnel.CLOSED]];
  const series = [
    ["byStage", STAGES.map((s) => [s, report.byStage[s] ?? 0]), (s) => t.stages[s]],
    ["funnel", funnel, (s) => t.stages[s]],
    ["terminationsByReason", REASONS.map((r) => [r, report.terminationsByReason[r] ?? 0]), (r) => t.reasons[r]],
    ["terminationsByStage", STAGES.filter((s) => s !== "CLOSED" && s !== "TERMINATED").map((s) => [s, report.terminationsByStage[s] ?? 0]), (s) => t.stages[s]],
  ];
  for (const [name, data, label] of series) chartGrid.append(chartCard(name, data, label));
  parts.push(groupTable(t.byProgramme, "by-programme", byProgramme.groups, (k) => k ?? t.noProgramme));
  parts.push(groupTable(t.byQuarter, "by-quarter", byQuarter.groups, (k) => k));
  target.replaceChildren(...parts);
  for (const chart of chartGrid.querySelectorAll("[data-chart]")) drawChart(chart);
}

function chartCard(name, data, label) {
  const table = h("table", { class: "chart-figures" },
    h("caption", { class: "visually-hidden" }, t.charts[name]),
    h("tbody", {}, data.map(([code, n]) => h("tr", {}, h("th", { scope: "row" }, label(code)), h("td", {}, fmtNumber(n, 0))))));
  const canvas = h("div", { class: "chart", "data-chart": name, role: "img", "aria-label": t.charts[name] });
  canvas.chartData = data.map(([code, n]) => [label(code), n]);
  const empty = name.startsWith("terminations") && data.every(([, n]) => n === 0);
  return h("figure", { class: "card", id: `chart-${name}` },
    h("figcaption", {}, h("h2", {}, t.charts[name])),
    empty ? emptyState(t.empty.noTerminations) : canvas,
    h("details", {}, h("summary", {}, "#"), table),
    h("button", { type: "button", class: "secondary", "data-csv": name,
      onclick: () => csvDownload(`${name}.csv`, ["category", "count"], data.map(([code, n]) => [code, n])) }, t.downloadCsv));
}

function drawChart(el) {
  if (typeof echarts === "undefined") return; // the figures table stays readable without charts
  const chart = echarts.init(el, null, { renderer: "svg" });
  charts.push(chart);
  chart.setOption({
    animation: false,
    grid: { left: 150, right: 20, top: 10, bottom: 20 },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", inverse: true, data: el.chartData.map(([l]) => l) },
    series: [{ type: "bar", data: el.chartData.map(([, n]) => n), itemStyle: { color: "#1f5f8b" },
      label: { show: true, position: "right" } }],
    tooltip: {},
  });
}

function groupTable(title, id, groups, keyLabel) {
  const cols = ["relationships", "completed", "droppedOut", "completionRate", "dropOutRate", "medianDaysToClose"];
  const heads = [t.key, t.kpi.relationships, t.completed, t.droppedOut, t.kpi.completionRate, t.kpi.dropOutRate, t.kpi.medianDaysToClose];
  const section = h("section", { class: "card", id }, h("h2", {}, title));
  if (groups.length === 0) {
    section.append(emptyState(t.empty.none));
    return section;
  }
  section.append(h("div", { class: "table-wrap" }, h("table", {},
    h("thead", {}, h("tr", {}, heads.map((x) => h("th", { scope: "col" }, x)))),
    h("tbody", {}, groups.map((g) => h("tr", {},
      h("th", { scope: "row" }, keyLabel(g.key)),
      cols.map((c) => h("td", {}, c.endsWith("Rate") ? fmtRate(g[c]) : fmtNumber(g[c], 1)))))))));
  section.append(h("button", { type: "button", class: "secondary", "data-csv": id,
    onclick: () => csvDownload(`${id}.csv`, ["key", ...cols], groups.map((g) => [g.key ?? "", ...cols.map((c) => g[c] ?? "")])) }, t.downloadCsv));
  return section;
}

// ---- relationships --------------------------------------------------------------------------
function summaryTable(items, extra) {
  return h("div", { class: "table-wrap" }, h("table", { class: "relationships" },
    h("thead", {}, h("tr", {}, [t.mentor, t.mentee, t.programme, t.stage, t.startedOn, t.meetings, t.lastMeeting, t.openConcerns, ...(extra ? [extra.head] : [])]
      .map((x) => h("th", { scope: "col" }, x)))),
    h("tbody", {}, items.map((r) => h("tr", {},
      h("th", { scope: "row" }, h("a", { href: `#/relationship/${encodeURIComponent(r.relationshipId)}` }, r.mentor?.name ?? r.relationshipId)),
      h("td", {}, r.mentee?.name ?? ""), h("td", {}, r.programmeId ?? t.noProgramme),
      h("td", {}, h("span", { class: `stage stage-${r.stage}` }, t.stages[r.stage])),
      h("td", {}, fmtDate(r.startedOn)), h("td", {}, fmtNumber(r.meetingCount, 0)),
      h("td", {}, fmtDate(r.lastMeetingOn)), h("td", {}, fmtNumber(r.openConcerns, 0)),
      extra ? h("td", {}, extra.cell(r)) : null)))));
}

async function relationshipsView(target) {
  const filter = hashParams();
  const page = Number(filter.page || 0);
  const [keys, list] = await Promise.all([
    programmes(),
    getJson(`/api/relationships?${params({ programmeId: filter.programmeId, stage: filter.stage, page, size: PAGE_SIZE })}`),
  ]);
  const go = (changes) => { location.hash = `#/relationships?${params({ ...filter, ...changes })}`; };
  const form = h("form", { class: "filters", "aria-label": t.filters, onsubmit: (e) => {
      e.preventDefault();
      go({ ...Object.fromEntries(new FormData(e.target)), page: 0 });
    } },
    h("label", { for: "r-programme" }, t.programme), programmeSelect("r-programme", filter.programmeId, keys),
    h("label", { for: "r-stage" }, t.stage),
    h("select", { id: "r-stage", name: "stage" }, h("option", { value: "" }, t.allStages),
      STAGES.map((s) => h("option", { value: s, selected: s === filter.stage }, t.stages[s]))),
    h("button", { type: "submit" }, t.apply));
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  target.replaceChildren(h("h1", {}, t.nav.relationships), form,
    list.items.length === 0 ? emptyState(list.total === 0 && !filter.programmeId && !filter.stage ? t.empty.none : t.empty.noRelationships)
      : summaryTable(list.items),
    h("nav", { class: "pager", "aria-label": t.pageOf(page + 1, pages) },
      h("button", { type: "button", disabled: page === 0, onclick: () => go({ page: page - 1 }) }, t.previous),
      h("span", {}, `${t.pageOf(page + 1, pages)} · ${t.total(list.total)}`),
      h("button", { type: "button", disabled: page + 1 >= pages, onclick: () => go({ page: page + 1 }) }, t.next)));
}

async function attentionView(target) {
  const filter = hashParams();
  const inactiveDays = filter.inactiveDays || "30";
  const pausedDays = filter.pausedDays || "60";
  const list = await getJson(`/api/relationships/attention?${params({ programmeId: filter.programmeId, inactiveDays, pausedDays })}`);
  const form = h("form", { class: "filters", "aria-label": t.filters, onsubmit: (e) => {
      e.preventDefault();
      location.hash = `#/attention?${params(Object.fromEntries(new FormData(e.target)))}`;
    } },
    h("label", { for: "a-inactive" }, t.inactiveDays), h("input", { id: "a-inactive", name: "inactiveDays", type: "number", min: 1, max: 3650, value: inactiveDays }),
    h("label", { for: "a-paused" }, t.pausedDays), h("input", { id: "a-paused", name: "pausedDays", type: "number", min: 1, max: 3650, value: pausedDays }),
    h("button", { type: "submit" }, t.apply));
  const why = { OPEN_CONCERN: t.why.concern, PAUSED_LONG: t.why.paused, NO_RECENT_MEETING: t.why.noMeeting };
  target.replaceChildren(h("h1", {}, t.nav.attention), h("p", {}, t.attentionHelp), form,
    list.items.length === 0 ? emptyState(t.empty.noAttention)
      : summaryTable(list.items, { head: t.nav.attention, cell: (r) => (r.reasons || []).map((x) => why[x] ?? x).join(", ") }));
}

// ---- one relationship ---------------------------------------------------------------------------
async function relationshipView(target, id) {
  const [summary, history] = await Promise.all([
    getJson(`/api/relationships/${encodeURIComponent(id)}`),
    getJson(`/api/relationships/${encodeURIComponent(id)}/history`),
  ]);
  const facts = [["stage", t.stages[summary.stage]], ["programme", summary.programmeId ?? t.noProgramme],
    ["mentor", summary.mentor?.name], ["mentee", summary.mentee?.name],
    ["startedOn", fmtDate(summary.startedOn)], ["agreedOn", fmtDate(summary.agreedOn)], ["inProgressOn", fmtDate(summary.inProgressOn)],
    ["pausedOn", fmtDate(summary.pausedOn)], ["endedOn", fmtDate(summary.endedOn)],
    ["terminationReason", summary.terminationReason ? t.reasons[summary.terminationReason] : "–"],
    ["meetings", fmtNumber(summary.meetingCount, 0)], ["openConcerns", fmtNumber(summary.openConcerns, 0)]];
  target.replaceChildren(
    h("h1", {}, `${summary.mentor?.name ?? ""} · ${summary.mentee?.name ?? ""}`),
    h("section", { class: "card" }, h("dl", { class: "facts" }, facts.map(([k, v]) => [h("dt", {}, t[k]), h("dd", { "data-fact": k }, v ?? "–")]))),
    (summary.goals || []).length ? h("section", { class: "card" }, h("h2", {}, t.goals), h("ul", {},
      summary.goals.map((g) => h("li", {}, `${g.description ?? g.goalId} — ${g.achieved ? `${t.achieved} ${fmtDate(g.achievedOn)}` : t.open}`)))) : null,
    h("section", { class: "card" }, h("h2", {}, t.timeline),
      history.entries.length === 0 ? emptyState(t.empty.noHistory) : h("ol", { class: "timeline" }, history.entries.map((e) =>
        h("li", { "data-type": e.type },
          h("h3", {}, t.events[e.type] ?? e.type),
          lang === "en" ? h("p", {}, e.summary) : h("p", { lang: "en", class: "muted" }, e.summary),
          h("p", { class: "when" },
            `${t.happened}: ${fmtDate(e.occurredOn)} · ${t.recorded}: ${fmtInstant(e.recordedAt)} · ${t.by}: ${e.actor ?? t.unknownActor}`))))));
}

// ---- replay ------------------------------------------------------------------------------------
async function replayView(target) {
  const status = h("p", { id: "replay-status", role: "status", "aria-live": "polite" });
  const bar = h("progress", { id: "replay-progress", max: 1, value: 0, "aria-label": t.progress });
  const table = h("tbody");
  const button = h("button", { type: "button", id: "replay-start", onclick: async () => {
      button.disabled = true;
      status.textContent = t.replayRunning;
      const response = await fetch("/api/admin/replay", { method: "POST" });
      if (!response.ok && response.status !== 202) { status.textContent = t.error; button.disabled = false; return; }
      follow(true);
    } }, t.replayStart);
  target.replaceChildren(h("h1", {}, t.nav.replay), h("p", {}, t.replayHelp), button, bar, status,
    h("div", { class: "table-wrap" }, h("table", {}, h("thead", {}, h("tr", {},
      [t.processor, t.position, t.head, t.progress].map((x) => h("th", { scope: "col" }, x)))), table)));
  let sawReplay = false;
  async function follow(started) {
    if (started) sawReplay = false;
    const poll = async () => {
      let processors;
      try { processors = await getJson("/api/admin/processors"); } catch { status.textContent = t.error; return; }
      const replaying = processors.some((p) => p.replaying);
      sawReplay = sawReplay || replaying;
      const progress = processors.length === 0 ? 1
        : processors.reduce((sum, p) => sum + (p.replaying ? (p.progress ?? 0) : 1), 0) / processors.length;
      bar.value = replaying ? progress : (sawReplay || !started ? 1 : bar.value);
      bar.setAttribute("data-replaying", String(replaying));
      table.replaceChildren(...processors.map((p) => h("tr", {}, h("th", { scope: "row" }, p.name),
        h("td", {}, fmtNumber(p.position, 0)), h("td", {}, fmtNumber(p.headPosition, 0)),
        h("td", {}, p.replaying ? fmtRate(p.progress ?? 0) : fmtRate(1)))));
      if (started && !replaying && (sawReplay || Date.now() - startedAt > 3000)) {
        status.textContent = t.replayDone;
        bar.value = 1;
        button.disabled = false;
        clearInterval(replayTimer);
        replayTimer = null;
      }
    };
    const startedAt = Date.now();
    if (replayTimer) clearInterval(replayTimer);
    await poll();
    if (started) replayTimer = setInterval(poll, 400);
  }
  await follow(false);
}

// ---- start ---------------------------------------------------------------------------------------
document.getElementById("language").addEventListener("change", (e) => {
  lang = e.target.value;
  t = TEXT[lang];
  localStorage.setItem("lang", lang);
  route();
});
window.addEventListener("hashchange", route);
route();
