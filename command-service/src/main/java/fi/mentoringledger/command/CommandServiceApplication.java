package fi.mentoringledger.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

import fi.mentoringledger.eventstore.EventStoreSchema;

/** Decides: takes commands over HTTP, lets the Relationship aggregate judge them, stores the events. */
@SpringBootApplication
@Import(EventStoreSchema.class)
public class CommandServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommandServiceApplication.class, args);
    }
}
