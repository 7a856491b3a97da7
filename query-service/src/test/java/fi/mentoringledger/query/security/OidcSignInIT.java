package fi.mentoringledger.query.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.query.support.CommandServiceProcess;
import fi.mentoringledger.query.support.QueryApp;
import fi.mentoringledger.security.TestUsers;

/**
 * A browser signs in at an OIDC provider — authorization code with PKCE — and then reads and acts
 * as the person the ID token names: the relayed command's actor is that person. The provider is a
 * small one of the test's own (authorize, token, keys), which refuses a code redeemed without the
 * verifier of its challenge.
 */
class OidcSignInIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MENTEE_ID = "p-oidc-mentee";

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    private static CommandServiceProcess commands;
    private static QueryApp query;
    private static Provider provider;

    @BeforeAll
    static void aProviderAndBothServices() throws Exception {
        provider = Provider.start();
        database.closeAfterAll(() -> provider.server.stop(0));
        commands = database.closeAfterAll(CommandServiceProcess.start(database, TestUsers.ADMIN));
        String registration = "--spring.security.oauth2.client.registration.sso.";
        String details = "--spring.security.oauth2.client.provider.sso.";
        query = database.closeAfterAll(QueryApp.start(database, commands, List.of(
                registration + "client-id=ledger",
                registration + "client-secret=" + UUID.randomUUID(),
                registration + "authorization-grant-type=authorization_code",
                registration + "redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
                registration + "scope=openid",
                details + "authorization-uri=" + provider.base + "/authorize",
                details + "token-uri=" + provider.base + "/token",
                details + "jwk-set-uri=" + provider.base + "/keys",
                details + "user-name-attribute=sub"), TestUsers.ADMIN));
    }

    @Test
    void aMenteeSignedInAtTheProviderWithPkceActsAsThemselves() throws Exception {
        String id = "oidc-" + UUID.randomUUID();
        assertThat(commands.post("/api/relationships", """
                {"relationshipId":"%s","mentor":{"id":"p-oidc-mentor","name":"Maija"},
                 "mentee":{"id":"%s","name":"Eero"},"language":"fi","startedOn":"2025-03-01"}"""
                .formatted(id, MENTEE_ID)).statusCode()).isEqualTo(201);
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> toProvider = browser.send(get(query.base() + "/oauth2/authorization/sso"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(toProvider.statusCode()).isEqualTo(302);
        String authorize = toProvider.headers().firstValue("Location").orElseThrow();
        Map<String, String> asked = parameters(URI.create(authorize).getRawQuery());
        assertThat(asked).containsEntry("code_challenge_method", "S256").containsKey("code_challenge")
                .containsEntry("response_type", "code").containsEntry("client_id", "ledger");

        HttpResponse<String> back = browser.send(get(authorize), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> signedIn = browser.send(get(back.headers().firstValue("Location").orElseThrow()),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
        assertThat(provider.redeemedWithVerifier).isTrue();

        JsonNode me = JSON.readTree(browser.send(get(query.base() + "/api/me"), HttpResponse.BodyHandlers.ofString())
                .body());
        assertThat(me.get("username").asText()).isEqualTo("eero.oidc");
        assertThat(me.get("roles").toString()).isEqualTo("[\"MENTEE\"]");
        assertThat(me.get("personId").asText()).isEqualTo(MENTEE_ID);

        browser.send(get(query.base() + "/"), HttpResponse.BodyHandlers.ofString());
        String csrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElseThrow();
        HttpResponse<String> meeting = browser.send(HttpRequest.newBuilder(URI.create(query.base()
                        + "/api/relationships/" + id + "/meetings"))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofString("{\"heldOn\":\"2025-03-10\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(meeting.statusCode()).as(meeting.body()).isEqualTo(200);
        JsonNode history = JSON.readTree(browser.send(get(query.base() + "/api/relationships/" + id
                + "/history?minVersion=1"), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(history.get("entries").get(1).get("actor").asText()).isEqualTo("eero.oidc");
    }

    @Test
    void theSignInPageIsTheDashboardsOwnAndLinksToTheProvider() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(get(query.base() + "/login"),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> anyPage = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(URI.create(query.base() + "/")).header("Accept", "text/html").GET().build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"providers\"", "href=\"/oauth2/authorization/sso\"", "name=\"_csrf\"");
        assertThat(anyPage.statusCode()).as("a browser that is not signed in is sent to that page").isEqualTo(302);
        assertThat(anyPage.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).GET().build();
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /** An OIDC provider reduced to what a sign-in needs; it signs in one person, the mentee. */
    private static final class Provider {

        final HttpServer server;
        final String base;
        final RSAKey key;
        final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();
        volatile boolean redeemedWithVerifier;

        private Provider(HttpServer server, RSAKey key) {
            this.server = server;
            this.base = "http://127.0.0.1:" + server.getAddress().getPort();
            this.key = key;
        }

        static Provider start() throws Exception {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            Provider provider = new Provider(server, new RSAKeyGenerator(2048).keyID("test-key").generate());
            server.createContext("/authorize", provider::authorize);
            server.createContext("/token", provider::token);
            server.createContext("/keys", exchange -> respond(exchange, 200,
                    new JWKSet(provider.key.toPublicJWK()).toString()));
            server.start();
            return provider;
        }

        private void authorize(HttpExchange exchange) throws IOException {
            Map<String, String> asked = parameters(exchange.getRequestURI().getRawQuery());
            String code = UUID.randomUUID().toString();
            codes.put(code, asked);
            exchange.getResponseHeaders().add("Location", asked.get("redirect_uri") + "?code=" + code + "&state="
                    + java.net.URLEncoder.encode(asked.get("state"), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        }

        private void token(HttpExchange exchange) throws IOException {
            Map<String, String> form = parameters(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            Map<String, String> asked = codes.remove(form.get("code"));
            if (asked == null || form.get("code_verifier") == null
                    || !challenge(form.get("code_verifier")).equals(asked.get("code_challenge"))) {
                respond(exchange, 400, "{\"error\":\"invalid_grant\"}");
                return;
            }
            redeemedWithVerifier = true;
            try {
                Instant now = Instant.now();
                SignedJWT idToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                        new JWTClaimsSet.Builder().issuer(base).subject("sub-eero").audience("ledger")
                                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                                .claim("nonce", asked.get("nonce")).claim("preferred_username", "eero.oidc")
                                .claim("roles", List.of("MENTEE")).claim("person_id", MENTEE_ID).build());
                idToken.sign(new RSASSASigner(key));
                respond(exchange, 200, JSON.writeValueAsString(Map.of("access_token", UUID.randomUUID().toString(),
                        "token_type", "Bearer", "expires_in", 300, "scope", "openid", "id_token", idToken.serialize())));
            } catch (Exception e) {
                respond(exchange, 500, "{\"error\":\"server_error\"}");
            }
        }

        private static String challenge(String verifier) {
            try {
                return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                        .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static void respond(HttpExchange exchange, int status, String json) throws IOException {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
