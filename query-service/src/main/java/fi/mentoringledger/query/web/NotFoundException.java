package fi.mentoringledger.query.web;

/** Something the request names is not known to the read side (yet): answered with 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String detail) {
        super(detail);
    }
}
