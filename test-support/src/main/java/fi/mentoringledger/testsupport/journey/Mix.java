package fi.mentoringledger.testsupport.journey;

import static fi.mentoringledger.api.relationship.LifecycleAction.AGREE;
import static fi.mentoringledger.api.relationship.LifecycleAction.AMEND_AGREEMENT;
import static fi.mentoringledger.api.relationship.LifecycleAction.CLOSE;
import static fi.mentoringledger.api.relationship.LifecycleAction.MARK_GOAL_ACHIEVED;
import static fi.mentoringledger.api.relationship.LifecycleAction.PAUSE;
import static fi.mentoringledger.api.relationship.LifecycleAction.RAISE_CONCERN;
import static fi.mentoringledger.api.relationship.LifecycleAction.RECORD_MEETING;
import static fi.mentoringledger.api.relationship.LifecycleAction.RESOLVE_CONCERN;
import static fi.mentoringledger.api.relationship.LifecycleAction.RESUME;
import static fi.mentoringledger.api.relationship.LifecycleAction.SUBMIT_EVALUATION;
import static fi.mentoringledger.api.relationship.LifecycleAction.TERMINATE;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import fi.mentoringledger.api.relationship.LifecycleAction;

/**
 * Which way through the lifecycle each relationship of a population takes, as the actions after
 * its start; {@link Journeys} fills in the days and the details. A path may name a goal or a
 * concern action when none is left to take: the walk then leaves it out.
 */
public enum Mix {

    /**
     * Every kind of path in turn, the n-th relationship the n-th of eleven: open in each open stage,
     * closed with and without a pause or an amendment, terminated from each open stage, evaluated or
     * not, with and without concerns (addressed to the organiser or not). For tests that must meet
     * every case in a small population.
     */
    EVERY_PATH {
        private static final int PATHS = 11;

        @Override
        List<LifecycleAction> path(int index, Random random) {
            List<LifecycleAction> path = new ArrayList<>();
            int kind = index % PATHS;
            switch (kind) {
                case 0 -> add(path, random.nextBoolean(), RECORD_MEETING);
                case 1 -> path.add(TERMINATE);
                case 2 -> {
                    path.add(AGREE);
                    maybeConcern(path, random);
                }
                case 3 -> add(path, AGREE, TERMINATE);
                case 4 -> add(path, AGREE, PAUSE);
                case 5 -> add(path, AGREE, PAUSE, RESUME, RECORD_MEETING, PAUSE, TERMINATE);
                default -> {
                    path.add(AGREE);
                    path.addAll(Collections.nCopies(1 + random.nextInt(4), RECORD_MEETING));
                    add(path, random.nextBoolean(), MARK_GOAL_ACHIEVED);
                    switch (kind) {
                        case 6 -> maybeConcern(path, random);
                        case 7 -> path.add(TERMINATE);
                        case 8 -> add(path, PAUSE, RESUME, RECORD_MEETING, CLOSE);
                        case 9 -> add(path, AMEND_AGREEMENT, RECORD_MEETING, CLOSE);
                        default -> add(path, PAUSE, AMEND_AGREEMENT, TERMINATE);
                    }
                    if (kind >= 7) {
                        add(path, random.nextInt(3) > 0, SUBMIT_EVALUATION);
                        add(path, random.nextBoolean(), SUBMIT_EVALUATION);
                    }
                }
            }
            return path;
        }

        private void maybeConcern(List<LifecycleAction> path, Random random) {
            if (random.nextBoolean()) {
                path.add(RAISE_CONCERN);
                add(path, random.nextBoolean(), RESOLVE_CONCERN);
            }
        }
    },

    /**
     * A realistic mix (DOMAIN.md): a few ended before agreeing; otherwise agreed, two to eight
     * meetings, goals achieved, sometimes a concern, a pause or an amendment, then mostly closed,
     * sometimes ended early, sometimes still in progress; evaluations after the end. About eleven
     * events a relationship, for a load with the command mix of a real programme.
     */
    REALISTIC {
        @Override
        List<LifecycleAction> path(int index, Random random) {
            List<LifecycleAction> path = new ArrayList<>();
            if (random.nextInt(100) < 8) {
                path.add(TERMINATE);
                return evaluations(path, random);
            }
            path.add(AGREE);
            int meetings = 2 + random.nextInt(7);
            boolean concern = random.nextInt(100) < 25;
            boolean pause = random.nextInt(100) < 15;
            boolean amend = random.nextInt(100) < 10;
            for (int m = 1; m <= meetings; m++) {
                path.add(RECORD_MEETING);
                add(path, m == 1 && concern, RAISE_CONCERN);
                add(path, m == 2 && concern, RESOLVE_CONCERN);
                add(path, m == 2 && pause, PAUSE, RESUME);
                add(path, m == 2 && amend, AMEND_AGREEMENT);
                add(path, m == meetings / 2 + 1 && random.nextInt(100) < 70, MARK_GOAL_ACHIEVED);
            }
            add(path, random.nextBoolean(), MARK_GOAL_ACHIEVED);
            int ending = random.nextInt(100);
            if (ending < 65) {
                path.add(CLOSE);
                evaluations(path, random);
            } else if (ending < 92) {
                path.add(TERMINATE);
                evaluations(path, random);
            }
            return path;
        }

        private List<LifecycleAction> evaluations(List<LifecycleAction> path, Random random) {
            add(path, random.nextInt(100) < 80, SUBMIT_EVALUATION);
            add(path, random.nextInt(100) < 70, SUBMIT_EVALUATION);
            return path;
        }
    };

    /** The actions after the start of the {@code index}-th relationship of a population. */
    abstract List<LifecycleAction> path(int index, Random random);

    private static void add(List<LifecycleAction> path, LifecycleAction... actions) {
        add(path, true, actions);
    }

    private static void add(List<LifecycleAction> path, boolean when, LifecycleAction... actions) {
        if (when) {
            path.addAll(List.of(actions));
        }
    }
}
