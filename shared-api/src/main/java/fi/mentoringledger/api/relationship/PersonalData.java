package fi.mentoringledger.api.relationship;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Personal data in an event: stored encrypted with the key of the person it belongs to, so that
 * deleting that key erases it from every stored event at once (crypto-shredding). A reader without
 * the key gets {@code null}. Text, a list of texts, or a component of a record nested in the event
 * (also in a list of them: the goals of an agreement).
 * <p>
 * DOMAIN.md, "Confidentiality", names three kinds of data: facts (not marked), personal data
 * (marked; whoever may see the relationship reads it) and the pair's private text (marked
 * {@link #privateToThePair()}; only the mentor and the mentee read it). Both marked kinds are
 * erased with their person.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface PersonalData {

    /**
     * The component of the same record that holds the id of the person the data belongs to. Left
     * empty, the text is the pair's — written by mentor and mentee, or an organiser, about their
     * relationship — and belongs to both participants: erasing either of them erases it.
     */
    String ownerIdIn() default "";

    /** Private to the pair: read by its mentor and mentee only, never by organisers or admins. */
    boolean privateToThePair() default false;

    /**
     * For private text, a boolean component of the same record which, when true, makes the text
     * readable by whoever may see the relationship: a concern the pair addressed to the organiser.
     */
    String sharedWhenTrueIn() default "";
}
