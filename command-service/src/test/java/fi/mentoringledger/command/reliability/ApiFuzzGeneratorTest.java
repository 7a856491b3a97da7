package fi.mentoringledger.command.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fuzz test's own generator: a body it calls "malformed JSON" must really be malformed.
 * CI once failed because a comma doubled inside a text value (one that itself held commas) left
 * valid JSON, which the service rightly accepted.
 */
class ApiFuzzGeneratorTest {

    /** Reads JSON as strictly as the command-service does (application.yml: fail-on-trailing-tokens). */
    static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Test
    void aMalformedBodyNeverParsesAsAJsonObject() {
        String withCommasAndColonsInText = "{\"resolution\":\"{\\\"sealed\\\":\\\"pd2\\\",\\\"keys\\\":[1,2],\\\"a\\\":1}\",\"n\":1}";
        Random random = new Random(42);
        List<String> parsedAsObject = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            String malformed = ApiFuzzIT.malformed(random, withCommasAndColonsInText);
            if (ApiFuzzIT.parsesAsObject(malformed)) {
                parsedAsObject.add(malformed);
            }
        }
        assertThat(parsedAsObject).isEmpty();
    }
}
