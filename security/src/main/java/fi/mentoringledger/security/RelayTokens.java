package fi.mentoringledger.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import com.nimbusds.jose.jwk.source.ImmutableSecret;

/**
 * Short-lived signed tokens that carry a signed-in browser user from the service that holds their
 * session (the query-service, which serves the pages) to the command-service, which accepts them
 * as a resource server. HMAC-SHA256 with a key both services are given
 * ({@code mentoring.security.relay.key}); the token names its issuer and audience and lives
 * {@code mentoring.security.relay.lifetime} (30 s): long enough for one relayed command, too short
 * to be worth stealing from a log. The browser never sees one.
 */
public final class RelayTokens {

    static final String ISSUER = "mentoring-ledger:relay";
    static final String AUDIENCE = "mentoring-ledger:command-service";
    /** The relayed caller's claims, by the default claim names {@link ClaimsCaller} reads. */
    static final LedgerSecurityProperties.Claims CLAIMS = new LedgerSecurityProperties.Claims(
            "preferred_username", "roles", "person_id", "programmes");
    private static final int MIN_KEY_BYTES = 32;

    private final NimbusJwtEncoder encoder;
    private final NimbusJwtDecoder decoder;
    private final Duration lifetime;
    private final Clock clock;

    RelayTokens(String base64Key, Duration lifetime, Clock clock) {
        SecretKey key = new SecretKeySpec(decodeKey(base64Key), "HmacSHA256");
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
        this.decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        OAuth2TokenValidator<Jwt> timestamps = new JwtTimestampValidator(Duration.ofSeconds(5));
        timestamps = new DelegatingOAuth2TokenValidator<>(timestamps,
                new JwtClaimValidator<Object>(JwtClaimNames.ISS, ISSUER::equals),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, audience -> audience != null
                        && audience.contains(AUDIENCE)),
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, expires -> expires != null));
        this.decoder.setJwtValidator(timestamps);
        this.lifetime = lifetime;
        this.clock = clock;
    }

    private static byte[] decodeKey(String base64Key) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("mentoring.security.relay.key must be base64");
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("mentoring.security.relay.key must hold at least " + MIN_KEY_BYTES
                    + " random bytes (base64); make one with: head -c 32 /dev/urandom | base64");
        }
        return key;
    }

    /** A token for this caller, for one relayed request. */
    public String mint(Caller caller) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .audience(List.of(AUDIENCE))
                .subject(caller.username())
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .id(UUID.randomUUID().toString())
                .claim(CLAIMS.username(), caller.username())
                .claim(CLAIMS.roles(), caller.roles().stream().map(Role::name).sorted().toList())
                .claim(CLAIMS.programmes(), caller.programmes().stream().sorted().toList());
        if (caller.personId() != null) {
            claims.claim(CLAIMS.personId(), caller.personId());
        }
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
                .getTokenValue();
    }

    /** Verifies signature, issuer, audience and expiry. */
    JwtDecoder decoder() {
        return decoder;
    }

    static boolean issued(Jwt jwt) {
        return ISSUER.equals(jwt.getClaimAsString(JwtClaimNames.ISS));
    }
}
