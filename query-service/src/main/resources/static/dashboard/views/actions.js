// What the signed-in person may do on one relationship now: the lifecycle table of DOMAIN.md
// (which stage allows which action) and who may act (the pair for their own side, organisers
// ending for their decision, admins everything). Everything else is explained, not offered.
import { t } from "../locale.js";
import { h, showAfterReload } from "../dom.js";
import { todayIso, fmtDate } from "../format.js";
import { isAdmin, isOrganiser } from "../api.js";
import { commandForm, textField, linesField, dateField, numberField, selectField, checkboxField, fixedField } from "../forms.js";
import { REASONS, OPEN_STAGES } from "./common.js";

const ALLOWED = {
  agree: ["STARTED"],
  amend: ["AGREED", "IN_PROGRESS", "PAUSED"],
  meeting: ["STARTED", "AGREED", "IN_PROGRESS"],
  achieve: ["AGREED", "IN_PROGRESS", "PAUSED"],
  raise: OPEN_STAGES,
  resolve: OPEN_STAGES,
  pause: ["AGREED", "IN_PROGRESS"],
  resume: ["PAUSED"],
  close: ["IN_PROGRESS"],
  terminate: OPEN_STAGES,
  evaluate: ["CLOSED", "TERMINATED"],
  // DOMAIN.md, "Corrections"
  withdrawMeeting: [...OPEN_STAGES, "CLOSED", "TERMINATED"],
  correctDate: [...OPEN_STAGES, "CLOSED", "TERMINATED"],
  reopen: ["CLOSED", "TERMINATED"],
  withdrawEvaluation: ["CLOSED", "TERMINATED"],
};
/** The entries whose business date a correction may move. */
const DATED = ["RelationshipStarted", "AgreementSigned", "AgreementAmended", "MeetingRecorded", "GoalAchieved",
  "RelationshipPaused", "RelationshipResumed", "RelationshipClosed", "RelationshipTerminated"];
const PARTIES = ["MENTOR", "MENTEE"];

/** The signed-in person's side in this relationship, if they are its mentor or mentee. */
export function partyOf(user, summary) {
  if (!user.personId) return null;
  if (summary.mentor?.id === user.personId) return "MENTOR";
  if (summary.mentee?.id === user.personId) return "MENTEE";
  return null;
}

export function actionsCard({ user, summary, history, context, concerns, staleChanges }) {
  const admin = isAdmin(user);
  const party = partyOf(user, summary);
  const organiser = isOrganiser(user) && present(summary.programmeId) && user.programmes.includes(summary.programmeId);
  if (!admin && !party && !organiser) return null;
  const stage = summary.stage;
  const id = summary.relationshipId;
  const base = `/api/relationships/${encodeURIComponent(id)}`;
  const evaluated = standingEvaluations(history.entries);
  const openGoals = (summary.goals || []).filter((g) => !g.achieved);
  const agreement = latestAgreement(history.entries);
  // Organisers and admins correct anything; a participant only what they recorded, while it is open.
  const corrector = admin || organiser;
  const ownOpen = (e) => corrector || (Boolean(party) && OPEN_STAGES.includes(stage) && e.actor === user.username);
  const meetings = standingMeetings(history.entries).filter(ownOpen);
  const datedEntries = history.entries.filter((e) => DATED.includes(e.type) && !withdrawn(history.entries, e)).filter(ownOpen);
  const env = { admin, party, organiser, id, base, version: summary.version, staleChanges, openGoals, concerns, agreement,
    evaluated, context, meetings, datedEntries };

  const offered = [];
  const notNow = [];
  const consider = (key, mayAct, extraReason, build) => {
    if (!mayAct) return;
    if (!ALLOWED[key].includes(stage)) notNow.push(t.notNow(t.act[key].cannot, t.stageIs[stage] ?? stage));
    else if (extraReason) notNow.push(t.notNow(t.act[key].cannot, extraReason));
    else offered.push(actionBlock(key, build(env)));
  };
  const pair = admin || Boolean(party);
  consider("agree", pair, null, agreementForm("agree"));
  consider("amend", pair, null, agreementForm("amend"));
  consider("meeting", pair, null, meetingForm);
  consider("achieve", pair, openGoals.length ? null : t.whyNot.noOpenGoals, achieveForm);
  consider("raise", pair, null, raiseForm);
  consider("resolve", pair, concerns.length ? null : t.whyNot.noOpenConcerns, resolveForm);
  consider("pause", pair, null, pauseForm);
  consider("resume", pair, null, resumeForm);
  consider("close", pair, null, closeForm);
  consider("terminate", pair || organiser, null, terminateForm);
  const leftToEvaluate = admin ? PARTIES.filter((p) => !evaluated.has(p)) : party && !evaluated.has(party) ? [party] : [];
  consider("evaluate", pair, leftToEvaluate.length ? null : t.whyNot.evaluated, evaluateForm);
  consider("withdrawMeeting", meetings.length > 0, null, withdrawMeetingForm);
  consider("correctDate", datedEntries.length > 0, null, correctDateForm);
  consider("reopen", corrector, null, reopenForm);
  consider("withdrawEvaluation", corrector && evaluated.size > 0, null, withdrawEvaluationForm);

  return h("section", { class: "card", id: "actions", "aria-labelledby": "actions-heading" },
    h("h2", { id: "actions-heading" }, t.actionsHeading),
    party ? h("p", { class: "muted" }, t.actingAs(t.parties[party])) : organiser && !admin ? h("p", { class: "muted" }, t.organiserActs) : null,
    offered.length ? h("div", { class: "action-list" }, offered) : h("p", {}, t.nothingNow),
    notNow.length ? h("div", { class: "not-now" }, h("h3", {}, t.notAvailable), h("ul", { id: "not-now" }, notNow.map((x) => h("li", {}, x)))) : null);
}

const present = (v) => v !== null && v !== undefined;

function actionBlock(key, form) {
  return h("details", { class: "action", id: `action-${key}`, "data-action": key },
    h("summary", {}, t.act[key].title), form);
}

function latestAgreement(entries) {
  let agreement = null;
  for (const e of entries) if ((e.type === "AgreementSigned" || e.type === "AgreementAmended") && e.data?.agreement) agreement = e.data.agreement;
  return agreement;
}

/** The form's shared part: the command's path, the version shown, and what happens after. */
function form(key, env, fields, build, path = "") {
  return commandForm({
    id: `form-${key}`,
    actionName: t.act[key].cannot,
    submitLabel: t.act[key].submit,
    fields,
    path: typeof path === "function" ? (body) => env.base + path(body) : env.base + path,
    version: env.version,
    build,
    onStale: env.staleChanges,
    onSuccess: (answer) => {
      showAfterReload(t.act[key].done);
      location.hash = `#/relationship/${encodeURIComponent(answer?.relationshipId ?? env.id)}?v=${answer?.version ?? ""}`;
    },
  });
}

function agreementForm(kind) {
  return (env) => {
    const p = kind;
    const goals = h("div", { class: "goal-rows" });
    const addRow = (goal) => {
      const i = goals.children.length;
      const row = h("fieldset", { class: "goal-row" },
        h("legend", {}, t.goalNumber(i + 1)),
        h("input", { type: "hidden", name: `goals[${i}].goalId`, value: goal?.goalId ?? "" }),
        textField({ id: `${p}-goal-${i}`, name: `goals[${i}].description`, label: t.goalDescription, required: true, multiline: true, value: goal?.description }),
        linesField({ id: `${p}-goal-${i}-milestones`, name: `goals[${i}].milestones`, label: t.milestones, value: goal?.milestones }),
        i > 0 && !goal?.goalId ? h("button", { type: "button", class: "secondary", onclick: () => { row.remove(); renumber(goals); } }, t.removeGoal) : null);
      goals.append(row);
      return row;
    };
    const existing = kind === "amend" ? env.agreement?.goals ?? [] : [];
    if (existing.length) existing.forEach(addRow); else addRow();
    const rules = kind === "amend" ? env.agreement?.groundRules ?? {} : {};
    const fields = [
      h("fieldset", { class: "group", "data-field": "goals" }, h("legend", {}, t.goals),
        h("p", { class: "hint" }, t.goalsHint), goals,
        h("p", { class: "field-error", id: `${p}-goals-error`, hidden: true }),
        h("button", { type: "button", class: "secondary", id: `${p}-add-goal`, onclick: () => {
          addRow().querySelector("textarea").focus();
        } }, t.addGoal)),
      h("fieldset", { class: "group" }, h("legend", {}, t.groundRules),
        textField({ id: `${p}-contact`, name: "contactChannel", field: "groundRules.contactChannel", label: t.contactChannel, hint: t.contactChannelHint, required: true, value: rules.contactChannel }),
        textField({ id: `${p}-frequency`, name: "meetingFrequency", field: "groundRules.meetingFrequency", label: t.meetingFrequency, hint: t.meetingFrequencyHint, required: true, value: rules.meetingFrequency }),
        textField({ id: `${p}-preparation`, name: "preparation", field: "groundRules.preparation", label: t.preparation, multiline: true, value: rules.preparation })),
      dateField({ id: `${p}-planned-end`, name: "plannedEndOn", label: t.plannedEnd, value: kind === "amend" ? env.agreement?.plannedEndOn : null }),
      kind === "agree" ? dateField({ id: `${p}-on`, name: "agreedOn", label: t.agreedOnField, value: todayIso() }) : null,
    ];
    // the goals' own error line stands for "goals" as a whole (at least one is needed)
    fields[0].dataset.errorId = `${p}-goals-error`;
    return form(kind, env, fields, (read) => {
      const rows = [...goals.children];
      const body = {
        goals: rows.map((row, i) => {
          const goal = { description: read.text(`goals[${i}].description`, { required: true }), milestones: read.lines(`goals[${i}].milestones`) };
          const goalId = read.text(`goals[${i}].goalId`);
          return goalId ? { goalId, ...goal } : goal;
        }),
        groundRules: { contactChannel: read.text("contactChannel", { required: true }), meetingFrequency: read.text("meetingFrequency", { required: true }),
          preparation: read.text("preparation") },
        plannedEndOn: read.date("plannedEndOn"),
      };
      if (kind === "agree") body.agreedOn = read.date("agreedOn");
      return body;
    }, kind === "agree" ? "/agree" : "/agreement-amendments");
  };
}

/** After a goal row is removed, the rows' names follow their new positions (the service's paths name them so). */
function renumber(goals) {
  [...goals.children].forEach((row, i) => {
    row.querySelector("legend").textContent = t.goalNumber(i + 1);
    for (const control of row.querySelectorAll("[name]")) {
      control.name = control.name.replace(/^goals\[\d+\]/, `goals[${i}]`);
      if (control.dataset.field) control.dataset.field = control.dataset.field.replace(/^goals\[\d+\]/, `goals[${i}]`);
    }
  });
}

function meetingForm(env) {
  return form("meeting", env, [
    dateField({ id: "meeting-held-on", name: "heldOn", label: t.heldOn, required: true, value: todayIso() }),
    numberField({ id: "meeting-duration", name: "durationMinutes", label: t.durationMinutes, hint: t.durationHint, min: 1, max: 1440 }),
    selectField({ id: "meeting-format", name: "format", label: t.format, blank: t.formatNotSaid,
      options: [["IN_PERSON", t.formatOptions.IN_PERSON], ["REMOTE", t.formatOptions.REMOTE]] }),
    linesField({ id: "meeting-tasks", name: "tasks", label: t.tasksField }),
    textField({ id: "meeting-notes", name: "privateNotes", label: t.privateNotes, hint: t.privateHint, multiline: true }),
  ], (read) => ({
    heldOn: read.date("heldOn", { required: true }),
    durationMinutes: read.int("durationMinutes"),
    format: read.value("format"),
    tasks: read.lines("tasks"),
    privateNotes: read.text("privateNotes"),
  }), "/meetings");
}

function achieveForm(env) {
  let goalId = null;
  return form("achieve", env, [
    selectField({ id: "achieve-goal", name: "goalId", label: t.goal, required: true, blank: t.chooseGoal,
      options: env.openGoals.map((g) => [g.goalId, g.description ?? g.goalId]) }),
    dateField({ id: "achieve-on", name: "achievedOn", label: t.achievedOnField, value: todayIso() }),
  ], (read) => {
    goalId = read.value("goalId", { required: true });
    return { achievedOn: read.date("achievedOn") };
  }, () => `/goals/${encodeURIComponent(goalId)}/achieve`);
}

/** The side an action is taken for: the person's own, or (admins) chosen. */
function sideField(env, name, label, options = PARTIES) {
  if (env.party) return fixedField({ label, text: t.partiesCap[env.party] });
  return selectField({ id: `side-${name}`, name, label, required: true, options: options.map((p) => [p, t.partiesCap[p]]) });
}

function raiseForm(env) {
  return form("raise", env, [
    sideField(env, "raisedBy", t.raisedBy),
    textField({ id: "raise-description", name: "description", label: t.concernDescription, required: true, multiline: true }),
    checkboxField({ id: "raise-organiser", name: "organiserContacted", label: t.contactOrganiser, hint: t.contactOrganiserHint }),
  ], (read) => ({
    raisedBy: env.party ?? read.value("raisedBy", { required: true }),
    description: read.text("description", { required: true }),
    organiserContacted: read.bool("organiserContacted"),
  }), "/concerns");
}

function resolveForm(env) {
  let concernId = null;
  const label = (e) => {
    const text = typeof e.data.description === "string" ? `: ${e.data.description.slice(0, 60)}` : "";
    return `${t.concernLabel(t.parties[e.data.raisedBy] ?? "?", fmtDate(e.occurredOn))}${text}`;
  };
  return form("resolve", env, [
    selectField({ id: "resolve-concern", name: "concernId", label: t.concern, required: true, blank: t.chooseConcern,
      options: env.concerns.map((e) => [e.data.concernId, label(e)]) }),
    textField({ id: "resolve-resolution", name: "resolution", label: t.resolution, hint: t.privateHint, multiline: true }),
  ], (read) => {
    concernId = read.value("concernId", { required: true });
    return { resolution: read.text("resolution") };
  }, () => `/concerns/${encodeURIComponent(concernId)}/resolve`);
}

function pauseForm(env) {
  return form("pause", env, [
    textField({ id: "pause-reason", name: "reason", label: t.reason, required: true, multiline: true }),
    dateField({ id: "pause-on", name: "pausedOn", label: t.pausedOnField, value: todayIso() }),
  ], (read) => ({ reason: read.text("reason", { required: true }), pausedOn: read.date("pausedOn") }), "/pause");
}

function resumeForm(env) {
  return form("resume", env, [
    dateField({ id: "resume-on", name: "resumedOn", label: t.resumedOnField, value: todayIso() }),
  ], (read) => ({ resumedOn: read.date("resumedOn") }), "/resume");
}

function closeForm(env) {
  return form("close", env, [
    textField({ id: "close-summary", name: "summary", label: t.closeSummary, hint: t.closeSummaryHint, multiline: true }),
    checkboxField({ id: "close-continue", name: "continueContact", label: t.continueContactField }),
    dateField({ id: "close-on", name: "closedOn", label: t.closedOnField, value: todayIso() }),
  ], (read) => ({ summary: read.text("summary"), continueContact: read.bool("continueContact"), closedOn: read.date("closedOn") }), "/close");
}

function terminateForm(env) {
  const organiserOnly = !env.admin && !env.party;
  const fields = organiserOnly
    ? [fixedField({ label: t.reason, text: t.reasons.ORGANISER_DECISION }), fixedField({ label: t.initiatedBy, text: t.initiatorsCap.ORGANISER })]
    : [selectField({ id: "terminate-reason", name: "reason", label: t.reason, required: true, blank: t.chooseReason,
        options: REASONS.filter((r) => env.admin || r !== "ORGANISER_DECISION").map((r) => [r, t.reasons[r]]) }),
      selectField({ id: "terminate-initiator", name: "initiatedBy", label: t.initiatedBy, required: true, blank: t.chooseInitiator,
        options: ["MENTOR", "MENTEE", "BOTH", ...(env.admin ? ["ORGANISER"] : [])].map((i) => [i, t.initiatorsCap[i]]) })];
  return form("terminate", env, [
    ...fields,
    textField({ id: "terminate-note", name: "note", label: t.note, multiline: true }),
    dateField({ id: "terminate-on", name: "terminatedOn", label: t.terminatedOnField, value: todayIso() }),
  ], (read) => ({
    reason: organiserOnly ? "ORGANISER_DECISION" : read.value("reason", { required: true }),
    initiatedBy: organiserOnly ? "ORGANISER" : read.value("initiatedBy", { required: true }),
    note: read.text("note"),
    terminatedOn: read.date("terminatedOn"),
  }), "/terminate");
}

function evaluateForm(env) {
  const left = env.admin && !env.party ? PARTIES.filter((p) => !env.evaluated.has(p)) : PARTIES;
  return form("evaluate", env, [
    sideField(env, "by", t.evaluatedBy, left),
    selectField({ id: "evaluate-rating", name: "rating", label: t.ratingField, hint: t.ratingHint, required: true, blank: t.chooseRating,
      options: [5, 4, 3, 2, 1].map((n) => [String(n), t.ratingOption(n)]) }),
    selectField({ id: "evaluate-goals-met", name: "goalsMet", label: t.goalsMet, required: true, blank: t.chooseGoalsMet,
      options: ["FULLY", "PARTLY", "NOT"].map((g) => [g, t.goalsMetOptions[g]]) }),
    textField({ id: "evaluate-comments", name: "comments", label: t.comments, hint: t.privateHint, multiline: true }),
  ], (read) => {
    const rating = read.value("rating", { required: true });
    return {
      by: env.party ?? read.value("by", { required: true }),
      rating: rating ? Number(rating) : undefined,
      goalsMet: read.value("goalsMet", { required: true }),
      comments: read.text("comments"),
    };
  }, "/evaluations");
}

/** The meetings recorded and not withdrawn since. */
function standingMeetings(entries) {
  return entries.filter((e) => e.type === "MeetingRecorded" && !withdrawn(entries, e));
}

function withdrawn(entries, meeting) {
  return meeting.type === "MeetingRecorded" && entries.some((e) => e.type === "MeetingWithdrawn"
    && e.sequence > meeting.sequence && e.data?.meetingId === meeting.data?.meetingId);
}

/** The parties whose evaluation stands: submitted, and not withdrawn since. */
function standingEvaluations(entries) {
  const by = new Set();
  for (const e of entries) {
    if (e.type === "EvaluationSubmitted") by.add(e.data?.by);
    if (e.type === "EvaluationWithdrawn") by.delete(e.data?.by);
  }
  return by;
}

const reasonField = (key) => textField({ id: `${key}-reason`, name: "reason", label: t.correctionReason,
  hint: t.correctionHint, required: true, multiline: true });

function entryLabel(e) {
  return t.entryLabel(e.sequence, t.events[e.type] ?? e.type, fmtDate(e.occurredOn));
}

function withdrawMeetingForm(env) {
  let meetingId = null;
  return form("withdrawMeeting", env, [
    selectField({ id: "withdraw-meeting", name: "meetingId", label: t.meetingToWithdraw, required: true, blank: t.chooseMeeting,
      options: env.meetings.map((e) => [e.data.meetingId, entryLabel(e)]) }),
    reasonField("withdraw-meeting"),
  ], (read) => {
    meetingId = read.value("meetingId", { required: true });
    return { reason: read.text("reason", { required: true }) };
  }, () => `/meetings/${encodeURIComponent(meetingId)}/withdraw`);
}

function correctDateForm(env) {
  return form("correctDate", env, [
    selectField({ id: "correct-entry", name: "version", label: t.entryToCorrect, required: true, blank: t.chooseEntry,
      options: env.datedEntries.map((e) => [String(e.sequence), entryLabel(e)]) }),
    dateField({ id: "correct-date", name: "correctedDate", label: t.correctedDateField, required: true }),
    reasonField("correct-date"),
  ], (read) => {
    const version = read.value("version", { required: true });
    return { version: version ? Number(version) : undefined, correctedDate: read.date("correctedDate", { required: true }),
      reason: read.text("reason", { required: true }) };
  }, "/date-corrections");
}

function reopenForm(env) {
  return form("reopen", env, [reasonField("reopen")], (read) => ({ reason: read.text("reason", { required: true }) }), "/reopen");
}

function withdrawEvaluationForm(env) {
  let by = null;
  return form("withdrawEvaluation", env, [
    selectField({ id: "withdraw-evaluation", name: "by", label: t.evaluationToWithdraw, required: true,
      options: [...env.evaluated].map((p) => [p, t.partiesCap[p]]) }),
    reasonField("withdraw-evaluation"),
  ], (read) => {
    by = read.value("by", { required: true });
    return { reason: read.text("reason", { required: true }) };
  }, () => `/evaluations/${encodeURIComponent((by ?? "").toLowerCase())}/withdraw`);
}
