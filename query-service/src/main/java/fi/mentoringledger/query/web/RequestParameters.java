package fi.mentoringledger.query.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import fi.mentoringledger.web.InvalidRequestException;
import fi.mentoringledger.web.InvalidRequestException.FieldProblem;

/**
 * Reads query parameters as text and collects every problem, so that one 400 answer lists all
 * offending fields instead of the first one Spring's binding would stumble on.
 */
public final class RequestParameters {

    private final List<FieldProblem> problems = new ArrayList<>();

    public LocalDate date(String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "must be a real date as YYYY-MM-DD"));
            return null;
        }
    }

    public int integer(String field, String value, int defaultValue, int min, int max) {
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        String range = max == Integer.MAX_VALUE ? "at least " + min : "from " + min + " to " + max;
        try {
            int number = Integer.parseInt(value.trim());
            if (number < min || number > max) {
                problems.add(new FieldProblem(field, "must be " + range));
            }
            return number;
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(field, "must be a whole number " + range));
            return defaultValue;
        }
    }

    public <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
        return oneOf(field, value, Arrays.asList(type.getEnumConstants()), Enum::name);
    }

    public <T> T oneOf(String field, String value, List<T> choices, Function<T, String> name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        for (T choice : choices) {
            if (name.apply(choice).equals(value)) {
                return choice;
            }
        }
        problems.add(new FieldProblem(field, "must be one of "
                + choices.stream().map(name).collect(Collectors.joining(", "))));
        return null;
    }

    public String text(String field, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            problems.add(new FieldProblem(field, "must be at most " + maxLength + " characters"));
        }
        return value == null || value.isEmpty() ? null : value;
    }

    public void problem(String field, String message) {
        problems.add(new FieldProblem(field, message));
    }

    /** Throws when any parameter was invalid. */
    public void validate() {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }
}
