package fi.mentoringledger.query.report.retention;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.query.report.CorrectedHistory;
import fi.mentoringledger.query.report.GroupBy;
import fi.mentoringledger.query.report.RecordedHistories;
import fi.mentoringledger.query.report.Recorded;
import fi.mentoringledger.query.report.ReportFilter;
import fi.mentoringledger.query.report.Timeline;

/**
 * The retention report, computed from the events: each covered relationship's history from the
 * event store ({@link RecordedHistories}), its corrections applied ({@link CorrectedHistory}), read
 * as the stages, meetings and end it went through by business dates ({@link Timeline}). The intake
 * (the start date a filter and a grouping read) is the corrected start.
 */
@Component
public class RetentionReports {

    private final RecordedHistories histories;
    private final Clock clock;

    RetentionReports(RecordedHistories histories, Clock clock) {
        this.histories = histories;
        this.clock = clock;
    }

    public RetentionReport report(ReportFilter filter, GroupBy groupBy) {
        LocalDate today = LocalDate.now(clock);
        List<RelationshipDays> relationships = new ArrayList<>();
        histories.forEach(filter, history -> {
            RelationshipDays days = daysOf(history, today);
            if (days != null) {
                relationships.add(days);
            }
        });
        return new RetentionReport(today, groups(relationships, filter, groupBy));
    }

    /** A relationship's days as its corrected history gives them today; null for a history without a start. */
    static RelationshipDays daysOf(List<Recorded> history, LocalDate today) {
        Timeline timeline = Timeline.of(CorrectedHistory.of(history));
        return timeline == null ? null : RelationshipDays.of(timeline, today);
    }

    /**
     * The groups of the relationships the filter selects: one with a null key when {@code groupBy}
     * is null, even of nothing; else one per key found, in the keys' order, a null key last.
     */
    static List<RetentionReport.Group> groups(Collection<RelationshipDays> relationships, ReportFilter filter,
            GroupBy groupBy) {
        Map<String, List<RelationshipDays>> groups = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        if (groupBy == null) {
            groups.put(null, new ArrayList<>());
        }
        for (RelationshipDays relationship : relationships) {
            if (selects(filter, relationship)) {
                String key = groupBy == null ? null : groupBy.keyOf(relationship.programmeId(), relationship.startedOn());
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(relationship);
            }
        }
        List<RetentionReport.Group> figures = new ArrayList<>();
        groups.forEach((key, members) -> figures.add(group(key, members)));
        return figures;
    }

    static RetentionReport.Group group(String key, List<RelationshipDays> members) {
        Map<Stage, Quartiles> inStage = new EnumMap<>(Stage.class);
        for (Stage stage : RelationshipDays.OPEN_STAGES) {
            inStage.put(stage, Quartiles.of(members.stream().map(m -> m.daysInStage().get(stage))
                    .filter(Objects::nonNull).toList()));
        }
        TreeMap<Integer, Long> byMonth = new TreeMap<>();
        members.stream().map(RelationshipDays::terminationMonth).filter(Objects::nonNull)
                .forEach(month -> byMonth.merge(month, 1L, Long::sum));
        List<RetentionReport.MonthCount> months = new ArrayList<>();
        for (int month = 1; !byMonth.isEmpty() && month <= byMonth.lastKey(); month++) {
            months.add(new RetentionReport.MonthCount(month, byMonth.getOrDefault(month, 0L)));
        }
        return new RetentionReport.Group(key, members.size(), Survival.of(members),
                RetentionReport.Milestone.of(members.stream().map(RelationshipDays::daysToAgreement)
                        .filter(Objects::nonNull).toList(), members.size()),
                RetentionReport.Milestone.of(members.stream().map(RelationshipDays::daysToFirstMeeting)
                        .filter(Objects::nonNull).toList(), members.size()),
                inStage, months);
    }

    /** Whom the filter selects: the intake by the corrected start date. */
    private static boolean selects(ReportFilter filter, RelationshipDays relationship) {
        if (filter.programmeId() != null && !filter.programmeId().equals(relationship.programmeId())) {
            return false;
        }
        if (filter.visibleProgrammes() != null && (relationship.programmeId() == null
                || !filter.visibleProgrammes().contains(relationship.programmeId()))) {
            return false;
        }
        LocalDate start = relationship.startedOn();
        return (filter.startedFrom() == null || !start.isBefore(filter.startedFrom()))
                && (filter.startedTo() == null || !start.isAfter(filter.startedTo()));
    }
}
