package fi.mentoringledger.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

import fi.mentoringledger.eventstore.EventStoreSchema;
import fi.mentoringledger.eventstore.MetricNames;
import fi.mentoringledger.web.ApiDocumentController;
import fi.mentoringledger.security.LedgerSecurityConfiguration;

/** Decides: takes commands over HTTP, lets the Relationship aggregate judge them, stores the events. */
@SpringBootApplication
@Import({EventStoreSchema.class, MetricNames.class, LedgerSecurityConfiguration.class, ApiDocumentController.class})
public class CommandServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommandServiceApplication.class, args);
    }
}
