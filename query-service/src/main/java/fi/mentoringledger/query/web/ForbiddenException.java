package fi.mentoringledger.query.web;

/** The signed-in caller may not ask this (HTTP 403). */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String detail) {
        super(detail);
    }
}
