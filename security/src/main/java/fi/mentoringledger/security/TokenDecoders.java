package fi.mentoringledger.security;

import java.text.ParseException;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import com.nimbusds.jwt.JWTParser;

/**
 * The bearer tokens a service accepts: relayed users ({@link RelayTokens}), the OIDC provider's,
 * or both. The unverified issuer only chooses which decoder verifies the token; a token that names
 * the relay but is not signed with the relay's key fails there, whatever else it holds.
 */
final class TokenDecoders implements JwtDecoder {

    private final JwtDecoder relay;
    private final JwtDecoder provider;

    TokenDecoders(JwtDecoder relay, JwtDecoder provider) {
        this.relay = relay;
        this.provider = provider;
    }

    @Override
    public Jwt decode(String token) {
        if (relay != null && RelayTokens.ISSUER.equals(unverifiedIssuer(token))) {
            return relay.decode(token);
        }
        if (provider != null) {
            return provider.decode(token);
        }
        throw new BadJwtException("a token of an unknown issuer");
    }

    private static String unverifiedIssuer(String token) {
        try {
            return JWTParser.parse(token).getJWTClaimsSet().getIssuer();
        } catch (ParseException | RuntimeException e) {
            throw new BadJwtException("a malformed token");
        }
    }
}
