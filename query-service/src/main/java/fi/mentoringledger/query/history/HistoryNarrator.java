package fi.mentoringledger.query.history;

import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fi.mentoringledger.api.relationship.Agreement;
import fi.mentoringledger.api.relationship.AgreementAmended;
import fi.mentoringledger.api.relationship.AgreementSigned;
import fi.mentoringledger.api.relationship.ConcernRaised;
import fi.mentoringledger.api.relationship.ConcernResolved;
import fi.mentoringledger.api.relationship.EvaluationSubmitted;
import fi.mentoringledger.api.relationship.GoalAchieved;
import fi.mentoringledger.api.relationship.GoalsMet;
import fi.mentoringledger.api.relationship.Initiator;
import fi.mentoringledger.api.relationship.MeetingFormat;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.Person;
import fi.mentoringledger.api.relationship.PersonalData;
import fi.mentoringledger.api.relationship.PersonalDataErased;
import fi.mentoringledger.api.relationship.RelationshipClosed;
import fi.mentoringledger.api.relationship.RelationshipPaused;
import fi.mentoringledger.api.relationship.RelationshipResumed;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.api.relationship.RelationshipTerminated;
import fi.mentoringledger.api.relationship.TerminationReason;

/**
 * Turns one event into what the audit history shows: its business date, one readable sentence and
 * its fields. What mentor and mentee wrote for themselves (meeting notes, concern texts and
 * resolutions, evaluation comments: the {@link PersonalData} of an event that belongs to the pair,
 * not to one person) is confidential: it is kept out of the data and the sentence, goes into the
 * narration's {@code privateData} instead, and the data's {@code confidential} list names the
 * fields that held such text.
 */
class HistoryNarrator {

    /** The confidential fields of each event type, read from the events' own annotations. */
    private static final ClassValue<List<String>> CONFIDENTIAL = new ClassValue<>() {
        @Override
        protected List<String> computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            if (components == null) {
                return List.of();
            }
            return Arrays.stream(components)
                    .filter(component -> component.isAnnotationPresent(PersonalData.class)
                            && component.getAnnotation(PersonalData.class).ownerIdIn().isEmpty())
                    .map(RecordComponent::getName)
                    .toList();
        }
    };

    private final ObjectMapper json;

    HistoryNarrator(ObjectMapper json) {
        this.json = json;
    }

    /** The fields of this event type that hold the pair's private text. */
    static List<String> confidentialFields(Class<?> eventType) {
        return CONFIDENTIAL.get(eventType);
    }

    /** What the history records of an event; {@code goalDescription} looks up goals of the agreement. */
    Narration narrate(Object event, Function<String, Optional<String>> goalDescription) {
        ObjectNode data = data(event);
        ObjectNode privateData = json.createObjectNode();
        List<String> confidential = confidentialFields(event.getClass());
        for (String field : confidential) {
            JsonNode value = data.remove(field);
            if (value != null && !value.isNull() && !value.asText().isEmpty()) {
                privateData.set(field, value);
            }
        }
        if (!privateData.isEmpty()) {
            ArrayNode names = data.putArray("confidential");
            privateData.fieldNames().forEachRemaining(names::add);
        }
        return new Narration(occurredOn(event), sentence(event, goalDescription), data,
                privateData.isEmpty() ? null : privateData);
    }

    /**
     * {@code data} is for everyone who may see the relationship; {@code privateData} (null when the
     * event holds no private text) only for its mentor and mentee.
     */
    record Narration(LocalDate occurredOn, String summary, ObjectNode data, ObjectNode privateData) {
    }

    static LocalDate occurredOn(Object event) {
        if (event instanceof RelationshipStarted e) {
            return e.startedOn();
        } else if (event instanceof AgreementSigned e) {
            return e.agreedOn();
        } else if (event instanceof AgreementAmended e) {
            return e.amendedOn();
        } else if (event instanceof MeetingRecorded e) {
            return e.heldOn();
        } else if (event instanceof GoalAchieved e) {
            return e.achievedOn();
        } else if (event instanceof ConcernRaised e) {
            return e.raisedOn();
        } else if (event instanceof ConcernResolved e) {
            return e.resolvedOn();
        } else if (event instanceof RelationshipPaused e) {
            return e.pausedOn();
        } else if (event instanceof RelationshipResumed e) {
            return e.resumedOn();
        } else if (event instanceof RelationshipClosed e) {
            return e.closedOn();
        } else if (event instanceof RelationshipTerminated e) {
            return e.terminatedOn();
        } else if (event instanceof EvaluationSubmitted e) {
            return e.submittedOn();
        } else if (event instanceof PersonalDataErased e) {
            return e.erasedOn();
        }
        return null;
    }

    static String sentence(Object event, Function<String, Optional<String>> goalDescription) {
        if (event instanceof RelationshipStarted e) {
            return "Mentor " + name(e.mentor()) + " and mentee " + name(e.mentee()) + " started mentoring"
                    + on(e.startedOn())
                    + (e.programmeId() == null ? " outside any programme" : " in programme " + e.programmeId())
                    + (e.language() == null ? "" : " (language: " + e.language() + ")") + ".";
        } else if (event instanceof AgreementSigned e) {
            return "The mentoring agreement was signed" + on(e.agreedOn()) + agreement(e.agreement()) + ".";
        } else if (event instanceof AgreementAmended e) {
            return "The mentoring agreement was amended" + on(e.amendedOn()) + agreement(e.agreement()) + ".";
        } else if (event instanceof MeetingRecorded e) {
            int tasks = e.tasks().size();
            String meeting = e.format() == MeetingFormat.IN_PERSON ? "An in-person meeting"
                    : e.format() == MeetingFormat.REMOTE ? "A remote meeting" : "A meeting";
            return meeting + (e.durationMinutes() == null ? "" : " of " + e.durationMinutes() + " minutes")
                    + " was held" + on(e.heldOn())
                    + (tasks == 0 ? "" : ", setting " + count(tasks, "task")) + ".";
        } else if (event instanceof GoalAchieved e) {
            return goalDescription.apply(e.goalId())
                    .map(description -> "The goal \"" + description + "\" was achieved")
                    .orElse("Goal " + e.goalId() + " was achieved") + on(e.achievedOn()) + ".";
        } else if (event instanceof ConcernRaised e) {
            return "The " + party(e.raisedBy()) + " raised a concern" + on(e.raisedOn())
                    + (e.organiserContacted() ? "; the organiser was contacted" : "; the organiser was not contacted")
                    + ".";
        } else if (event instanceof ConcernResolved e) {
            return "Concern " + e.concernId() + " was resolved" + on(e.resolvedOn()) + ".";
        } else if (event instanceof RelationshipPaused e) {
            return "The relationship was paused" + on(e.pausedOn())
                    + (e.reason() == null || e.reason().isBlank() ? "" : " (reason: " + e.reason().strip() + ")") + ".";
        } else if (event instanceof RelationshipResumed e) {
            return "The relationship was resumed" + on(e.resumedOn()) + ".";
        } else if (event instanceof RelationshipClosed e) {
            return "The relationship was closed as completed" + on(e.closedOn())
                    + (e.continueContact() == null ? ""
                    : e.continueContact() ? "; the pair will keep in touch" : "; the pair will not keep in touch")
                    + ".";
        } else if (event instanceof RelationshipTerminated e) {
            return "The relationship was ended early" + on(e.terminatedOn()) + " because of " + reason(e.reason())
                    + (e.initiatedBy() == null ? "" : ", on the initiative of " + initiator(e.initiatedBy())) + ".";
        } else if (event instanceof EvaluationSubmitted e) {
            return "The " + party(e.by()) + " evaluated the relationship" + on(e.submittedOn()) + ": rating "
                    + e.rating() + " of 5, " + goalsMet(e.goalsMet()) + ".";
        } else if (event instanceof PersonalDataErased e) {
            return "The " + party(e.party()) + "'s personal data was erased" + on(e.erasedOn()) + ".";
        }
        return "A " + event.getClass().getSimpleName() + " event was recorded.";
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
    private static String name(Person person) {
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
