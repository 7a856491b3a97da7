package fi.mentoringledger.command.infra;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.NotBlank;

/**
 * {@code @NotBlank} as Java's {@link String#isBlank()} means it: Hibernate Validator's own check
 * trims only ASCII control characters and spaces, so a name of an ideographic or em space passed,
 * and the controller's {@code strip()} then stored it as an empty name.
 */
public class BlankAwareNotBlankValidator implements ConstraintValidator<NotBlank, CharSequence> {

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        return value != null && !value.toString().isBlank();
    }
}
