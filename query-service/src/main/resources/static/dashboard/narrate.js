// One way of describing an event in every language: a sentence built from the entry's type and
// data (never the service's English summary), and the free text it holds as details. The sentence
// patterns live in i18n.js beside the other texts.
import { lang, t } from "./locale.js";
import { present } from "./dom.js";
import { fmtDate, fmtNumber } from "./format.js";

/** Reads names of goals and concerns from a history, for the entries that refer to them by id. */
export function historyContext(entries, goals = []) {
  const goalNames = Object.fromEntries(goals.filter((g) => g.description).map((g) => [g.goalId, g.description]));
  const concerns = {};
  const meetings = {};
  for (const e of entries) {
    const d = e.data || {};
    if (e.type === "MeetingRecorded") meetings[d.meetingId] = d.heldOn ?? e.occurredOn;
    if ((e.type === "AgreementSigned" || e.type === "AgreementAmended") && d.agreement?.goals) {
      for (const g of d.agreement.goals) if (g.description) goalNames[g.goalId] = g.description;
    }
    if (e.type === "ConcernRaised") concerns[d.concernId] = { raisedBy: d.raisedBy, raisedOn: d.raisedOn ?? e.occurredOn };
  }
  return { goalNames, concerns, meetings };
}

export function languageName(code) {
  if (!code) return null;
  try { return new Intl.DisplayNames([lang], { type: "language" }).of(code) ?? code; } catch { return code; }
}

/** A person named in an event; in the history a name is null only once its person was erased. */
const named = (person) => (person ? person.name ?? t.erasedPerson : t.erasedPerson);

/** `{ sentence, details }`: one sentence in the chosen language and the lines of text the event carries. */
export function narrate(entry, context = { goalNames: {}, concerns: {}, meetings: {} }) {
  const d = entry.data || {};
  const on = fmtDate(entry.occurredOn);
  const n = t.narrate;
  const details = [];
  let sentence;
  switch (entry.type) {
    case "RelationshipStarted":
      sentence = n.started({ mentor: named(d.mentor), mentee: named(d.mentee), on, programme: d.programmeId, language: languageName(d.language) });
      break;
    case "AgreementSigned": case "AgreementAmended": {
      const a = d.agreement || {};
      const goals = a.goals || [];
      const values = { on, goals: goals.length, plannedEnd: a.plannedEndOn ? fmtDate(a.plannedEndOn) : null };
      sentence = entry.type === "AgreementSigned" ? n.agreed(values) : n.amended(values);
      for (const g of goals) {
        details.push(`${t.goal}: ${g.description ?? "–"}${g.milestones?.length ? ` (${t.milestones}: ${g.milestones.join("; ")})` : ""}`);
      }
      const rules = a.groundRules || {};
      if (rules.contactChannel) details.push(`${t.contactChannel}: ${rules.contactChannel}`);
      if (rules.meetingFrequency) details.push(`${t.meetingFrequency}: ${rules.meetingFrequency}`);
      if (rules.preparation) details.push(`${t.preparation}: ${rules.preparation}`);
      break;
    }
    case "MeetingRecorded":
      sentence = n.meeting({ on, format: d.format, minutes: present(d.durationMinutes) ? fmtNumber(d.durationMinutes, 0) : null,
        tasks: (d.tasks || []).length });
      for (const task of d.tasks || []) details.push(`${t.task}: ${task}`);
      break;
    case "GoalAchieved":
      sentence = n.goalAchieved({ on, goal: context.goalNames[d.goalId] ?? d.goalId });
      break;
    case "ConcernRaised":
      sentence = n.concernRaised({ on, by: d.raisedBy, organiser: Boolean(d.organiserContacted) });
      // addressed to the organiser, the text is not the pair's own: it comes as plain data
      if (typeof d.description === "string" && !(d.confidential || []).includes("description")) details.push(`${t.concern}: ${d.description}`);
      break;
    case "ConcernResolved": {
      const raised = context.concerns[d.concernId];
      sentence = n.concernResolved({ on, by: raised?.raisedBy, raisedOn: raised?.raisedOn ? fmtDate(raised.raisedOn) : null });
      if (typeof d.resolution === "string" && !(d.confidential || []).includes("resolution")) details.push(`${t.resolution}: ${d.resolution}`);
      break;
    }
    case "RelationshipPaused":
      sentence = n.paused({ on });
      if (d.reason) details.push(`${t.reason}: ${d.reason}`);
      break;
    case "RelationshipResumed":
      sentence = n.resumed({ on });
      break;
    case "RelationshipClosed":
      sentence = n.closed({ on, keepInTouch: d.continueContact });
      if (d.summary) details.push(`${t.closeSummary}: ${d.summary}`);
      break;
    case "RelationshipTerminated":
      sentence = n.terminated({ on, reason: t.reasons[d.reason] ?? d.reason, by: d.initiatedBy });
      if (d.note) details.push(`${t.note}: ${d.note}`);
      break;
    case "EvaluationSubmitted":
      sentence = n.evaluated({ on, by: d.by, rating: fmtNumber(d.rating, 0), goalsMet: d.goalsMet });
      break;
    case "PersonalDataErased":
      sentence = n.erased({ on, party: d.party });
      break;
    case "MeetingWithdrawn": {
      const heldOn = context.meetings?.[d.meetingId];
      sentence = n.meetingWithdrawn({ heldOn: heldOn ? fmtDate(heldOn) : null, backToAgreed: Boolean(d.backToAgreed) });
      if (d.reason) details.push(`${t.reason}: ${d.reason}`);
      break;
    }
    case "DateCorrected":
      sentence = n.dateCorrected({ entry: d.correctedVersion, from: fmtDate(d.previousDate), to: fmtDate(d.correctedDate) });
      if (d.reason) details.push(`${t.reason}: ${d.reason}`);
      break;
    case "RelationshipReopened":
      sentence = n.reopened({ stage: (t.stages[d.reopenedIn] ?? d.reopenedIn ?? "").toLowerCase() });
      if (d.reason) details.push(`${t.reason}: ${d.reason}`);
      break;
    case "EvaluationWithdrawn":
      sentence = n.evaluationWithdrawn({ by: d.by });
      if (d.reason) details.push(`${t.reason}: ${d.reason}`);
      break;
    default:
      sentence = n.other({ type: entry.type, on });
  }
  return { sentence, details };
}
