// Admins: erasing a person's personal data (after saying what will be lost) and the events the
// projections could not apply (dead letters), with a retry.
import { t } from "../locale.js";
import { h, fill, emptyState, announce } from "../dom.js";
import { fmtInstant, fmtNumber, time } from "../format.js";
import { getJson, post, HttpError } from "../api.js";
import { textField } from "../forms.js";
import { refusal } from "../forms.js";

export async function adminView(target) {
  const letters = await getJson("/api/admin/dead-letters");
  fill(target, h("h1", {}, t.nav.admin), erasureCard(), deadLettersCard(letters, target));
}

function erasureCard() {
  const status = h("div", { id: "erase-status", tabindex: "-1" });
  const personField = textField({ id: "erase-person", name: "personId", label: t.erase.person, hint: t.erase.personHint, required: true });
  const input = personField.querySelector("input");
  const error = personField.querySelector(".field-error");
  const confirmButton = h("button", { type: "button", id: "erase-confirm", class: "danger" }, t.erase.confirm);
  const cancel = h("button", { type: "button", id: "erase-cancel", class: "secondary" }, t.erase.cancel);
  const text = h("div", { id: "erase-dialog-text" });
  const dialog = h("dialog", { id: "erase-dialog", "aria-labelledby": "erase-dialog-heading", "aria-describedby": "erase-dialog-text" },
    h("h2", { id: "erase-dialog-heading" }, t.erase.dialogHeading), text, h("div", { class: "actions" }, confirmButton, cancel));
  cancel.addEventListener("click", () => dialog.close());
  const form = h("form", { id: "form-erase", novalidate: true }, personField,
    h("div", { class: "actions" }, h("button", { type: "submit", id: "erase-open", class: "danger" }, t.erase.open)));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const personId = input.value.trim();
    error.hidden = Boolean(personId);
    error.textContent = personId ? "" : t.form.missing;
    input.toggleAttribute("aria-invalid", !personId);
    if (!personId) { input.focus(); return; }
    fill(text, h("p", {}, t.erase.intro(personId)), h("ul", {}, t.erase.lost.map((x) => h("li", {}, x))),
      h("p", {}, t.erase.kept), h("p", { class: "strong" }, t.erase.final));
    dialog.showModal();
    cancel.focus();
  });
  confirmButton.addEventListener("click", async () => {
    const personId = input.value.trim();
    confirmButton.disabled = true;
    try {
      const answer = await post(`/api/people/${encodeURIComponent(personId)}/erasure`);
      dialog.close();
      const relationships = answer?.relationships ?? [];
      fill(status, h("div", { class: "notice success", role: "status" }, h("p", {}, t.erase.done(personId, relationships.length)),
        relationships.length ? h("ul", {}, relationships.map((id) => h("li", {}, h("a", { href: `#/relationship/${encodeURIComponent(id)}` }, id)))) : null));
      announce(t.erase.done(personId, relationships.length));
      input.value = "";
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      dialog.close();
      const message = err.status === 404 ? t.erase.unknown(personId) : refusal(err, t.erase.open);
      fill(status, h("p", { class: "notice error", role: "alert" }, message));
      announce(message);
    } finally {
      confirmButton.disabled = false;
      status.focus();
    }
  });
  return h("section", { class: "card", id: "erasure", "aria-labelledby": "erasure-heading" },
    h("h2", { id: "erasure-heading" }, t.erase.heading), h("p", {}, t.erase.help), form, status, dialog);
}

function deadLettersCard(letters, target) {
  const status = h("p", { id: "dead-letters-status", role: "status" });
  const retry = h("button", { type: "button", id: "dead-letters-retry", disabled: letters.length === 0 }, t.deadLetters.retry);
  retry.addEventListener("click", async () => {
    retry.disabled = true;
    try {
      const results = await post("/api/admin/dead-letters/retry");
      const cleared = Object.values(results || {}).flat().reduce((sum, r) => sum + (r.sequencesCleared ?? 0), 0);
      const remaining = Object.values(results || {}).flat().reduce((sum, r) => sum + (r.sequencesRemaining ?? 0), 0);
      const message = t.deadLetters.retried(fmtNumber(cleared, 0), fmtNumber(remaining, 0));
      await adminView(target);
      const again = document.getElementById("dead-letters-status");
      if (again) again.textContent = message;
      announce(message);
    } catch (err) {
      status.textContent = err instanceof HttpError ? refusal(err, t.deadLetters.retry) : t.error;
      retry.disabled = false;
    }
  });
  return h("section", { class: "card", id: "dead-letters", "aria-labelledby": "dead-letters-heading" },
    h("h2", { id: "dead-letters-heading" }, t.deadLetters.heading), h("p", {}, t.deadLetters.help),
    letters.length === 0 ? emptyState(t.deadLetters.none) : h("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-labelledby": "dead-letters-heading" },
      h("table", {}, h("thead", {}, h("tr", {}, t.deadLetters.columns.map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", {}, letters.map((l) => h("tr", { "data-aggregate": l.aggregateId ?? "" },
          h("td", {}, l.processor), h("td", {}, t.events[l.eventType?.split(".").pop()] ?? l.eventType),
          h("td", {}, l.aggregateId ? h("a", { href: `#/relationship/${encodeURIComponent(l.aggregateId)}` }, l.aggregateId) : "–"),
          h("td", { class: "number" }, fmtNumber(l.sequenceNumber, 0)), h("td", {}, l.causeType ?? "–"),
          h("td", {}, time(l.enqueuedAt, fmtInstant))))))),
    h("div", { class: "actions" }, retry), status);
}
