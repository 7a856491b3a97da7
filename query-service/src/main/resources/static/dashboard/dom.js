// Small DOM helpers. Every piece of data goes into the page as text (never as HTML), so names and
// free text cannot inject markup.
import { t } from "./locale.js";

export function h(tag, attrs = {}, ...children) {
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

/** Replaces an element's content; like h(), it takes arrays and leaves out null and false. */
export function fill(el, ...children) {
  el.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

export const present = (v) => v !== null && v !== undefined;
export const main = () => document.getElementById("main");

/** A mentor or mentee as the API gives them; an erased one has no name any more, and says so. */
export const personName = (p) => (p?.erased ? t.erasedPerson : p?.name ?? "?");

export function emptyState(text) {
  return h("p", { class: "notice empty" }, text);
}

/** Says a result to screen readers (the live region stays in place across views). */
export function announce(text) {
  const region = document.getElementById("announce");
  if (!region) return;
  region.textContent = "";
  // a fresh text node after a tick, so the same sentence twice is announced twice
  setTimeout(() => { region.textContent = text; }, 50);
}

export function params(obj) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(obj)) if (present(v) && v !== "") p.set(k, v);
  return p.toString();
}

export function hashParams() {
  const q = location.hash.split("?")[1];
  return Object.fromEntries(new URLSearchParams(q || ""));
}

export function field(id, label, control) {
  return h("div", { class: "field" }, h("label", { for: id }, label), control);
}

const leaving = [];
/** Runs `fn` when the person leaves the current view (timers, charts, object URLs). */
export function onLeave(fn) {
  leaving.push(fn);
}
export function leaveView() {
  leaving.splice(0).forEach((fn) => fn());
}

let flash = null;
/** A result to show (and announce) at the top of the next page, after an action reloaded it. */
export function showAfterReload(message) {
  flash = message;
}
export function takeFlash() {
  const message = flash;
  flash = null;
  return message;
}
