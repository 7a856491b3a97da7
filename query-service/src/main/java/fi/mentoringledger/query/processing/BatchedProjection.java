package fi.mentoringledger.query.processing;

/**
 * A projection whose event handlers write nothing themselves: they read and change rows in its
 * {@link BatchRows}, which writes a batch's changes just before the batch's transaction commits
 * (with the processor's token), or after each event while a batch is searched for its poison event.
 */
public interface BatchedProjection extends GenerationalProjection {

    BatchRows rows();
}
