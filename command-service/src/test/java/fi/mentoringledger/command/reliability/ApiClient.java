package fi.mentoringledger.command.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fi.mentoringledger.security.TestUsers;

/**
 * A plain HTTP client of one command-service, as an outside client sees it, signed in as the
 * tests' admin unless a request says otherwise. Thread-safe.
 */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final int port;

    ApiClient(int port) {
        this.port = port;
    }

    int port() {
        return port;
    }

    /** A response: the status, the body (parsed when it is JSON), the headers. */
    record Answer(int status, String text, HttpHeaders headers) {

        JsonNode body() {
            try {
                return text.isEmpty() ? JSON.nullNode() : JSON.readTree(text);
            } catch (JsonProcessingException e) {
                return JSON.nullNode();
            }
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** POST of a JSON body; headers as name, value pairs. */
    Answer post(String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    Answer send(HttpRequest request) {
        HttpRequest signedIn = request.headers().firstValue("Authorization").isPresent() ? request
                : HttpRequest.newBuilder(request, (name, value) -> true)
                        .header("Authorization", TestUsers.ADMIN.authorization()).build();
        try {
            HttpResponse<String> response = HTTP.send(signedIn, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
