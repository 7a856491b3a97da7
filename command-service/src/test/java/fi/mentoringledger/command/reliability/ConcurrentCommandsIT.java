package fi.mentoringledger.command.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fi.mentoringledger.command.reliability.ConflictingWorkload.Sent;
import fi.mentoringledger.eventstore.PostgresTestDatabase;

/**
 * Sixteen clients at once against four relationships of one service: 800 commands, a third of them
 * with If-Match. Within one instance Axon's repository locks a relationship while a command runs on
 * it, so conflicting commands queue and each decides on the state the previous one left: applied
 * or refused by the rules, a stale If-Match answered 412. What is stored afterwards is a gap-free,
 * lawful history in which every event belongs to exactly one acknowledged command, and the service
 * agrees with an independent replay of it. (The race that the store itself settles, between
 * instances, is {@link TwoCommandInstancesIT}.)
 */
class ConcurrentCommandsIT {

    static final int CLIENTS = 16;
    static final int COMMANDS_PER_CLIENT = 50;
    static final int RELATIONSHIPS = 4;
    static final long SEED = Long.getLong("reliability.seed", System.nanoTime());

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    static CommandServiceInstance service;

    @BeforeAll
    static void startService() {
        service = database.closeAfterAll(CommandServiceInstance.start(database));
    }

    @Test
    void conflictingCommandsFromManyClientsLeaveAGapFreeLawfulHistoryOfAcknowledgedCommandsOnly() throws Exception {
        System.out.println("ConcurrentCommandsIT seed " + SEED + " (repeat with -Dreliability.seed=" + SEED + ")");
        ConflictingWorkload workload = new ConflictingWorkload(SEED, List.of(service.api()), "race", RELATIONSHIPS);
        workload.prepare();

        List<Sent> sent = workload.run(CLIENTS, COMMANDS_PER_CLIENT);

        WorkloadAudit.Figures figures = WorkloadAudit.verify(database, workload, sent);
        System.out.println("ConcurrentCommandsIT: " + CLIENTS + " clients, " + RELATIONSHIPS + " relationships: " + figures);
        assertThat(figures.statuses()).as("the run produced acknowledged, refused and stale commands")
                .containsKeys(200, 409, 412);
        for (String id : workload.relationshipIds()) {
            WorkloadAudit.probe(database, service.api(), service.api(), id);
        }
    }
}
