// Forms that send a command: labelled fields, errors next to their field (and announced), the
// person's input kept whatever the answer, and one place that reads the service's problems.
import { t } from "./locale.js";
import { h, present, announce } from "./dom.js";
import { dateForInput, parseDateInput } from "./format.js";
import { command, HttpError, keepOnSigningInAgain } from "./api.js";

let ids = 0;
const nextId = (base) => `${base}-${++ids}`;

/** One labelled control with its hint and its error line; `field` is the path the service names it by. */
function wrap({ id, label, hint, control, field, required, cls = "field" }) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  control.id = id;
  control.dataset.field = field;
  control.dataset.errorId = errorId;
  if (hintId) control.setAttribute("aria-describedby", hintId);
  if (required) control.setAttribute("aria-required", "true");
  return h("div", { class: cls },
    h("label", { for: id }, label, required ? h("span", { class: "required" }, ` (${t.form.required})`) : null),
    hint ? h("p", { class: "hint", id: hintId }, hint) : null,
    control,
    h("p", { class: "field-error", id: errorId, hidden: true }));
}

export function textField({ id, name, label, hint, required, value, multiline, field, inputmode, autocomplete }) {
  const control = multiline
    ? h("textarea", { name, rows: 3 }, value ?? "")
    : h("input", { name, type: "text", value: value ?? "", inputmode, autocomplete: autocomplete ?? "off" });
  return wrap({ id: id ?? nextId(name), label, hint, control, field: field ?? name, required });
}

/** Several lines of text, one item per line (tasks, milestones). */
export function linesField({ id, name, label, value, field }) {
  const control = h("textarea", { name, rows: 3 }, (value || []).join("\n"));
  return wrap({ id: id ?? nextId(name), label, hint: t.form.onePerLine, control, field: field ?? name });
}

export function dateField({ id, name, label, required, value, field }) {
  const control = h("input", { name, type: "text", autocomplete: "off", value: dateForInput(value),
    "data-date": "true" });
  return wrap({ id: id ?? nextId(name), label, hint: t.form.dateFormat(t.form.dateHint), control, field: field ?? name, required });
}

export function numberField({ id, name, label, hint, value, min, max, field }) {
  const control = h("input", { name, type: "text", inputmode: "numeric", autocomplete: "off", value: value ?? "",
    "data-min": min, "data-max": max });
  return wrap({ id: id ?? nextId(name), label, hint, control, field: field ?? name });
}

export function selectField({ id, name, label, hint, options, value, required, field, blank }) {
  const control = h("select", { name },
    blank !== undefined ? h("option", { value: "" }, blank) : null,
    options.map(([v, text]) => h("option", { value: v, selected: v === value }, text)));
  return wrap({ id: id ?? nextId(name), label, hint, control, field: field ?? name, required });
}

export function checkboxField({ id, name, label, hint, checked, field }) {
  const fid = id ?? nextId(name);
  const control = h("input", { name, type: "checkbox", checked });
  const hintId = hint ? `${fid}-hint` : null;
  control.id = fid;
  control.dataset.field = field ?? name;
  control.dataset.errorId = `${fid}-error`;
  if (hintId) control.setAttribute("aria-describedby", hintId);
  return h("div", { class: "field check" }, h("div", { class: "check-row" }, control, h("label", { for: fid }, label)),
    hint ? h("p", { class: "hint", id: hintId }, hint) : null,
    h("p", { class: "field-error", id: `${fid}-error`, hidden: true }));
}

/** A fixed value, shown and sent but not chosen (an organiser's reason, a participant's own side). */
export function fixedField({ label, text }) {
  return h("div", { class: "field fixed" }, h("span", { class: "fixed-label" }, label), h("span", {}, text));
}

/** Reads a form's controls by name, collecting every problem next to its control. */
class Reader {
  constructor(form) {
    this.form = form;
    this.errors = [];
  }
  control(name) {
    return this.form.querySelector(`[name="${CSS.escape(name)}"]`);
  }
  fail(name, message) {
    this.errors.push({ control: this.control(name), message });
    return undefined;
  }
  text(name, { required } = {}) {
    const value = (this.control(name)?.value ?? "").trim();
    if (!value) return required ? this.fail(name, t.form.missing) : undefined;
    return value;
  }
  lines(name) {
    return (this.control(name)?.value ?? "").split("\n").map((s) => s.trim()).filter(Boolean);
  }
  date(name, { required } = {}) {
    const read = parseDateInput(this.control(name)?.value);
    if (read.empty) return required ? this.fail(name, t.form.missing) : undefined;
    if (read.error) return this.fail(name, read.error);
    return read.iso;
  }
  int(name) {
    const control = this.control(name);
    const raw = (control?.value ?? "").trim();
    if (!raw) return undefined;
    const min = Number(control.dataset.min ?? -Infinity);
    const max = Number(control.dataset.max ?? Infinity);
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) return this.fail(name, t.form.wholeNumber(min, max));
    return Number(raw);
  }
  value(name, { required } = {}) {
    const value = this.control(name)?.value ?? "";
    if (!value) return required ? this.fail(name, t.form.choose) : undefined;
    return value;
  }
  bool(name) {
    return Boolean(this.control(name)?.checked);
  }
}

/** The control a service's field path (`goals[0].milestones[1]`) belongs to, or null. */
function controlFor(form, path) {
  for (let p = path; p; p = p.replace(/(\[\d+\]|\.[^.[\]]+)$/, "")) {
    const found = form.querySelector(`[data-field="${CSS.escape(p)}"]`);
    if (found) return found;
    if (!/(\[\d+\]|\.[^.[\]]+)$/.test(p)) break;
  }
  return null;
}

/** The service's validation messages are English; the common ones read in the chosen language. */
function fieldMessage(message) {
  for (const [pattern, say] of t.form.serverMessages) {
    const match = message.match(pattern);
    if (match) return say(...match.slice(1));
  }
  return message;
}

function clearErrors(form) {
  for (const el of form.querySelectorAll(".field-error")) { el.hidden = true; el.textContent = ""; }
  for (const el of form.querySelectorAll("[aria-invalid]")) {
    el.removeAttribute("aria-invalid");
    const describedBy = (el.getAttribute("aria-describedby") || "").split(" ").filter((x) => x && x !== el.dataset.errorId);
    if (describedBy.length) el.setAttribute("aria-describedby", describedBy.join(" ")); else el.removeAttribute("aria-describedby");
  }
}

/** Puts each message next to its field, the rest in the form's status; focuses the first field. */
function showFieldErrors(form, status, errors) {
  const loose = [];
  let first = null;
  for (const { control, message } of errors) {
    if (!control) { loose.push(message); continue; }
    const line = form.querySelector(`#${CSS.escape(control.dataset.errorId)}`);
    line.hidden = false;
    line.textContent = line.textContent ? `${line.textContent} ${message}` : message;
    control.setAttribute("aria-invalid", "true");
    const describedBy = new Set((control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean));
    describedBy.add(control.dataset.errorId);
    control.setAttribute("aria-describedby", [...describedBy].join(" "));
    first = first ?? control;
  }
  status.show("error", [t.form.fix(errors.length)], loose);
  (first ?? status.el).focus();
}

/** The answer of a refused command, in the person's language. */
export function refusal(error, actionName) {
  const p = error.problem || {};
  if (error.status === 409 && p.rule && t.rules[p.rule]) return t.rules[p.rule];
  if (error.status === 409 && p.stage) return t.form.stageRefused(actionName, t.stages[p.stage] ?? p.stage);
  if (error.status === 403) return t.form.forbidden;
  if (error.status === 404) return t.form.notFound;
  if (error.status === 503 || error.status === 0 || error.status >= 500) return t.form.unavailable;
  return t.error;
}

function statusBox() {
  const el = h("div", { class: "form-status", tabindex: "-1", hidden: true, role: "alert" });
  return {
    el,
    show(kind, lines, items = [], extra = null) {
      el.hidden = false;
      el.className = `form-status notice ${kind}`;
      el.replaceChildren(...lines.map((line) => h("p", {}, line)),
        items.length ? h("ul", {}, items.map((i) => h("li", {}, i))) : "", extra ?? "");
    },
    hide() { el.hidden = true; el.replaceChildren(); },
  };
}

/**
 * A form that sends one command. `build(read)` turns the controls into the command's body (the
 * reader collects what is missing or malformed); `path` may depend on the body. The version the
 * person saw goes with it; a 412 is handed to `onStale`, which shows what changed and answers the
 * version to try again with.
 */
export function commandForm({ id, actionName, submitLabel, fields, path, version, build, onSuccess, onStale, intro }) {
  const status = statusBox();
  const button = h("button", { type: "submit", id: `${id}-submit` }, submitLabel);
  const state = { version };
  const form = h("form", { id, class: "command", novalidate: true, "data-version": present(version) ? String(version) : null },
    intro ? h("p", { class: "muted" }, intro) : null,
    status.el, fields, h("div", { class: "actions" }, button));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(form);
    status.hide();
    const read = new Reader(form);
    const body = build(read);
    if (read.errors.length) {
      showFieldErrors(form, status, read.errors);
      announce(t.form.fix(read.errors.length));
      return;
    }
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    keepOnSigningInAgain(() => keepDraft(form));
    try {
      const answer = await command(typeof path === "function" ? path(body) : path, body, state.version);
      await onSuccess(answer);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      if (error.status === 400 && error.problem?.errors?.length) {
        showFieldErrors(form, status, error.problem.errors.map((e) => ({ control: controlFor(form, e.field), message: fieldMessage(e.message) })));
        announce(t.form.fix(error.problem.errors.length));
      } else if (error.status === 412 && onStale) {
        status.show("warning", [t.form.stale], [], h("p", { class: "loading" }, t.loading));
        status.el.focus();
        try {
          const { version: current, changes } = await onStale(error.problem?.currentVersion, state.version);
          state.version = current;
          form.dataset.version = String(current);
          status.show("warning", [t.form.stale, t.form.whatChanged], [], changes);
        } catch {
          status.show("error", [t.form.stale, t.form.unavailable]);
        }
        announce(t.form.stale);
      } else {
        const message = refusal(error, actionName);
        status.show("error", [message]);
        status.el.focus();
        announce(message);
      }
    } finally {
      keepOnSigningInAgain(null);
      button.disabled = false;
      button.removeAttribute("aria-busy");
    }
  });
  restoreDraft(form, status);
  return form;
}

/**
 * What a person typed into a form whose sending found the session ended: kept in this tab's
 * session storage (their own text, in their own browser) until the same form on the same page
 * shows again after signing in, then put back and forgotten.
 */
const DRAFT = "ledger-draft";

function pageOf(hash) {
  return hash.split("?")[0];
}

function keepDraft(form) {
  const values = [...form.elements].filter((e) => e.name).map((e) => [e.name, e.type === "checkbox" ? e.checked : e.value]);
  sessionStorage.setItem(DRAFT, JSON.stringify({ form: form.id, page: pageOf(location.hash), values }));
}

function restoreDraft(form, status) {
  let draft;
  try { draft = JSON.parse(sessionStorage.getItem(DRAFT)); } catch { draft = null; }
  if (!draft || draft.form !== form.id || draft.page !== pageOf(location.hash)) return;
  sessionStorage.removeItem(DRAFT);
  for (const [name, value] of draft.values) {
    const control = form.elements.namedItem(name);
    if (!control || control instanceof RadioNodeList) continue;
    if (control.type === "checkbox") control.checked = value === true;
    else control.value = value;
  }
  status.show("warning", [t.form.restored]);
  // the form is in the page once its view is drawn: open its action and bring it into view
  requestAnimationFrame(() => {
    const details = form.closest("details");
    if (details) details.open = true;
    status.el.focus();
  });
}
