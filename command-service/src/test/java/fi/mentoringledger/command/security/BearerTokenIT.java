package fi.mentoringledger.command.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import fi.mentoringledger.command.CommandServiceApplication;
import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.security.TestUsers;
import fi.mentoringledger.testsupport.ServiceClient;

/**
 * OIDC bearer tokens, as Spring Boot's resource server accepts them (here with a public key in
 * place of an issuer's JWKS): the caller's name, roles, person id and programmes come from the
 * claims {@code mentoring.security.claims.*} names, nested ones included.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BearerTokenIT {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    static final ObjectMapper json = new ObjectMapper();
    static final KeyPair ISSUER = rsa();
    static final KeyPair SOMEONE_ELSE = rsa();
    static final Path PUBLIC_KEY = publicKeyFile(ISSUER);
    static final String AUDIENCE = "mentoring-ledger";

    @DynamicPropertySource
    static void useTestDatabaseAndTokens(DynamicPropertyRegistry registry) {
        database.commandServiceProperties().forEach((name, value) -> registry.add(name, () -> value));
        TestUsers.properties(TestUsers.ADMIN).forEach((name, value) -> registry.add(name, () -> value));
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> PUBLIC_KEY.toUri().toString());
        registry.add("mentoring.security.claims.roles", () -> "realm_access.roles");
        registry.add("mentoring.security.claims.person-id", () -> "pid");
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> AUDIENCE);
    }

    @AfterAll
    static void deletePublicKey() throws Exception {
        Files.deleteIfExists(PUBLIC_KEY);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anOrganisersTokenEndsARelationshipOfTheirProgrammeAndNamesThemInTheEvent() throws Exception {
        String id = started();
        String organiser = token(ISSUER, "olga", List.of("ORGANISER"), null, List.of("own"), Instant.now().plusSeconds(300));

        assertThat(post(organiser, "/api/relationships/" + id + "/pause", "{\"reason\":\"x\"}").statusCode()).isEqualTo(403);
        HttpResponse<String> terminated = post(organiser, "/api/relationships/" + id + "/terminate",
                "{\"reason\":\"ORGANISER_DECISION\",\"initiatedBy\":\"ORGANISER\"}");
        assertThat(terminated.statusCode()).as(terminated.body()).isEqualTo(200);
        String metadata = jdbc.queryForObject("SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1", String.class, id);
        assertThat(json.readTree(metadata).get("actor").asText()).isEqualTo("olga");
    }

    @Test
    void aParticipantsTokenReachesOnlyTheirOwnRelationships() throws Exception {
        String id = started();
        String mentor = token(ISSUER, "maija", List.of("ROLE_MENTOR"), "p-mentor", List.of(), Instant.now().plusSeconds(300));
        String stranger = token(ISSUER, "sten", List.of("MENTOR"), "p-stranger", List.of(), Instant.now().plusSeconds(300));

        assertThat(post(mentor, "/api/relationships/" + id + "/meetings", "{\"heldOn\":\"2025-03-05\"}").statusCode())
                .isEqualTo(200);
        assertThat(post(stranger, "/api/relationships/" + id + "/meetings", "{\"heldOn\":\"2025-03-05\"}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void anExpiredTokenOneSignedByAnotherKeyOrOneIssuedToAnotherClientIsRefusedWith401() throws Exception {
        String id = started();
        String expired = token(ISSUER, "olga", List.of("ADMIN"), null, List.of(), Instant.now().minusSeconds(600));
        String forged = token(SOMEONE_ELSE, "olga", List.of("ADMIN"), null, List.of(), Instant.now().plusSeconds(300));
        String anotherClients = token(ISSUER, "olga", List.of("ADMIN"), null, List.of(), Instant.now().plusSeconds(300),
                "another-client");
        String noAudience = token(ISSUER, "olga", List.of("ADMIN"), null, List.of(), Instant.now().plusSeconds(300),
                null);

        for (String token : List.of(expired, forged, anotherClients, noAudience, "not-a-token")) {
            HttpResponse<String> refused = post(token, "/api/relationships/" + id + "/meetings", "{\"heldOn\":\"2025-03-05\"}");
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(refused.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, id)).isEqualTo(1);
    }

    @Test
    void bearerTokensWithoutAnAudienceStopTheServiceAtStart() {
        List<String> arguments = new java.util.ArrayList<>(PostgresTestDatabase.arguments(
                database.commandServiceProperties()));
        arguments.addAll(List.of("--server.port=0",
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + PUBLIC_KEY.toUri()));
        arguments.addAll(TestUsers.arguments());

        assertThatThrownBy(() -> new SpringApplicationBuilder(CommandServiceApplication.class)
                .run(arguments.toArray(String[]::new)).close())
                .hasStackTraceContaining("spring.security.oauth2.resourceserver.jwt.audiences");
    }

    private String started() throws Exception {
        String id = "token-" + UUID.randomUUID();
        HttpResponse<String> started = ServiceClient.onPort(port).accepting(null).send("POST", "/api/relationships",
                TestUsers.ADMIN, "application/json", """
                        {"relationshipId":"%s","programmeId":"own","mentor":{"id":"p-mentor","name":"Maija"},
                         "mentee":{"id":"p-mentee","name":"Eero"},"language":"fi","startedOn":"2025-03-01"}"""
                        .formatted(id));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        return id;
    }

    private HttpResponse<String> post(String token, String path, String body) throws Exception {
        return ServiceClient.onPort(port).accepting(null).send("POST", path, null, "application/json", body,
                "Authorization", "Bearer " + token);
    }

    private static String token(KeyPair key, String username, List<String> roles, String personId,
            List<String> programmes, Instant expires) throws Exception {
        return token(key, username, roles, personId, programmes, expires, AUDIENCE);
    }

    private static String token(KeyPair key, String username, List<String> roles, String personId,
            List<String> programmes, Instant expires, String audience) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .audience(audience)
                .subject(UUID.randomUUID().toString())
                .issuer("https://login.example")
                .issueTime(Date.from(expires.minusSeconds(600)))
                .expirationTime(Date.from(expires))
                .claim("preferred_username", username)
                .claim("realm_access", Map.of("roles", roles))
                .claim("programmes", programmes);
        if (personId != null) {
            claims.claim("pid", personId);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
        return jwt.serialize();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path publicKeyFile(KeyPair key) {
        try {
            Path file = Files.createTempFile("issuer-", ".pem");
            Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            return file;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
