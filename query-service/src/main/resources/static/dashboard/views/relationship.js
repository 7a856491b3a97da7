// One relationship: its summary, what the signed-in person may do now (and why not the rest), its
// goals and open concerns, and its whole history narrated in the chosen language.
import { t } from "../locale.js";
import { h, fill, present, personName, emptyState, announce, takeFlash } from "../dom.js";
import { fmtNumber, fmtInstant, fmtDate, time } from "../format.js";
import { getJson, me } from "../api.js";
import { historyContext, narrate, languageName } from "../narrate.js";
import { actionsCard } from "./actions.js";

export async function relationshipView(target, id, query) {
  const path = `/api/relationships/${encodeURIComponent(id)}`;
  // after an action: the read side answers once it includes the version the command returned
  const since = query.v ? `?minVersion=${encodeURIComponent(query.v)}` : "";
  const [user, summary, history] = await Promise.all([me(), getJson(path + since), getJson(`${path}/history${since}`)]);
  const context = historyContext(history.entries, summary.goals);
  const concerns = openConcerns(history.entries);
  // DOMAIN.md, "Confidentiality": a concern the pair keeps to itself is theirs; others see only
  // the concerns addressed to the organiser (the history shows them every event, text withheld)
  const ofThePair = Boolean(user.personId) && [summary.mentor?.id, summary.mentee?.id].includes(user.personId);
  const shownConcerns = ofThePair ? concerns : concerns.filter((e) => e.data.organiserContacted);
  const facts = [["stage", t.stages[summary.stage] ?? summary.stage], ["programme", summary.programmeId ?? t.noProgramme],
    ["mentor", personName(summary.mentor)], ["mentee", personName(summary.mentee)], ["languageOfMentoring", languageName(summary.language)],
    ["startedOn", time(summary.startedOn)], ["agreedOn", time(summary.agreedOn)], ["inProgressOn", time(summary.inProgressOn)],
    ["pausedOn", time(summary.pausedOn)], ["endedOn", time(summary.endedOn)],
    ["terminationReason", summary.terminationReason ? t.reasons[summary.terminationReason] : "–"],
    ["meetings", fmtNumber(summary.meetingCount, 0)], ["lastMeeting", time(summary.lastMeetingOn)],
    ["openConcerns", fmtNumber(summary.openConcerns, 0)], ["version", fmtNumber(summary.version, 0)]];
  const result = takeFlash();
  fill(target,
    h("p", { class: "back" }, h("a", { href: "#/relationships" }, `← ${t.nav.relationships}`)),
    h("h1", {}, `${personName(summary.mentor)} – ${personName(summary.mentee)}`),
    result ? h("p", { class: "notice success", id: "result" }, result) : null,
    h("section", { class: "card", "aria-labelledby": "summary-heading" }, h("h2", { id: "summary-heading" }, t.summary),
      h("dl", { class: "facts" }, facts.map(([k, v]) => h("div", {}, h("dt", {}, t[k]), h("dd", { "data-fact": k }, v ?? "–"))))),
    actionsCard({ user, summary, history, context, concerns, staleChanges: (current, opened) => staleChanges(id, current, opened, summary) }),
    h("section", { class: "card", "aria-labelledby": "goals-heading" }, h("h2", { id: "goals-heading" }, t.goals),
      (summary.goals || []).length === 0 ? emptyState(t.empty.noGoals) : h("ul", { class: "goals" },
        summary.goals.map((g) => h("li", { "data-goal": g.goalId }, g.description ?? g.goalId, " — ",
          g.achieved ? [t.achieved, " ", time(g.achievedOn)] : t.open)))),
    shownConcerns.length ? concernsCard(shownConcerns) : null,
    h("section", { class: "card", "aria-labelledby": "timeline-heading" }, h("h2", { id: "timeline-heading" }, t.timeline),
      h("p", { class: "muted" }, t.timelineHelp),
      history.entries.length === 0 ? emptyState(t.empty.noHistory)
        : h("ol", { class: "timeline" }, timelineEntries(history.entries, context))));
  if (result) announce(result);
}

/** The concerns raised and not resolved, as far as the history shows them to this person. */
export function openConcerns(entries) {
  const resolved = new Set(entries.filter((e) => e.type === "ConcernResolved").map((e) => e.data?.concernId));
  return entries.filter((e) => e.type === "ConcernRaised" && !resolved.has(e.data?.concernId));
}

function concernsCard(concerns) {
  return h("section", { class: "card", id: "concerns", "aria-labelledby": "concerns-heading" },
    h("h2", { id: "concerns-heading" }, t.openConcernsHeading),
    h("ul", { class: "concerns" }, concerns.map((e) => h("li", { "data-concern": e.data.concernId },
      t.concernLabel(t.parties[e.data.raisedBy] ?? "?", fmtDate(e.occurredOn)),
      e.data.organiserContacted ? [" ", h("span", { class: "badge" }, t.forOrganiser)] : null,
      typeof e.data.description === "string" ? h("p", { class: "private-text" }, e.data.description) : null))));
}

/** The history's entries, each mistake marked with the corrections that followed it (the service names them). */
function timelineEntries(entries, context) {
  return entries.map((e) => timelineEntry(e, context, e.correctedBy?.length ? e.correctedBy : null));
}

/**
 * One event. The service puts the pair's private text into data only for the relationship's mentor
 * and mentee: they see it, labelled as private; everyone else sees which fields were withheld.
 */
export function timelineEntry(e, context, correctedBy = null) {
  const data = e.data || {};
  const confidential = data.confidential || [];
  const shown = confidential.filter((f) => typeof data[f] === "string");
  const withheld = confidential.filter((f) => !shown.includes(f));
  const label = (f) => t.confidentialFields[f] ?? f;
  const { sentence, details } = narrate(e, context);
  return h("li", { id: `entry-${e.sequence}`, "data-type": e.type, "data-sequence": String(e.sequence),
    class: correctedBy ? "corrected" : null },
    h("h3", {}, t.events[e.type] ?? e.type,
      e.type === "ConcernRaised" && data.organiserContacted ? [" ", h("span", { class: "badge" }, t.forOrganiser)] : null,
      correctedBy ? [" ", h("span", { class: "badge corrected" }, t.corrected)] : null),
    h("p", { class: "sentence" }, sentence),
    correctedBy ? h("p", { class: "corrected-by" }, t.correctedBy(correctedBy)) : null,
    details.length ? h("ul", { class: "details" }, details.map((d) => h("li", {}, d))) : null,
    shown.map((f) => h("div", { class: "private", "data-private": f },
      h("p", { class: "private-label" }, t.privateText(label(f))), h("p", { class: "private-text" }, data[f]))),
    withheld.length ? h("p", { class: "muted" }, t.withheld(withheld.map(label))) : null,
    h("dl", { class: "when" },
      // the number corrections name ("see entry 5", "the date of entry 2")
      h("div", {}, h("dt", {}, t.entry), h("dd", { class: "entry-number" }, String(e.sequence))),
      h("div", {}, h("dt", {}, t.happened), h("dd", {}, time(e.occurredOn))),
      h("div", {}, h("dt", {}, t.recorded), h("dd", {}, time(e.recordedAt, fmtInstant))),
      h("div", {}, h("dt", {}, t.by), h("dd", {}, e.actor ?? (e.actorErased ? t.erasedPerson : t.unknownActor)))));
}

/** After a 412: the events recorded since the person opened the form, and the version to try again with. */
async function staleChanges(id, current, opened) {
  const since = present(current) ? `?minVersion=${encodeURIComponent(current)}` : "";
  const history = await getJson(`/api/relationships/${encodeURIComponent(id)}/history${since}`);
  const context = historyContext(history.entries);
  const newer = history.entries.filter((e) => e.sequence > opened);
  const version = history.entries.length ? Math.max(current ?? -1, ...history.entries.map((e) => e.sequence)) : current;
  return {
    version,
    changes: newer.length ? h("ol", { class: "timeline changes" }, newer.map((e) => timelineEntry(e, context))) : null,
  };
}
