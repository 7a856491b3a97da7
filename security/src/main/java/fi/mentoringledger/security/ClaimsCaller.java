package fi.mentoringledger.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;

/** Reads the caller from a bearer token's claims, by the names {@code mentoring.security.claims} gives. */
final class ClaimsCaller implements Converter<Jwt, AbstractAuthenticationToken> {

    private final LedgerSecurityProperties.Claims claims;

    ClaimsCaller(LedgerSecurityProperties.Claims claims) {
        this.claims = claims;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Caller caller = callerOf(jwt.getClaims(), jwt.getSubject());
        return new CallerToken(jwt, authorities(caller), caller);
    }

    static Collection<GrantedAuthority> authorities(Caller caller) {
        return AuthorityUtils.createAuthorityList(caller.roles().stream().map(Role::authority).toList());
    }

    /** The caller that a token's (or an OIDC sign-in's) claims name. */
    Caller callerOf(Map<String, Object> claimed, String subject) {
        List<String> names = values(claim(claimed, claims.username()));
        String username = names.isEmpty() ? subject : names.get(0);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : values(claim(claimed, claims.roles()))) {
            String name = role.toUpperCase(Locale.ROOT).replaceFirst("^ROLE_", "");
            for (Role known : Role.values()) {
                if (known.name().equals(name)) {
                    roles.add(known);
                }
            }
        }
        List<String> personIds = values(claim(claimed, claims.personId()));
        return new Caller(username == null ? "unnamed" : username, roles,
                personIds.isEmpty() ? null : personIds.get(0), Set.copyOf(values(claim(claimed, claims.programmes()))));
    }

    /** A claim by name; a dotted name walks into nested objects. */
    private static Object claim(Map<String, Object> claimed, String name) {
        if (claimed.containsKey(name)) {
            return claimed.get(name);
        }
        Object value = claimed;
        for (String part : name.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(part);
        }
        return value;
    }

    private static List<String> values(Object claim) {
        List<String> values = new ArrayList<>();
        if (claim instanceof Collection<?> collection) {
            collection.stream().filter(v -> v != null).map(Object::toString).forEach(values::add);
        } else if (claim != null) {
            for (String value : claim.toString().split("[\\s,]+")) {
                if (!value.isEmpty()) {
                    values.add(value);
                }
            }
        }
        return values;
    }
}
