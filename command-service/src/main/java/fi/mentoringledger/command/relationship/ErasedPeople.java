package fi.mentoringledger.command.relationship;

/**
 * Whose personal data was erased. The aggregate asks when a start names people: an erased person
 * gets no new key, so what a start would write about them could never be read.
 */
@FunctionalInterface
interface ErasedPeople {

    boolean isErased(String personId);
}
