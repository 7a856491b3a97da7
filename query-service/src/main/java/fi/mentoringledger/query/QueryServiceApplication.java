package fi.mentoringledger.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

import fi.mentoringledger.eventstore.EventStoreSchema;
import fi.mentoringledger.eventstore.MetricNames;
import fi.mentoringledger.eventstore.tracing.MessageTracing;
import fi.mentoringledger.security.LedgerSecurityConfiguration;
import fi.mentoringledger.web.ApiDocumentController;

/**
 * Remembers and reports: projects the relationship events that the command-service stores into
 * read models (summaries, the audit history, report facts) and serves them over HTTP.
 */
@SpringBootApplication
@EnableScheduling
@Import({EventStoreSchema.class, MetricNames.class, MessageTracing.class, LedgerSecurityConfiguration.class,
        ApiDocumentController.class})
public class QueryServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(QueryServiceApplication.class, args);
    }
}
