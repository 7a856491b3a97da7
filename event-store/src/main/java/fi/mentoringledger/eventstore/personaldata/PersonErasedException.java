package fi.mentoringledger.eventstore.personaldata;

/** Personal data of a person who was erased cannot be written: they get no new key. */
public class PersonErasedException extends IllegalStateException {

    private final String personId;

    public PersonErasedException(String personId) {
        super("the personal data of person " + personId + " was erased; nothing more can be recorded about them");
        this.personId = personId;
    }

    public String personId() {
        return personId;
    }
}
