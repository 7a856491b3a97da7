package fi.mentoringledger.query.relay;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import fi.mentoringledger.security.Callers;
import fi.mentoringledger.security.RelayTokens;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The pages' commands, relayed: a browser signed in here (session cookie, CSRF token) sends the
 * command API's own requests to this origin — {@code POST /api/relationships…} and
 * {@code POST /api/people/{id}/erasure} — and they reach the command-service as that user, with a
 * {@link RelayTokens} token minted for the one request. The browser never holds a token, and the
 * command-service still decides everything (rules, roles, the actor it records). Only JSON bodies
 * reach it (the security filter chain refuses others with 415): a cross-site HTML form can send none.
 * The client is Spring's, built from the auto-configured builder, so the relayed request is a span
 * of the browser's trace and carries its context ({@code traceparent}) on to the command-service.
 */
@RestController
class CommandRelay {

    private static final Logger log = LoggerFactory.getLogger(CommandRelay.class);
    /** Request headers the command API reads; nothing else (no cookie, no credentials) is passed on. */
    private static final List<String> REQUEST_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.IF_MATCH,
            "X-Correlation-Id", HttpHeaders.ACCEPT_LANGUAGE);
    private static final List<String> RESPONSE_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ETAG,
            HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER, "X-Correlation-Id");

    private final ObjectProvider<RelayTokens> tokens;
    private final URI commandService;
    private final long maxBodyBytes;
    private final RestClient http;

    CommandRelay(ObjectProvider<RelayTokens> tokens, RestClient.Builder clients,
            @Value("${mentoring.relay.command-service-url:http://127.0.0.1:8081}") URI commandService,
            @Value("${mentoring.http.max-body-size:1MB}") DataSize maxBody) {
        this.tokens = tokens;
        this.commandService = commandService;
        this.maxBodyBytes = maxBody.toBytes();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build());
        requests.setReadTimeout(Duration.ofSeconds(30));
        this.http = clients.requestFactory(requests).build();
    }

    @PostMapping(path = {"/api/relationships", "/api/relationships/**", "/api/people/*/erasure"})
    ResponseEntity<?> relay(HttpServletRequest request) throws IOException {
        RelayTokens relayTokens = tokens.getIfAvailable();
        if (relayTokens == null) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "relay-not-configured", "Commands unavailable here",
                    "this service relays no commands: mentoring.security.relay.key is not set");
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
        }
        if (body.length > maxBodyBytes) {
            return problem(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "Request too large",
                    "a command body may hold at most " + maxBodyBytes + " bytes");
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        URI target = commandService.resolve(path + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
        String bearer = "Bearer " + relayTokens.mint(Callers.require());
        try {
            RestClient.RequestBodySpec relayed = http.post().uri(target)
                    .headers(headers -> {
                        headers.set(HttpHeaders.AUTHORIZATION, bearer);
                        for (String name : REQUEST_HEADERS) {
                            String value = request.getHeader(name);
                            if (value != null) {
                                headers.set(name, value);
                            }
                        }
                    });
            if (body.length > 0) {
                // Without a body, none is sent: a byte array would go with a content type of its own
                // (application/octet-stream), which the command-service refuses.
                relayed.body(body);
            }
            return relayed.exchange((sent, answer) -> {
                ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.getStatusCode());
                for (String name : RESPONSE_HEADERS) {
                    String value = answer.getHeaders().getFirst(name);
                    if (value != null) {
                        response.header(name, value);
                    }
                }
                return response.body(answer.getBody().readAllBytes());
            });
        } catch (ResourceAccessException e) {
            if (e.getCause() instanceof ConnectException || e.getCause() instanceof HttpTimeoutException) {
                log.warn("the command-service at {} did not answer: {}", commandService, e.getCause().toString());
            } else {
                // The command may have been recorded and its answer lost: the client retries with its ids or If-Match.
                log.warn("the command-service's answer was lost: {}", String.valueOf(e.getCause()));
            }
            return unavailable();
        }
    }

    private static ResponseEntity<ProblemDetail> unavailable() {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "command-service-unavailable", "Commands unavailable",
                "the command-service cannot be reached at the moment; try again shortly (a command sent with its "
                        + "own id or If-Match is safe to repeat)");
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:mentoring-ledger:problem:" + type));
        problem.setTitle(title);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header(HttpHeaders.RETRY_AFTER, "5");
        }
        return response.body(problem);
    }
}
