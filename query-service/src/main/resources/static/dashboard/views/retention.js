// Retention: how long pairs stay, per intake. A survival curve, the times to the agreement, to the
// first meeting and in each stage, and the month of the relationship in which terminations happen,
// from GET /api/reports/retention (the definitions are in the README).
import { t } from "../locale.js";
import { h, fill, present, emptyState, params, hashParams, field, onLeave } from "../dom.js";
import { fmtNumber, fmtRate, fmtDate } from "../format.js";
import { getJson, REQUEST_HEADERS, HttpError, problemOf, signInAgainOn401 } from "../api.js";
import { OPEN_STAGES, programmes, programmeSelect, errorBox, dateFilter, readDateFilters } from "./common.js";

const PATH = "/api/reports/retention";
const GROUPINGS = ["programme", "startMonth", "startQuarter"];
/** More lines than this make a curve unreadable; the tables and the CSV keep every group. */
const MOST_IN_A_CHART = 8;

/** The service's own CSV of the same selection, so that the download is exactly what the API gives. */
async function getCsv(url) {
  let response;
  try {
    response = await fetch(url, { headers: { ...REQUEST_HEADERS, Accept: "text/csv" } });
  } catch {
    throw new HttpError(0, null);
  }
  signInAgainOn401(response);
  if (!response.ok) throw new HttpError(response.status, await problemOf(response), response.headers);
  return response.text();
}

/**
 * The CSV is fetched when asked for, not with the page: the service computes the report from every
 * event of the programmes, and most visits never download it.
 */
function csvDownload(url) {
  const link = h("a", { href: "#", download: "retention.csv", class: "button secondary", "data-csv": "retention.csv",
    onclick: async (e) => {
      if (link.dataset.ready) return; // the file is in place: the browser downloads it
      e.preventDefault();
      link.setAttribute("aria-busy", "true");
      try {
        const file = URL.createObjectURL(new Blob([await getCsv(url)], { type: "text/csv;charset=utf-8" }));
        onLeave(() => URL.revokeObjectURL(file));
        link.href = file;
        link.dataset.ready = "true";
        link.click();
      } catch (error) {
        link.after(errorBox(error));
      } finally {
        link.removeAttribute("aria-busy");
      }
    } }, t.retention.downloadCsv);
  return link;
}

export async function retentionView(target) {
  const filter = hashParams();
  const selection = { programmeId: filter.programmeId, startedFrom: filter.startedFrom, startedTo: filter.startedTo,
    groupBy: GROUPINGS.includes(filter.groupBy) ? filter.groupBy : undefined };
  const query = params(selection);
  const [keys, report] = await Promise.all([programmes(), getJson(`${PATH}?${query}`)]);
  const groupLabel = (key) => present(key) ? key : selection.groupBy === "programme" ? t.noProgramme : t.retention.all;
  const filtered = Object.values(selection).some((v) => v);

  const parts = [h("h1", {}, t.retention.heading), filters(filter, selection, keys, filtered)];
  const total = report.groups.reduce((sum, g) => sum + g.relationships, 0);
  if (total === 0) {
    parts.push(emptyState(filtered ? t.empty.noneSelected : `${t.empty.noProgrammes} ${t.empty.none}`));
    fill(target, ...parts);
    return;
  }
  const groups = report.groups.filter((g) => g.relationships > 0);
  const charted = groups.length <= MOST_IN_A_CHART ? groups
    : [...groups].sort((a, b) => b.relationships - a.relationships).slice(0, MOST_IN_A_CHART)
      .sort((a, b) => groups.indexOf(a) - groups.indexOf(b));
  parts.push(h("p", { class: "hint", id: "retention-today", "data-today": report.today }, t.retention.today(fmtDate(report.today))));
  if (charted.length < groups.length) parts.push(h("p", { class: "notice" }, t.retention.moreGroups(charted.length, groups.length)));
  parts.push(
    survivalCard(groups, charted, groupLabel),
    durationsCard(groups, groupLabel),
    terminationsCard(groups, charted, groupLabel),
    csvDownload(`${PATH}?${query}`));
  fill(target, ...parts);
  for (const chart of target.querySelectorAll("[data-chart]")) chart.draw?.();
}

function filters(filter, selection, keys, filtered) {
  return h("form", { class: "filters", "aria-label": t.filters, novalidate: true, onsubmit: (e) => {
      e.preventDefault();
      const values = Object.fromEntries(new FormData(e.target));
      if (!readDateFilters(e.target, values, ["startedFrom", "startedTo"])) return;
      location.hash = `#/retention?${params(values)}`;
    } },
    field("r-programme", t.programme, programmeSelect("r-programme", filter.programmeId, keys)),
    dateFilter("r-from", "startedFrom", t.startedFrom, filter.startedFrom),
    dateFilter("r-to", "startedTo", t.startedTo, filter.startedTo),
    field("r-group-by", t.retention.groupBy, h("select", { id: "r-group-by", name: "groupBy" },
      h("option", { value: "" }, t.retention.grouping.none),
      GROUPINGS.map((g) => h("option", { value: g, selected: g === selection.groupBy }, t.retention.grouping[g])))),
    h("div", { class: "actions" },
      h("button", { type: "submit", id: "r-apply" }, t.apply),
      filtered ? h("a", { href: "#/retention", class: "button secondary" }, t.reset) : null));
}

/** A chart's card: its heading, the line that says how to read it, the chart, then its figures. */
function card(name, title, reading, ...rest) {
  return h("section", { class: "card", id: `chart-${name}`, "aria-labelledby": `chart-${name}-heading` },
    h("h2", { id: `chart-${name}-heading` }, title),
    h("p", { class: "hint reading", id: `chart-${name}-reading` }, reading),
    ...rest);
}

function chartElement(name, title, option) {
  const el = h("div", { class: "chart", "data-chart": name, role: "img", "aria-label": title, "aria-describedby": `chart-${name}-reading` });
  el.draw = () => {
    if (typeof echarts === "undefined") return; // the tables stay readable without charts
    const chart = echarts.init(el, null, { renderer: "svg" });
    onLeave(() => chart.dispose());
    chart.setOption({ animation: false, aria: { enabled: false }, ...option });
  };
  return el;
}

function survivalCard(groups, charted, groupLabel) {
  const series = charted.map((g) => ({
    name: groupLabel(g.key), type: "line", step: "end", showSymbol: false,
    data: [[0, 1], ...g.survival.steps.map((s) => [s.day, s.surviving])],
  }));
  const chart = chartElement("survival", t.retention.survival, {
    legend: { top: 0, type: "scroll", textStyle: { color: "#1b1f24" } },
    grid: { left: 8, right: 24, top: 36, bottom: 28, containLabel: true },
    xAxis: { type: "value", min: 0, name: t.retention.days, nameLocation: "middle", nameGap: 24,
      axisLabel: { color: "#1b1f24", formatter: (n) => fmtNumber(n, 0) } },
    yAxis: { type: "value", min: 0, max: 1, axisLabel: { color: "#1b1f24", formatter: (n) => fmtRate(n) } },
    tooltip: { trigger: "axis", valueFormatter: (n) => fmtRate(n) },
    series,
  });
  const checkpoints = groups[0].survival.at.map((a) => a.day);
  const atTable = h("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": t.retention.checkpoints },
    h("table", { id: "survival-at" },
      h("caption", {}, t.retention.checkpoints),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t.key), checkpoints.map((d) => h("th", { scope: "col" }, t.retention.afterDays(d))))),
      h("tbody", {}, groups.map((g) => h("tr", { "data-key": g.key ?? "" },
        h("th", { scope: "row" }, groupLabel(g.key)),
        g.survival.at.map((a) => h("td", { "data-day": String(a.day), "data-value": present(a.surviving) ? String(a.surviving) : "",
          "data-at-risk": String(a.atRisk) }, fmtRate(a.surviving))))))));
  const steps = h("table", { class: "chart-figures" },
    h("caption", { class: "visually-hidden" }, t.retention.survival),
    h("thead", {}, h("tr", {}, [t.key, t.retention.day, t.retention.atRisk, t.retention.terminated, t.retention.censored, t.retention.surviving]
      .map((x) => h("th", { scope: "col" }, x)))),
    h("tbody", {}, groups.flatMap((g) => g.survival.steps.map((s) => h("tr", { "data-key": g.key ?? "", "data-day": String(s.day) },
      h("th", { scope: "row" }, groupLabel(g.key)), h("td", {}, fmtNumber(s.day, 0)), h("td", {}, fmtNumber(s.atRisk, 0)),
      h("td", {}, fmtNumber(s.terminated, 0)), h("td", {}, fmtNumber(s.censored, 0)),
      h("td", { "data-value": String(s.surviving) }, fmtRate(s.surviving)))))));
  return card("survival", t.retention.survival, t.retention.survivalReading, chart, atTable,
    h("details", {}, h("summary", {}, t.retention.showSteps), h("div", { class: "table-wrap" }, steps)));
}

function durationsCard(groups, groupLabel) {
  const measures = [["timeToAgreement", t.retention.toAgreement, (g) => g.timeToAgreement],
    ["timeToFirstMeeting", t.retention.toFirstMeeting, (g) => g.timeToFirstMeeting],
    ...OPEN_STAGES.map((s) => [`timeInStage.${s}`, t.retention.inStage(t.stages[s]), (g) => g.timeInStage[s]])];
  const cols = ["count", "notReached", "p25", "median", "p75"];
  const table = h("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-labelledby": "chart-durations-heading" },
    h("table", { id: "durations" },
      h("thead", {}, h("tr", {}, [t.key, t.retention.measure, ...cols.map((c) => t.retention[c])].map((x) => h("th", { scope: "col" }, x)))),
      h("tbody", {}, groups.flatMap((g) => measures.map(([code, label, of]) => {
        const figures = of(g);
        return h("tr", { "data-key": g.key ?? "", "data-measure": code },
          h("th", { scope: "row" }, groupLabel(g.key)), h("td", {}, label),
          cols.map((c) => h("td", { "data-figure": c, "data-value": present(figures[c]) ? String(figures[c]) : "" },
            c === "count" || c === "notReached" ? fmtNumber(figures[c], 0) : fmtNumber(figures[c], 1))));
      })))));
  return card("durations", t.retention.durations, t.retention.durationsReading, table);
}

function terminationsCard(groups, charted, groupLabel) {
  const last = Math.max(0, ...groups.map((g) => g.terminationsByMonth.length));
  const months = Array.from({ length: last }, (_, i) => i + 1);
  const count = (g, month) => g.terminationsByMonth[month - 1]?.terminations ?? 0;
  if (last === 0) return card("terminationsByMonth", t.retention.terminations, t.retention.terminationsReading, emptyState(t.retention.noTerminations));
  const chart = chartElement("terminationsByMonth", t.retention.terminations, {
    legend: { top: 0, type: "scroll", textStyle: { color: "#1b1f24" } },
    grid: { left: 8, right: 24, top: 36, bottom: 28, containLabel: true },
    xAxis: { type: "category", data: months.map(String), name: t.retention.month, nameLocation: "middle", nameGap: 24,
      axisLabel: { color: "#1b1f24" } },
    yAxis: { type: "value", minInterval: 1, axisLabel: { color: "#1b1f24", formatter: (n) => fmtNumber(n, 0) } },
    tooltip: { trigger: "axis", valueFormatter: (n) => fmtNumber(n, 0) },
    series: charted.map((g) => ({ name: groupLabel(g.key), type: "bar", data: months.map((m) => count(g, m)) })),
  });
  const figures = h("table", { class: "chart-figures" },
    h("caption", { class: "visually-hidden" }, t.retention.terminations),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t.retention.month), groups.map((g) => h("th", { scope: "col" }, groupLabel(g.key))))),
    h("tbody", {}, months.map((m) => h("tr", { "data-month": String(m) },
      h("th", { scope: "row" }, t.retention.monthN(m)),
      groups.map((g) => h("td", { "data-key": g.key ?? "", "data-count": String(count(g, m)) }, fmtNumber(count(g, m), 0)))))));
  return card("terminationsByMonth", t.retention.terminations, t.retention.terminationsReading, chart,
    h("details", {}, h("summary", {}, t.showFigures), h("div", { class: "table-wrap" }, figures)));
}
