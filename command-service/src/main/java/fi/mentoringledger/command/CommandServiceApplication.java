package fi.mentoringledger.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

import fi.mentoringledger.eventstore.EventStoreSchema;
import fi.mentoringledger.eventstore.MetricNames;
import fi.mentoringledger.eventstore.tracing.MessageTracing;
import fi.mentoringledger.security.LedgerSecurityConfiguration;
import fi.mentoringledger.web.ApiDocumentController;

/** Decides: takes commands over HTTP, lets the Relationship aggregate judge them, stores the events. */
@SpringBootApplication
@Import({EventStoreSchema.class, MetricNames.class, MessageTracing.class, LedgerSecurityConfiguration.class,
        ApiDocumentController.class})
public class CommandServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommandServiceApplication.class, args);
    }
}
