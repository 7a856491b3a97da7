package fi.mentoringledger.eventstore;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * How both services name their meters: in snake_case, as Prometheus expects and promtool checks.
 * Axon's message metrics come as {@code commandBus.successTimer} with a {@code payloadType} label
 * and become {@code axon_command_bus_success_seconds} with {@code payload_type}, with their origin
 * as help text ({@link #axonName}); Spring
 * Security's filter-chain counters carry the filters' class names, which become snake_case too.
 * Names that are snake_case already are left as they are.
 */
@Configuration(proxyBeanMethods = false)
public class MetricNames {

    /** The components Axon's micrometer module names its meters after. */
    private static final List<String> AXON_COMPONENTS = List.of("commandBus", "eventBus", "eventStore",
            "eventProcessor", "queryBus", "queryUpdateEmitter");
    private static final Pattern WORD_BOUNDARY = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");

    @Bean
    MeterFilter snakeCaseMeterNames() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                Tags tags = Tags.of(id.getTags().stream()
                        .map(tag -> Tag.of(snakeCase(tag.getKey()), tag.getValue()))
                        .toList());
                if (AXON_COMPONENTS.stream().noneMatch(component -> id.getName().startsWith(component + "."))) {
                    return id.withName(snakeCase(id.getName())).replaceTags(tags);
                }
                return new Meter.Id(axonName(id.getName()), tags, id.getBaseUnit(),
                        id.getDescription() != null ? id.getDescription() : "Axon's " + id.getName(), id.getType());
            }
        };
    }

    /**
     * {@code eventProcessor.successCounter} counts messages: {@code axon.event_processor.success.messages}
     * ({@code _total}); {@code eventProcessor.successTimer} times them: {@code axon.event_processor.success}
     * ({@code _seconds}). Prometheus takes neither the type nor the unit in a name.
     */
    static String axonName(String name) {
        String renamed = name.endsWith("Counter") ? name.substring(0, name.length() - "Counter".length()) + ".messages"
                : name.endsWith("Timer") ? name.substring(0, name.length() - "Timer".length())
                : name;
        return "axon." + snakeCase(renamed);
    }

    static String snakeCase(String name) {
        return WORD_BOUNDARY.matcher(name).replaceAll("_").toLowerCase(Locale.ROOT);
    }
}
