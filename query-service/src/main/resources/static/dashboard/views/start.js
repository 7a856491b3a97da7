// A new relationship: organisers form the pairs of their programmes, admins any pair (or one
// outside every programme). Mentors and mentees do not start relationships.
import { t, lang } from "../locale.js";
import { h, fill, showAfterReload } from "../dom.js";
import { todayIso } from "../format.js";
import { me, isAdmin, isOrganiser } from "../api.js";
import { commandForm, textField, dateField, selectField } from "../forms.js";
import { LANGUAGES } from "../i18n.js";

export async function startView(target) {
  const user = await me();
  const admin = isAdmin(user);
  if (!admin && !isOrganiser(user)) {
    fill(target, h("h1", {}, t.nav.new), h("p", { class: "notice" }, t.startNotYours));
    return;
  }
  const programme = admin
    ? textField({ id: "start-programme", name: "programmeId", label: t.programme, hint: t.programmeAdminHint })
    : selectField({ id: "start-programme", name: "programmeId", label: t.programme, required: true,
      value: user.programmes.length === 1 ? user.programmes[0] : undefined,
      blank: user.programmes.length === 1 ? undefined : t.chooseProgramme, options: user.programmes.map((p) => [p, p]) });
  const person = (role, label) => h("fieldset", { class: "group" }, h("legend", {}, label),
    textField({ id: `start-${role}-name`, name: `${role}.name`, label: t.personName, required: true, autocomplete: "off" }),
    textField({ id: `start-${role}-id`, name: `${role}.id`, label: t.personId, hint: t.personIdHint, required: true }));
  const form = commandForm({
    id: "form-start",
    actionName: t.act.start.cannot,
    submitLabel: t.act.start.submit,
    path: "/api/relationships",
    fields: [
      programme,
      person("mentor", t.mentor),
      person("mentee", t.mentee),
      selectField({ id: "start-language", name: "language", label: t.languageOfMentoring, hint: t.languageHint, required: true,
        value: lang, options: Object.keys(LANGUAGES).map((code) => [code, new Intl.DisplayNames([lang], { type: "language" }).of(code)]) }),
      dateField({ id: "start-on", name: "startedOn", label: t.startedOnField, value: todayIso() }),
      textField({ id: "start-id", name: "relationshipId", label: t.relationshipId, hint: t.relationshipIdHint }),
    ],
    build: (read) => ({
      relationshipId: read.text("relationshipId"),
      programmeId: admin ? read.text("programmeId") : read.value("programmeId", { required: true }),
      mentor: { id: read.text("mentor.id", { required: true }), name: read.text("mentor.name", { required: true }) },
      mentee: { id: read.text("mentee.id", { required: true }), name: read.text("mentee.name", { required: true }) },
      language: read.value("language", { required: true }),
      startedOn: read.date("startedOn"),
    }),
    onSuccess: (answer) => {
      showAfterReload(t.act.start.done);
      location.hash = `#/relationship/${encodeURIComponent(answer.relationshipId)}?v=${answer.version}`;
    },
  });
  fill(target, h("h1", {}, t.nav.new), h("p", {}, t.startHelp), h("section", { class: "card" }, form));
}
