// The dashboard: plain modules, no build step, no outside requests. This module draws the page's
// frame and routes the URL's fragment (#/relationship/<id>?v=3) to one view module.
import { LANGUAGES } from "./i18n.js";
import { t, lang, setLanguage } from "./locale.js";
import { h, fill, main, leaveView, hashParams } from "./dom.js";
import { readsReports, errorBox } from "./views/common.js";
import { takeReturnTo } from "./api.js";
import { overviewView } from "./views/overview.js";
import { retentionView } from "./views/retention.js";
import { relationshipsView } from "./views/relationships.js";
import { attentionView } from "./views/attention.js";
import { warningSignsView } from "./views/warning-signs.js";
import { relationshipView } from "./views/relationship.js";
import { startView } from "./views/start.js";
import { replayView } from "./views/replay.js";
import { adminView } from "./views/admin.js";

let renders = 0;
const admin = () => document.body.dataset.admin === "true";

function renderChrome() {
  document.documentElement.lang = lang;
  document.title = t.title;
  document.getElementById("skip").textContent = t.skip;
  document.getElementById("brand").textContent = t.title;
  const nav = document.getElementById("nav");
  nav.setAttribute("aria-label", t.mainNav);
  const views = (readsReports() ? ["overview", "retention"] : []).concat(["relationships", "attention"],
    readsReports() ? ["warning-signs", "new"] : [], admin() ? ["replay", "admin"] : []);
  const label = (view) => (view === "warning-signs" ? t.navWarningSigns : t.nav[view]);
  nav.replaceChildren(...views.map((view) =>
    h("a", { href: `#/${view}`, "aria-current": currentView() === view ? "page" : null }, label(view))));
  const select = document.getElementById("language");
  document.getElementById("language-label").textContent = t.language;
  document.getElementById("sign-out").textContent = t.signOut;
  select.replaceChildren(...Object.entries(LANGUAGES).map(([code, name]) =>
    h("option", { value: code, lang: code, selected: code === lang }, name)));
}

function firstView() {
  return readsReports() ? "overview" : "relationships";
}

function currentView() {
  const view = location.hash.replace(/^#\//, "").split(/[/?]/)[0];
  return view === "relationship" ? "relationships" : view === "overview" || !view ? firstView() : view;
}

const VIEWS = {
  retention: retentionView,
  relationships: relationshipsView,
  attention: attentionView,
  "warning-signs": warningSignsView,
  new: startView,
  replay: replayView,
  admin: adminView,
};

async function route() {
  leaveView();
  renderChrome();
  const [path] = location.hash.replace(/^#\//, "").split("?");
  const [view, ...rest] = path.split("/");
  const target = main();
  target.setAttribute("aria-busy", "true");
  fill(target, h("p", { class: "loading" }, t.loading));
  try {
    if (view === "relationship") await relationshipView(target, decodeURIComponent(rest.join("/")), hashParams());
    else if (VIEWS[view]) await VIEWS[view](target);
    else if (readsReports()) await overviewView(target);
    else await relationshipsView(target);
  } catch (error) {
    fill(target, errorBox(error));
  }
  target.setAttribute("aria-busy", "false");
  // Lets a person's screen reader (and the browser tests) know a new page is in place.
  document.body.dataset.view = view === "overview" || !view ? firstView() : view;
  document.body.dataset.renders = String(++renders);
  const heading = target.querySelector("h1");
  if (heading) document.title = `${heading.textContent} · ${t.title}`;
}

// The views live in the URL's fragment, so the skip link moves the focus instead of navigating.
document.getElementById("skip").addEventListener("click", (e) => {
  e.preventDefault();
  main().focus();
});
document.getElementById("language").addEventListener("change", (e) => {
  if (!setLanguage(e.target.value)) return;
  route().then(() => document.getElementById("language").focus());
});
window.addEventListener("hashchange", () => route().then(() => main().focus({ preventScroll: true })));
// Signed in again after the session ended: back to the page the person was on.
const returnTo = takeReturnTo();
if (returnTo && !location.hash) history.replaceState(null, "", returnTo);
route();
