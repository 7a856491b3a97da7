package fi.mentoringledger.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * What {@link ApiContract} catches, so that ApiContractIT's passing means something: an answer the
 * document describes passes; a field, a status or a content type it does not describe fails, and so
 * does a field the document requires that the answer leaves out.
 */
class ApiContractTest {

    private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"));
    private static final Map<String, List<String>> PROBLEM = Map.of("Content-Type",
            List.of("application/problem+json"));
    private static final String RESULT = "{\"relationshipId\":\"r1\",\"stage\":\"AGREED\",\"version\":1}";

    private final ApiContract contract = ApiContract.served();

    @Test
    void theDocumentKeepsEveryPathOfTheSharedBaseline() {
        String document = ApiContract.document();
        for (String path : List.of("/api/relationships:", "/api/relationships/{id}:", "/api/relationships/{id}/history:",
                "/api/relationships/{id}/agree:", "/api/relationships/{id}/agreement-amendments:",
                "/api/relationships/{id}/meetings:", "/api/relationships/{id}/goals/{goalId}/achieve:",
                "/api/relationships/{id}/concerns:", "/api/relationships/{id}/concerns/{concernId}/resolve:",
                "/api/relationships/{id}/pause:", "/api/relationships/{id}/resume:", "/api/relationships/{id}/close:",
                "/api/relationships/{id}/terminate:", "/api/relationships/{id}/evaluations:",
                "/api/reports/outcomes:", "/api/admin/processors:", "/api/admin/replay:")) {
            assertThat(document).as("the baseline's path %s", path).contains("\n  " + path + "\n");
        }
    }

    @Test
    void anAnswerTheDocumentDescribesPasses() {
        assertThat(contract.check("POST", "/api/relationships/r1/agree", 200, JSON, RESULT).hasErrors()).isFalse();
    }

    @Test
    void aFieldTheDocumentDoesNotNameFails() {
        String withExtra = RESULT.replace("}", ",\"secret\":\"x\"}");

        assertThat(contract.check("POST", "/api/relationships/r1/agree", 200, JSON, withExtra).hasErrors()).isTrue();
    }

    @Test
    void aRequiredFieldLeftOutFails() {
        String withoutVersion = "{\"relationshipId\":\"r1\",\"stage\":\"AGREED\"}";

        assertThat(contract.check("POST", "/api/relationships/r1/agree", 200, JSON, withoutVersion).hasErrors())
                .isTrue();
    }

    @Test
    void aStatusTheOperationDoesNotListFails() {
        String problem = "{\"type\":\"about:blank\",\"title\":\"I'm a teapot\",\"status\":418,\"detail\":\"no\"}";

        assertThat(contract.check("POST", "/api/relationships/r1/agree", 418, PROBLEM, problem).hasErrors()).isTrue();
    }

    @Test
    void aContentTypeTheOperationDoesNotNameFails() {
        assertThat(contract.check("POST", "/api/relationships/r1/agree", 200,
                Map.of("Content-Type", List.of("text/html")), RESULT).hasErrors()).isTrue();
    }

    @Test
    void aFieldRemovedFromTheDocumentMakesTheSameAnswerFail() {
        String problem = "{\"type\":\"urn:mentoring-ledger:problem:stale-version\",\"title\":\"Stale version\","
                + "\"status\":412,\"detail\":\"stale\",\"instance\":\"/api/relationships/r1/agree\","
                + "\"expectedVersion\":7,\"currentVersion\":1}";
        String document = ApiContract.document();
        String withoutCurrentVersion = document.replaceFirst("\n        currentVersion: [^\n]*", "");
        assertThat(withoutCurrentVersion).isNotEqualTo(document);

        assertThat(contract.check("POST", "/api/relationships/r1/agree", 412, PROBLEM, problem).hasErrors()).isFalse();
        assertThat(ApiContract.of(withoutCurrentVersion)
                .check("POST", "/api/relationships/r1/agree", 412, PROBLEM, problem).hasErrors()).isTrue();
    }
}
