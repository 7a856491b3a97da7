package fi.mentoringledger.query.report;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fi.mentoringledger.api.relationship.TerminationReason;

/**
 * Another scheme of termination reasons, such as a funder's categories: each of the ledger's
 * reasons belongs to exactly one category ({@link ReasonSchemes} checks that at start). Reports
 * re-code their counts of terminations by reason through it, so any report of any period can be
 * told in the funder's terms without a single event being changed.
 *
 * @param categories in the order configured, which reports keep
 */
public record ReasonScheme(String name, List<Category> categories) {

    /** A category and the reasons it holds. */
    public record Category(String name, List<TerminationReason> reasons) {
    }

    /** The terminations per category, every category listed (0 where none), in the scheme's order. */
    public Map<String, Long> recode(Map<TerminationReason, Long> terminationsByReason) {
        Map<TerminationReason, String> categoryOf = new EnumMap<>(TerminationReason.class);
        Map<String, Long> byCategory = new LinkedHashMap<>();
        for (Category category : categories) {
            category.reasons().forEach(reason -> categoryOf.put(reason, category.name()));
            byCategory.put(category.name(), 0L);
        }
        terminationsByReason.forEach((reason, count) -> byCategory.merge(categoryOf.get(reason), count, Long::sum));
        return byCategory;
    }
}
