package fi.mentoringledger.query.report;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import fi.mentoringledger.api.relationship.TerminationReason;

/**
 * The reason schemes configured under {@code mentoring.reason-schemes} (README, "Re-coded
 * reasons"). A scheme that would miscount is refused at start, naming what is wrong: a reason in no
 * category (its terminations would vanish from the funder's figures) or in two (they would count
 * twice), a category without a name, two schemes or categories of one name.
 */
@Component
public class ReasonSchemes {

    static final String PROPERTY = "mentoring.reason-schemes";
    /** A scheme's name is a query parameter's value: plain enough to type and to read in a URL. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final int MAX_CATEGORY_LENGTH = 100;

    private final Map<String, ReasonScheme> schemes = new LinkedHashMap<>();

    @Autowired
    ReasonSchemes(Environment environment) {
        this(Binder.get(environment).bind(PROPERTY, Bindable.listOf(ReasonScheme.class)).orElse(List.of()));
    }

    ReasonSchemes(List<ReasonScheme> configured) {
        for (ReasonScheme scheme : configured) {
            check(scheme);
            if (schemes.put(scheme.name(), scheme) != null) {
                throw refused(scheme.name(), "two schemes have this name");
            }
        }
    }

    public List<ReasonScheme> all() {
        return new ArrayList<>(schemes.values());
    }

    public Optional<ReasonScheme> named(String name) {
        return Optional.ofNullable(schemes.get(name));
    }

    private static void check(ReasonScheme scheme) {
        if (scheme.name() == null || !NAME.matcher(scheme.name()).matches()) {
            throw refused(scheme.name(), "a scheme's name is 1-40 of a-z, 0-9 and '-', starting with a letter or digit");
        }
        if (scheme.categories() == null || scheme.categories().isEmpty()) {
            throw refused(scheme.name(), "it has no categories");
        }
        Set<String> names = new HashSet<>();
        Set<TerminationReason> placed = EnumSet.noneOf(TerminationReason.class);
        for (ReasonScheme.Category category : scheme.categories()) {
            if (category.name() == null || category.name().isBlank() || category.name().length() > MAX_CATEGORY_LENGTH) {
                throw refused(scheme.name(), "a category needs a name of 1-" + MAX_CATEGORY_LENGTH + " characters");
            }
            if (!names.add(category.name())) {
                throw refused(scheme.name(), "two categories are named '" + category.name() + "'");
            }
            for (TerminationReason reason : category.reasons() == null ? List.<TerminationReason>of() : category.reasons()) {
                if (!placed.add(reason)) {
                    throw refused(scheme.name(), reason + " is in two categories");
                }
            }
        }
        Set<TerminationReason> missing = EnumSet.allOf(TerminationReason.class);
        missing.removeAll(placed);
        if (!missing.isEmpty()) {
            throw refused(scheme.name(), "no category holds " + missing);
        }
    }

    private static IllegalStateException refused(String scheme, String why) {
        return new IllegalStateException(PROPERTY + ": scheme '" + scheme + "' is refused: " + why);
    }
}
