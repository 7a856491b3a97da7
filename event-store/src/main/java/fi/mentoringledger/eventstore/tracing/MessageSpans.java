package fi.mentoringledger.eventstore.tracing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.axonframework.messaging.Message;
import org.axonframework.tracing.Span;
import org.axonframework.tracing.SpanAttributesProvider;
import org.axonframework.tracing.SpanFactory;
import org.axonframework.tracing.SpanScope;
import org.axonframework.tracing.SpanUtils;
import org.axonframework.tracing.attributes.MetadataSpanAttributesProvider;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * Axon's spans — a command dispatched and handled, its aggregate loaded, its event published, each
 * event handled by a projection — on the service's own OpenTelemetry SDK, the one Spring Boot
 * configures and Micrometer Tracing bridges. They join the HTTP request's trace, follow its sampling
 * and exporter, and log lines written inside them carry its trace id.
 *
 * <p>The trace context travels in a message's metadata (W3C {@code traceparent}): the command
 * carries it from the request to its handler, and the event the handler records keeps it in the
 * event store, so that the query-service's projections, reading the event later in another
 * process, continue the same trace. (Axon's {@code axon-tracing-opentelemetry} does the same on
 * {@code GlobalOpenTelemetry}; it is not available from the registry this project builds from.)
 *
 * <p>A span names a message and never quotes it: its type, name and id and the aggregate's id
 * (Axon's attribute providers, {@code axon.tracing.attribute-providers}), never a metadata value
 * (the actor's name is one; the metadata provider is ignored even when configured), and of a
 * failure only the exception's type, since an exception's message may quote a value it refused.
 */
public final class MessageSpans implements SpanFactory {

    private static final TextMapGetter<Message<?>> METADATA = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Message<?> message) {
            return message.getMetaData().keySet();
        }

        @Override
        public String get(Message<?> message, String key) {
            Object value = message == null ? null : message.getMetaData().get(key);
            return value instanceof String text ? text : null;
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final List<SpanAttributesProvider> attributeProviders = new CopyOnWriteArrayList<>();

    public MessageSpans(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("fi.mentoringledger.axon");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    @Override
    public Span createRootTrace(Supplier<String> operationName) {
        SpanBuilder span = tracer.spanBuilder(operationName.get()).setSpanKind(SpanKind.INTERNAL).setNoParent();
        link(span, Context.current());
        return new MessageSpan(span);
    }

    @Override
    public Span createHandlerSpan(Supplier<String> operationName, Message<?> parentMessage, boolean isChildTrace,
            Message<?>... linkedParents) {
        Context sender = contextOf(parentMessage);
        SpanBuilder span = tracer.spanBuilder(name(operationName, parentMessage)).setSpanKind(SpanKind.CONSUMER);
        if (isChildTrace) {
            span.setParent(sender);
        } else {
            span.setNoParent();
            link(span, sender);
        }
        for (Message<?> linked : linkedParents) {
            link(span, contextOf(linked));
        }
        describe(span, parentMessage);
        return new MessageSpan(span);
    }

    @Override
    public Span createDispatchSpan(Supplier<String> operationName, Message<?> parentMessage,
            Message<?>... linkedSiblings) {
        SpanBuilder span = tracer.spanBuilder(name(operationName, parentMessage)).setSpanKind(SpanKind.PRODUCER);
        for (Message<?> sibling : linkedSiblings) {
            link(span, contextOf(sibling));
        }
        describe(span, parentMessage);
        return new MessageSpan(span);
    }

    @Override
    public Span createInternalSpan(Supplier<String> operationName) {
        return new MessageSpan(tracer.spanBuilder(operationName.get()).setSpanKind(SpanKind.INTERNAL));
    }

    @Override
    public Span createInternalSpan(Supplier<String> operationName, Message<?> message) {
        SpanBuilder span = tracer.spanBuilder(name(operationName, message)).setSpanKind(SpanKind.INTERNAL);
        describe(span, message);
        return new MessageSpan(span);
    }

    @Override
    public void registerSpanAttributeProvider(SpanAttributesProvider provider) {
        if (!(provider instanceof MetadataSpanAttributesProvider)) {
            attributeProviders.add(provider);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <M extends Message<?>> M propagateContext(M message) {
        Map<String, String> context = new HashMap<>();
        propagator.inject(Context.current(), context, (carrier, key, value) -> carrier.put(key, value));
        return context.isEmpty() ? message : (M) message.andMetaData(context);
    }

    /** The context a message carries, or the current one when it carries none. */
    private Context contextOf(Message<?> message) {
        return message == null ? Context.current() : propagator.extract(Context.current(), message, METADATA);
    }

    private static void link(SpanBuilder span, Context context) {
        SpanContext linked = io.opentelemetry.api.trace.Span.fromContext(context).getSpanContext();
        if (linked.isValid()) {
            span.addLink(linked);
        }
    }

    private static String name(Supplier<String> operationName, Message<?> message) {
        if (message == null) {
            return operationName.get();
        }
        String messageName = SpanUtils.determineMessageName(message);
        return operationName.get() + "(" + messageName.substring(messageName.lastIndexOf('.') + 1) + ")";
    }

    private void describe(SpanBuilder span, Message<?> message) {
        if (message != null) {
            attributeProviders.forEach(provider -> provider.provideForMessage(message).forEach(span::setAttribute));
        }
    }

    private static final class MessageSpan implements Span {

        private final SpanBuilder builder;
        private io.opentelemetry.api.trace.Span span;

        MessageSpan(SpanBuilder builder) {
            this.builder = builder;
        }

        @Override
        public Span start() {
            span = builder.startSpan();
            return this;
        }

        @Override
        public SpanScope makeCurrent() {
            Scope scope = started().makeCurrent();
            return scope::close;
        }

        @Override
        public void end() {
            started().end();
        }

        @Override
        public Span recordException(Throwable failure) {
            started().setStatus(StatusCode.ERROR, failure.getClass().getSimpleName())
                    .setAttribute("error.type", failure.getClass().getName());
            return this;
        }

        @Override
        public Span addAttribute(String key, String value) {
            started().setAttribute(key, value);
            return this;
        }

        private io.opentelemetry.api.trace.Span started() {
            if (span == null) {
                start();
            }
            return span;
        }
    }
}
