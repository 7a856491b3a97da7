package fi.mentoringledger.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import com.nimbusds.jose.jwk.source.ImmutableSecret;

/** The relay's tokens carry exactly the caller, and nothing but a fresh token of the relay's key opens. */
class RelayTokensTest {

    private static final String KEY = Base64.getEncoder().encodeToString("k".repeat(32).getBytes());
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("o".repeat(32).getBytes());
    private static final Caller MENTEE = new Caller("leila", Set.of(Role.MENTEE), "p-233", Set.of());
    private static final Caller ORGANISER = new Caller("olli", Set.of(Role.ORGANISER, Role.MENTOR), null,
            Set.of("womento", "auroras"));

    private final RelayTokens tokens = new RelayTokens(KEY, Duration.ofSeconds(30), Clock.systemUTC());
    private final TokenDecoders decoders = new TokenDecoders(tokens.decoder(), null);
    private final ClaimsCaller claims = new ClaimsCaller(RelayTokens.CLAIMS);

    @Test
    void aRelayedCallerArrivesAsTheyWere() {
        for (Caller caller : List.of(MENTEE, ORGANISER)) {
            CallerToken token = (CallerToken) claims.convert(decoders.decode(tokens.mint(caller)));

            assertThat(token.caller()).isEqualTo(caller);
            assertThat(RelayTokens.issued(token.getToken())).isTrue();
        }
    }

    @Test
    void aTokenOfAnotherKeyAnExpiredOneAndOneForAnotherAudienceAreRefused() {
        String otherKey = new RelayTokens(OTHER_KEY, Duration.ofSeconds(30), Clock.systemUTC()).mint(MENTEE);
        String expired = new RelayTokens(KEY, Duration.ofSeconds(30),
                Clock.fixed(Instant.now().minus(Duration.ofMinutes(2)), ZoneOffset.UTC)).mint(MENTEE);
        String otherAudience = signed(JwtClaimsSet.builder().issuer(RelayTokens.ISSUER).audience(List.of("elsewhere"))
                .subject("leila").issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(30)).build());
        String noExpiry = signed(JwtClaimsSet.builder().issuer(RelayTokens.ISSUER)
                .audience(List.of(RelayTokens.AUDIENCE)).subject("leila").build());

        for (String token : List.of(otherKey, expired, otherAudience, noExpiry, "not a token")) {
            assertThatThrownBy(() -> decoders.decode(token)).isInstanceOf(JwtException.class);
        }
    }

    @Test
    void withoutAProviderATokenOfAnotherIssuerIsRefused() {
        String foreign = signed(JwtClaimsSet.builder().issuer("https://sso.example").audience(List.of(RelayTokens.AUDIENCE))
                .subject("leila").issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(30)).build());

        assertThatThrownBy(() -> decoders.decode(foreign)).isInstanceOf(JwtException.class);
    }

    @Test
    void aShortOrMalformedKeyStopsTheServiceAtStart() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> new RelayTokens(shortKey, Duration.ofSeconds(30), Clock.systemUTC()))
                .hasMessageContaining("at least 32");
        assertThatThrownBy(() -> new RelayTokens("not base64!", Duration.ofSeconds(30), Clock.systemUTC()))
                .hasMessageContaining("base64");
    }

    private static String signed(JwtClaimsSet claims) {
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableSecret<>(
                new SecretKeySpec(Base64.getDecoder().decode(KEY), "HmacSHA256")));
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }
}
