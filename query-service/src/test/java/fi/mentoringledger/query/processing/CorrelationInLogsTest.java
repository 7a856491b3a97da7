package fi.mentoringledger.query.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import fi.mentoringledger.api.relationship.MetadataKeys;

class CorrelationInLogsTest {

    @AfterEach
    void clearTheLogContext() {
        MDC.clear();
    }

    @Test
    void aProjectionsLogLinesCarryTheCorrelationIdOfTheRequestThatRecordedTheEvent() throws Exception {
        List<String> seen = new ArrayList<>();
        MDC.put(MetadataKeys.CORRELATION_ID, "the processor's own");

        handle(GenericEventMessage.asEventMessage("an event")
                .withMetaData(MetaData.with(MetadataKeys.CORRELATION_ID, "request-42")), seen);

        assertThat(seen).containsExactly("request-42");
        assertThat(MDC.get(MetadataKeys.CORRELATION_ID)).as("restored after the handler").isEqualTo("the processor's own");
    }

    @Test
    void anEventWithoutOneLeavesTheLogContextAsItWas() throws Exception {
        List<String> seen = new ArrayList<>();

        handle(GenericEventMessage.asEventMessage("an old event"), seen);

        assertThat(seen).containsExactly((String) null);
        assertThat(MDC.get(MetadataKeys.CORRELATION_ID)).isNull();
    }

    private static void handle(EventMessage<?> event, List<String> seen) throws Exception {
        DefaultUnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(event);
        try {
            new DefaultInterceptorChain<>(unitOfWork, List.of(new CorrelationInLogs.EventCorrelation()), message -> {
                seen.add(MDC.get(MetadataKeys.CORRELATION_ID));
                return null;
            }).proceed();
        } finally {
            unitOfWork.commit();
        }
    }
}
