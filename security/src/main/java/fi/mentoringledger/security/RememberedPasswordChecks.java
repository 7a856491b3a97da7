package fi.mentoringledger.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * A password check (bcrypt: tens of milliseconds of CPU by design) paid once a minute per user,
 * not on every request: HTTP Basic sends the password with each one. A user name and password that
 * verified are remembered for {@code mentoring.security.verified-credentials-ttl} (60 s) under a
 * keyed hash of the pair (the key is random per process; the password itself is never kept).
 * Failures are never remembered, so each wrong password still costs a full check — and counts
 * towards the {@link SignInLimits}.
 */
final class RememberedPasswordChecks implements AuthenticationProvider {

    private final AuthenticationProvider passwordCheck;
    private final Cache<String, UserDetails> verified;
    private final SecretKeySpec fingerprintKey;

    RememberedPasswordChecks(AuthenticationProvider passwordCheck, Duration ttl) {
        this(passwordCheck, ttl, Ticker.systemTicker());
    }

    /** {@code ticker}: the time the remembered checks expire by (a test's own, to move it on). */
    RememberedPasswordChecks(AuthenticationProvider passwordCheck, Duration ttl, Ticker ticker) {
        this.passwordCheck = passwordCheck;
        this.verified = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(ttl).ticker(ticker).build();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.fingerprintKey = new SecretKeySpec(key, "HmacSHA256");
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Object credentials = authentication.getCredentials();
        if (credentials == null) {
            return passwordCheck.authenticate(authentication);
        }
        String fingerprint = fingerprint(authentication.getName(), credentials.toString());
        UserDetails user = verified.getIfPresent(fingerprint);
        if (user != null) {
            UsernamePasswordAuthenticationToken remembered = UsernamePasswordAuthenticationToken.authenticated(user,
                    null, user.getAuthorities());
            remembered.setDetails(authentication.getDetails());
            return remembered;
        }
        Authentication checked = passwordCheck.authenticate(authentication);
        if (checked != null && checked.isAuthenticated() && checked.getPrincipal() instanceof UserDetails details) {
            verified.put(fingerprint, details);
        }
        return checked;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private String fingerprint(String username, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(fingerprintKey);
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
