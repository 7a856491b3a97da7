// The organisers' overview: key figures, charts and tables of the outcome report.
import { t } from "../locale.js";
import { h, fill, present, emptyState, params, hashParams, field, onLeave } from "../dom.js";
import { fmtNumber, fmtRate, fmtDate } from "../format.js";
import { getJson } from "../api.js";
import { csvText } from "../csv.js";
import { STAGES, OPEN_STAGES, REASONS, programmes, programmeSelect, dateFilter, readDateFilters } from "./common.js";

/** A real link to the figures as CSV, so that it is reachable and works like any download. */
function csvLink(filename, header, rows) {
  const url = URL.createObjectURL(new Blob([csvText(header, rows)], { type: "text/csv;charset=utf-8" }));
  onLeave(() => URL.revokeObjectURL(url));
  return h("a", { href: url, download: filename, class: "button secondary", "data-csv": filename }, t.downloadCsv);
}

const KPIS = ["relationships", "ended", "completionRate", "dropOutRate", "medianDaysToClose", "averageMeetingsPerEnded", "averageEvaluationRating"];
const DATE_FIELDS = ["startedFrom", "startedTo", "asOf", "knownOn", "compareAsOf", "compareKnownOn"];

/** How a moment reads in the page: today, or its day(s). */
function momentLabel(asOf, knownOn) {
  if (!asOf && !knownOn) return t.compare.today;
  if (!knownOn) return t.compare.asOf(fmtDate(asOf));
  if (!asOf) return t.compare.knownOn(fmtDate(knownOn));
  return t.compare.both(fmtDate(asOf), fmtDate(knownOn));
}

export async function overviewView(target) {
  const filter = hashParams();
  const selection = { programmeId: filter.programmeId, startedFrom: filter.startedFrom, startedTo: filter.startedTo,
    asOf: filter.asOf, knownOn: filter.knownOn, reasonScheme: filter.reasonScheme };
  const comparing = filter.compare === "1";
  const other = { ...selection, asOf: filter.compareAsOf, knownOn: filter.compareKnownOn };
  const [keys, schemes, report, byProgramme, byQuarter, compared] = await Promise.all([
    programmes(),
    getJson("/api/reports/reason-schemes"),
    getJson(`/api/reports/outcomes?${params(selection)}`),
    getJson(`/api/reports/outcomes?${params({ ...selection, groupBy: "programme" })}`),
    getJson(`/api/reports/outcomes?${params({ ...selection, groupBy: "startQuarter" })}`),
    comparing ? getJson(`/api/reports/outcomes?${params(other)}`) : null,
  ]);
  const scheme = schemes.find((s) => s.name === selection.reasonScheme);
  const filtered = Object.values(selection).some((v) => v) || comparing;
  const form = h("form", { class: "filters", "aria-label": t.filters, novalidate: true, onsubmit: (e) => {
      e.preventDefault();
      const values = Object.fromEntries(new FormData(e.target));
      if (!readDateFilters(e.target, values, DATE_FIELDS)) return;
      if (!values.compare) values.compareAsOf = values.compareKnownOn = "";
      location.hash = `#/overview?${params(values)}`;
    } },
    field("f-programme", t.programme, programmeSelect("f-programme", filter.programmeId, keys)),
    dateFilter("f-from", "startedFrom", t.startedFrom, filter.startedFrom),
    dateFilter("f-to", "startedTo", t.startedTo, filter.startedTo),
    h("fieldset", { class: "moment", "aria-describedby": "moment-hint" },
      h("legend", {}, t.moment),
      h("p", { class: "hint", id: "moment-hint" }, t.momentHint),
      dateFilter("f-as-of", "asOf", t.asOf, filter.asOf),
      dateFilter("f-known-on", "knownOn", t.knownOn, filter.knownOn)),
    h("fieldset", { class: "moment", "aria-describedby": "compare-hint" },
      h("legend", {}, h("span", { class: "check-row" },
        h("input", { type: "checkbox", id: "f-compare", name: "compare", value: "1", checked: comparing }),
        h("label", { for: "f-compare" }, t.compare.legend))),
      h("p", { class: "hint", id: "compare-hint" }, t.compare.hint),
      dateFilter("f-compare-as-of", "compareAsOf", t.asOf, filter.compareAsOf),
      dateFilter("f-compare-known-on", "compareKnownOn", t.knownOn, filter.compareKnownOn)),
    schemes.length === 0 ? null : field("f-scheme", t.reasonScheme.label, h("select", { id: "f-scheme", name: "reasonScheme" },
      h("option", { value: "" }, t.reasonScheme.asRecorded),
      schemes.map((s) => h("option", { value: s.name, selected: s.name === selection.reasonScheme }, s.name)))),
    h("div", { class: "actions" },
      h("button", { type: "submit", id: "f-apply" }, t.apply),
      filtered ? h("a", { href: "#/overview", class: "button secondary" }, t.reset) : null));

  const parts = [h("h1", {}, t.nav.overview), form];
  if (report.relationships === 0) {
    parts.push(emptyState(filtered ? t.empty.noneSelected : `${t.empty.noProgrammes} ${t.empty.none}`));
    fill(target, ...parts);
    return;
  }
  parts.push(h("section", { "aria-labelledby": "kpi-heading" },
    h("h2", { id: "kpi-heading", class: "visually-hidden" }, t.keyFigures),
    h("dl", { class: "kpis" }, KPIS.map((k) => h("div", { class: "kpi", "data-kpi": k, "data-value": present(report[k]) ? String(report[k]) : "" },
      h("dt", {}, t.kpi[k]),
      h("dd", {}, kpiText(k, report[k])))))));
  if (compared) parts.push(comparison(report, compared, momentLabel(selection.asOf, selection.knownOn),
    momentLabel(other.asOf, other.knownOn)));
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
  if (scheme) {
    series.push(["terminationsByCategory", scheme.categories.map((c) => [c.name, report.terminationsByCategory[c.name] ?? 0]),
      (c) => c, t.empty.noTerminations, t.reasonScheme.chart(scheme.name)]);
  }
  for (const [name, data, label, whenEmpty, title] of series) chartGrid.append(chartCard(name, data, label, whenEmpty, title));
  parts.push(groupTable(t.byProgramme, "by-programme", byProgramme.groups, (k) => k ?? t.noProgramme));
  parts.push(groupTable(t.byQuarter, "by-quarter", byQuarter.groups, (k) => k ?? "–"));
  fill(target, ...parts);
  for (const chart of chartGrid.querySelectorAll("[data-chart]")) drawChart(chart);
}

const kpiText = (k, value) => k.endsWith("Rate") ? fmtRate(value) : fmtNumber(value, k === "relationships" || k === "ended" ? 0 : 2);

/**
 * The key figures of two moments side by side, and how the second differs from the first: "what
 * was our drop-out rate on 30 June as we knew it then, and as we know it now".
 */
function comparison(first, second, firstLabel, secondLabel) {
  const difference = (k) => present(first[k]) && present(second[k]) ? second[k] - first[k] : null;
  // a rate's difference is in percentage points: 40 % → 50 % is +10 points, not +10 %
  const magnitude = (k, d) => k.endsWith("Rate") ? `${fmtNumber(Math.abs(d) * 100, 1)} ${t.compare.points}` : kpiText(k, Math.abs(d));
  const signed = (k, d) => !present(d) ? "–" : (d > 0 ? "+" : d < 0 ? "−" : "±") + magnitude(k, d);
  return h("section", { class: "card", id: "comparison", "aria-labelledby": "comparison-heading" },
    h("h2", { id: "comparison-heading" }, t.compare.heading),
    h("p", { class: "hint" }, t.compare.howToRead),
    h("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-labelledby": "comparison-heading" }, h("table", {},
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t.compare.figure), h("th", { scope: "col" }, firstLabel),
        h("th", { scope: "col" }, secondLabel), h("th", { scope: "col" }, t.compare.difference))),
      h("tbody", {}, KPIS.map((k) => h("tr", { "data-kpi": k },
        h("th", { scope: "row" }, t.kpi[k]),
        h("td", { "data-value": present(first[k]) ? String(first[k]) : "" }, kpiText(k, first[k])),
        h("td", { "data-value": present(second[k]) ? String(second[k]) : "" }, kpiText(k, second[k])),
        h("td", {}, signed(k, difference(k)))))))));
}

function chartCard(name, data, label, whenEmpty, title = t.charts[name]) {
  const headingId = `chart-${name}-heading`;
  const figures = h("table", { class: "chart-figures" },
    h("caption", { class: "visually-hidden" }, title),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t.category), h("th", { scope: "col" }, t.count))),
    h("tbody", {}, data.map(([code, n]) => h("tr", { "data-code": code, "data-count": String(n) },
      h("th", { scope: "row" }, label(code)), h("td", {}, fmtNumber(n, 0))))));
  const empty = whenEmpty && data.every(([, n]) => n === 0);
  const chart = h("div", { class: "chart", "data-chart": name, role: "img", "aria-label": title });
  chart.chartData = data.map(([code, n]) => [label(code), n]);
  return h("section", { class: "card", id: `chart-${name}`, "aria-labelledby": headingId },
    h("h2", { id: headingId }, title),
    empty ? emptyState(whenEmpty) : chart,
    h("details", {}, h("summary", {}, t.showFigures), figures),
    csvLink(`${name}.csv`, ["code", "label", "count"], data.map(([code, n]) => [code, label(code), n])));
}

function drawChart(el) {
  if (typeof echarts === "undefined") return; // the figures table stays readable without charts
  const chart = echarts.init(el, null, { renderer: "svg" });
  onLeave(() => chart.dispose());
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
