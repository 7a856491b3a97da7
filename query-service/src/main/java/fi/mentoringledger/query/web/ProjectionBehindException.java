package fi.mentoringledger.query.web;

/** A read asked for a version the read model has not reached within the wait (503, ask again). */
public class ProjectionBehindException extends RuntimeException {

    public ProjectionBehindException(long wanted, long reached) {
        super("the read model has reached version " + reached + " of this relationship, not yet " + wanted
                + "; ask again in a moment");
    }
}
