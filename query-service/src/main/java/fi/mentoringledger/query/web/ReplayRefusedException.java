package fi.mentoringledger.query.web;

/** A replay that cannot start now (for instance, another node still holds the processor's tokens). */
public class ReplayRefusedException extends RuntimeException {

    public ReplayRefusedException(String detail, Throwable cause) {
        super(detail, cause);
    }
}
