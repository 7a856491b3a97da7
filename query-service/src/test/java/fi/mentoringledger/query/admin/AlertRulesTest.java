package fi.mentoringledger.query.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import fi.mentoringledger.eventstore.Promtool;

/**
 * The alert rules in ops/prometheus (README, Operations) are valid, and fire when they should and
 * not otherwise: their unit tests, alerts-test.yml, run by Prometheus' own promtool; and the
 * example scrape configuration beside them is valid.
 */
class AlertRulesTest {

    private static final String RULES = "../ops/prometheus/alerts.yml";
    private static final String RULE_TESTS = "../ops/prometheus/alerts-test.yml";

    @Test
    void theRulesAreValid() {
        Promtool.Result result = Promtool.run(null, "check", "rules", RULES);
        assertThat(result.ok()).as(result.output()).isTrue();
        assertThat(result.output()).contains("SUCCESS: 3 rules found");
    }

    @Test
    void theExampleScrapeConfigurationIsValid() {
        Promtool.Result result = Promtool.run(null, "check", "config", "../ops/prometheus/prometheus.yml");
        assertThat(result.ok()).as(result.output()).isTrue();
    }

    @Test
    void theRulesFireWhenTheirUnitTestsSay() {
        Promtool.Result result = Promtool.run(null, "test", "rules", RULE_TESTS);
        assertThat(result.ok()).as(result.output()).isTrue();
        assertThat(result.output()).contains("SUCCESS");
    }
}
