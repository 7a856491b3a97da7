// Rebuilding the reports from the recorded events (admins), with its progress.
import { t } from "../locale.js";
import { h, fill, main, onLeave } from "../dom.js";
import { fmtNumber, fmtRate } from "../format.js";
import { getJson, REQUEST_HEADERS, csrfHeaders, signInAgainOn401, problemOf } from "../api.js";

const POLL_MILLIS = 400;
let replayTimer = null;


export async function replayView(target) {
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
    onLeave(() => { clearInterval(replayTimer); replayTimer = null; });
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

