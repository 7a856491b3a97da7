package fi.mentoringledger.api.relationship;

/** A mentor or a mentee: their own id (from the programme's records) and their name, which is personal data. */
public record Person(String id, @PersonalData(ownerIdIn = "id") String name) {
}
