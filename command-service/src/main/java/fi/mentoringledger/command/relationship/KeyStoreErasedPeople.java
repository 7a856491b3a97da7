package fi.mentoringledger.command.relationship;

import org.springframework.stereotype.Component;

import fi.mentoringledger.eventstore.personaldata.PersonalDataKeys;

/** The erasures the key store recorded; Axon hands this bean to the aggregate's start handler. */
@Component
class KeyStoreErasedPeople implements ErasedPeople {

    private final PersonalDataKeys keys;

    KeyStoreErasedPeople(PersonalDataKeys keys) {
        this.keys = keys;
    }

    @Override
    public boolean isErased(String personId) {
        return keys.erasure(personId).isPresent();
    }
}
