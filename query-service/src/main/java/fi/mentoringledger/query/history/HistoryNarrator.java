package fi.mentoringledger.query.history;

import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fi.mentoringledger.api.relationship.Agreement;
import fi.mentoringledger.api.relationship.AgreementAmended;
import fi.mentoringledger.api.relationship.AgreementSigned;
import fi.mentoringledger.api.relationship.BusinessDate;
import fi.mentoringledger.api.relationship.ConcernRaised;
import fi.mentoringledger.api.relationship.ConcernResolved;
import fi.mentoringledger.api.relationship.DateCorrected;
import fi.mentoringledger.api.relationship.EvaluationSubmitted;
import fi.mentoringledger.api.relationship.EvaluationWithdrawn;
import fi.mentoringledger.api.relationship.GoalAchieved;
import fi.mentoringledger.api.relationship.GoalsMet;
import fi.mentoringledger.api.relationship.Initiator;
import fi.mentoringledger.api.relationship.MeetingFormat;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.MeetingWithdrawn;
import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.Person;
import fi.mentoringledger.api.relationship.PersonalData;
import fi.mentoringledger.api.relationship.PersonalDataErased;
import fi.mentoringledger.api.relationship.RelationshipClosed;
import fi.mentoringledger.api.relationship.RelationshipEvent;
import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.api.relationship.RelationshipPaused;
import fi.mentoringledger.api.relationship.RelationshipReopened;
import fi.mentoringledger.api.relationship.RelationshipResumed;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.api.relationship.RelationshipTerminated;
import fi.mentoringledger.api.relationship.TerminationReason;

/**
 * Turns one event into what the audit history shows: its business date, one readable sentence and
 * its fields. DOMAIN.md, "Confidentiality": what mentor and mentee wrote for themselves (meeting
 * notes, evaluation comments, a concern and its resolution unless the pair addressed the concern to
 * the organiser: {@link PersonalData#privateToThePair()}) is confidential: it is kept out of the
 * data, goes into the narration's {@code privateData} instead, and the data's {@code confidential}
 * list names the fields that held such text. Personal text (goals, tasks, notes, reasons) stays in
 * the data, for whoever may see the relationship. The sentence holds facts only, so that erasing
 * the text never leaves a sentence that still quotes it.
 */
class HistoryNarrator {

    /** A private text and the boolean component that, when true, shares it (none: always private). */
    private record PrivateField(String name, String sharedWhenTrueIn) {
    }

    /** The private fields of each event type, read from the events' own annotations. */
    private static final ClassValue<List<PrivateField>> PRIVATE = new ClassValue<>() {
        @Override
        protected List<PrivateField> computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            if (components == null) {
                return List.of();
            }
            return Arrays.stream(components)
                    .filter(component -> component.isAnnotationPresent(PersonalData.class)
                            && component.getAnnotation(PersonalData.class).privateToThePair())
                    .map(component -> new PrivateField(component.getName(),
                            component.getAnnotation(PersonalData.class).sharedWhenTrueIn()))
                    .toList();
        }
    };

    private final ObjectMapper json;

    HistoryNarrator(ObjectMapper json) {
        this.json = json;
    }

    /** The fields of this event type that may hold the pair's private text. */
    static List<String> confidentialFields(Class<?> eventType) {
        return PRIVATE.get(eventType).stream().map(PrivateField::name).toList();
    }

    /**
     * What the history records of an event. {@code addressedToOrganiser} tells whether the concern
     * of that id was raised for the organiser: a resolution is as private as its concern.
     */
    Narration narrate(Object event, Predicate<String> addressedToOrganiser) {
        ObjectNode data = data(event);
        ObjectNode privateData = json.createObjectNode();
        for (PrivateField field : PRIVATE.get(event.getClass())) {
            if (shared(event, data, field, addressedToOrganiser)) {
                continue;
            }
            JsonNode value = data.remove(field.name());
            if (value != null && !value.isNull() && !value.asText().isEmpty()) {
                privateData.set(field.name(), value);
            }
        }
        if (!privateData.isEmpty()) {
            ArrayNode names = data.putArray("confidential");
            privateData.fieldNames().forEachRemaining(names::add);
        }
        return new Narration(occurredOn(event), sentenceToStore(event), data,
                privateData.isEmpty() ? null : privateData);
    }

    private static boolean shared(Object event, ObjectNode data, PrivateField field,
            Predicate<String> addressedToOrganiser) {
        if (event instanceof ConcernResolved resolved) {
            return addressedToOrganiser.test(resolved.concernId());
        }
        return !field.sharedWhenTrueIn().isEmpty() && data.path(field.sharedWhenTrueIn()).asBoolean(false);
    }

    /**
     * {@code data} is for everyone who may see the relationship; {@code privateData} (null when the
     * event holds no private text) only for its mentor and mentee.
     */
    record Narration(LocalDate occurredOn, String summary, ObjectNode data, ObjectNode privateData) {
    }

    /** The event's business date: the day it happened, as the person who recorded it said. */
    static LocalDate occurredOn(Object event) {
        return event instanceof RelationshipEvent known ? BusinessDate.of(known) : null;
    }

    /**
     * The sentence as the history keeps it: the start's without the names, which are personal data
     * and kept sealed ({@link AuditHistory} tells the start with its names, as {@link #sentence}).
     */
    static String sentenceToStore(Object event) {
        return event instanceof RelationshipStarted started ? Sentence.started("A mentor and a mentee", started)
                : sentence(event);
    }

    /** The start event again from its entry's data, as read (a name is null once its person is erased). */
    static RelationshipStarted startedFrom(String relationshipId, JsonNode data) {
        return new RelationshipStarted(RelationshipId.of(relationshipId), text(data, "programmeId"),
                person(data.get("mentor")), person(data.get("mentee")), text(data, "language"),
                data.hasNonNull("startedOn") ? LocalDate.parse(data.get("startedOn").asText()) : null);
    }

    private static Person person(JsonNode person) {
        return person == null || person.isNull() ? null : new Person(text(person, "id"), text(person, "name"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** One readable sentence of facts (no text anyone wrote: an erasure never leaves one quoting it). */
    static String sentence(Object event) {
        return event instanceof RelationshipEvent known ? known.accept(Sentence.INSTANCE)
                : "A " + event.getClass().getSimpleName() + " event was recorded.";
    }

    private enum Sentence implements RelationshipEvent.Visitor<String> {
        INSTANCE;

        @Override
        public String visit(RelationshipStarted e) {
            return started("Mentor " + nameOf(e.mentor()) + " and mentee " + nameOf(e.mentee()), e);
        }

        /** The start's facts after who started ({@link #sentenceToStore} leaves the names out). */
        static String started(String who, RelationshipStarted e) {
            return who + " started mentoring" + on(e.startedOn())
                    + (e.programmeId() == null ? " outside any programme" : " in programme " + e.programmeId())
                    + (e.language() == null ? "" : " (language: " + e.language() + ")") + ".";
        }

        @Override
        public String visit(AgreementSigned e) {
            return "The mentoring agreement was signed" + on(e.agreedOn()) + agreement(e.agreement()) + ".";
        }

        @Override
        public String visit(AgreementAmended e) {
            return "The mentoring agreement was amended" + on(e.amendedOn()) + agreement(e.agreement()) + ".";
        }

        @Override
        public String visit(MeetingRecorded e) {
            String meeting = e.format() == MeetingFormat.IN_PERSON ? "An in-person meeting"
                    : e.format() == MeetingFormat.REMOTE ? "A remote meeting" : "A meeting";
            return meeting + (e.durationMinutes() == null ? "" : " of " + e.durationMinutes() + " minutes")
                    + " was held" + on(e.heldOn()) + ".";
        }

        @Override
        public String visit(GoalAchieved e) {
            return "Goal " + e.goalId() + " was achieved" + on(e.achievedOn()) + ".";
        }

        @Override
        public String visit(ConcernRaised e) {
            return "The " + party(e.raisedBy()) + " raised a concern" + on(e.raisedOn())
                    + (e.organiserContacted() ? "; the organiser was contacted" : "; the organiser was not contacted")
                    + ".";
        }

        @Override
        public String visit(ConcernResolved e) {
            return "Concern " + e.concernId() + " was resolved" + on(e.resolvedOn()) + ".";
        }

        @Override
        public String visit(RelationshipPaused e) {
            return "The relationship was paused" + on(e.pausedOn()) + ".";
        }

        @Override
        public String visit(RelationshipResumed e) {
            return "The relationship was resumed" + on(e.resumedOn()) + ".";
        }

        @Override
        public String visit(RelationshipClosed e) {
            return "The relationship was closed as completed" + on(e.closedOn())
                    + (e.continueContact() == null ? ""
                    : e.continueContact() ? "; the pair will keep in touch" : "; the pair will not keep in touch")
                    + ".";
        }

        @Override
        public String visit(RelationshipTerminated e) {
            return "The relationship was ended early" + on(e.terminatedOn()) + " because of " + reason(e.reason())
                    + (e.initiatedBy() == null ? "" : ", on the initiative of " + initiator(e.initiatedBy())) + ".";
        }

        @Override
        public String visit(EvaluationSubmitted e) {
            return "The " + party(e.by()) + " evaluated the relationship" + on(e.submittedOn()) + ": rating "
                    + e.rating() + " of 5, " + goalsMet(e.goalsMet()) + ".";
        }

        @Override
        public String visit(PersonalDataErased e) {
            return "The " + party(e.party()) + "'s personal data was erased" + on(e.erasedOn()) + ".";
        }

        /** A correction names what it corrects; its reason is personal data, shown with the entry's data. */
        @Override
        public String visit(MeetingWithdrawn e) {
            return "Meeting " + e.meetingId() + " was withdrawn as recorded by mistake"
                    + (e.backToAgreed() ? "; the relationship is back to agreed." : ".");
        }

        @Override
        public String visit(DateCorrected e) {
            return "The date of entry " + e.correctedVersion() + " (" + e.correctedEvent() + ") was corrected from "
                    + e.previousDate() + " to " + e.correctedDate() + ".";
        }

        @Override
        public String visit(RelationshipReopened e) {
            return "The relationship was reopened as ended by mistake, in stage " + e.reopenedIn() + ".";
        }

        @Override
        public String visit(EvaluationWithdrawn e) {
            return "The " + party(e.by()) + "'s evaluation was withdrawn as submitted by mistake.";
        }
    }

    /** The event's fields, with the relationship id as plain text. */
    private ObjectNode data(Object event) {
        JsonNode tree = json.valueToTree(event);
        ObjectNode data = tree instanceof ObjectNode object ? object : json.createObjectNode();
        JsonNode relationshipId = data.get("relationshipId");
        if (relationshipId != null && relationshipId.has("value")) {
            data.put("relationshipId", relationshipId.get("value").asText());
        }
        return data;
    }

    private static String agreement(Agreement agreement) {
        if (agreement == null) {
            return "";
        }
        String goals = " with " + count(agreement.goals().size(), "goal");
        return agreement.plannedEndOn() == null ? goals : goals + ", planned to end on " + agreement.plannedEndOn();
    }

    private static String on(LocalDate date) {
        return date == null ? "" : " on " + date;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** A name is required to start, so a missing one was erased (its person's key is gone). */
    private static String nameOf(Person person) {
        return person == null || person.name() == null ? "(erased)" : person.name();
    }

    private static String party(Party party) {
        return party == null ? "participant" : party.name().toLowerCase(Locale.ROOT);
    }

    private static String initiator(Initiator initiator) {
        return switch (initiator) {
            case MENTOR -> "the mentor";
            case MENTEE -> "the mentee";
            case BOTH -> "both";
            case ORGANISER -> "the organiser";
        };
    }

    private static String reason(TerminationReason reason) {
        if (reason == null) {
            return "an unstated reason";
        }
        return switch (reason) {
            case LACK_OF_TIME -> "lack of time";
            case MISMATCH -> "a mismatch";
            case LOST_CONTACT -> "lost contact";
            case RELOCATION -> "relocation";
            case HEALTH_OR_FAMILY -> "health or family reasons";
            case CHANGE_OF_GOALS -> "a change of goals";
            case ORGANISER_DECISION -> "an organiser's decision";
            case OTHER -> "another reason";
        };
    }

    private static String goalsMet(GoalsMet goalsMet) {
        if (goalsMet == null) {
            return "goals not assessed";
        }
        return switch (goalsMet) {
            case FULLY -> "goals fully met";
            case PARTLY -> "goals partly met";
            case NOT -> "goals not met";
        };
    }
}
