package fi.mentoringledger.query.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;

/**
 * The services' answers held against the OpenAPI document both of them serve (shared-api,
 * {@code openapi/openapi.yaml}): the path and method must be in it, the status listed for that
 * operation, the content type one it names, and the body valid by its schema. The validator's
 * defaults are kept on purpose: an object member the document does not name is an error, so a field
 * a service starts to send fails here until the document has it.
 */
public final class ApiContract {

    /** Where the document is on the classpath of both services. */
    public static final String DOCUMENT = "openapi/openapi.yaml";

    private final OpenApiInteractionValidator validator;

    private ApiContract(String document) {
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(document).build();
    }

    /** The document as the services serve it. */
    public static ApiContract served() {
        return of(document());
    }

    /** Another version of the document (a test that proves what the check catches). */
    public static ApiContract of(String document) {
        return new ApiContract(document);
    }

    public static String document() {
        try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the document says of this answer to {@code method path} (the path without its query). */
    public ValidationReport check(String method, String path, int status, Map<String, List<String>> headers,
            String body) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        headers.forEach((name, values) -> {
            if (name != null && !name.startsWith(":")) {
                response.withHeader(name, values);
            }
        });
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        return validator.validateResponse(path, Request.Method.valueOf(method.toUpperCase(Locale.ROOT)),
                response.build());
    }

    /** Fails, naming every difference, unless the answer is one the document describes. */
    public void assertConforms(HttpResponse<String> response) {
        String method = response.request().method();
        String path = response.request().uri().getRawPath();
        ValidationReport report = check(method, path, response.statusCode(), response.headers().map(),
                response.body());
        if (report.hasErrors()) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + " ("
                    + response.headers().firstValue("Content-Type").orElse("no content type")
                    + ") as the OpenAPI document does not describe:\n"
                    + SimpleValidationReportFormat.getInstance().apply(report) + "\nbody: " + response.body());
        }
    }
}
