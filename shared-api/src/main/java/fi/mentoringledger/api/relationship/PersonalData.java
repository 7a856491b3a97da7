package fi.mentoringledger.api.relationship;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Personal data in an event: stored encrypted with the key of the person it belongs to, so that
 * deleting that key erases it from every stored event at once (crypto-shredding). A reader without
 * the key gets {@code null}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface PersonalData {

    /**
     * The component of the same record that holds the id of the person the data belongs to. Left
     * empty, the text is the pair's — written by mentor and mentee for themselves — and belongs to
     * both participants of the relationship: erasing either of them erases it.
     */
    String ownerIdIn() default "";
}
