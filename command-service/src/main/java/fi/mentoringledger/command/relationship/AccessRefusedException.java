package fi.mentoringledger.command.relationship;

/** The caller may see the relationship but not do this to it (HTTP 403). Nothing was recorded. */
public class AccessRefusedException extends RuntimeException {

    AccessRefusedException(String detail) {
        super(detail);
    }
}
