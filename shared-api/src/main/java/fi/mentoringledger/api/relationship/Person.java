package fi.mentoringledger.api.relationship;

/** A mentor or a mentee: their own id (from the programme's records) and their name. */
public record Person(String id, String name) {
}
