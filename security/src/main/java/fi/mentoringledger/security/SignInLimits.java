package fi.mentoringledger.security;

import java.time.Duration;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * Failed sign-ins are limited per user name and per client address (token buckets, Bucket4j): a
 * password cannot be guessed at the speed of the network, and a flood of wrong passwords is
 * turned away before it costs a password check. Only failures count; a user who signs in right
 * is never slowed down. The buckets live in memory, per instance, for a while after their last
 * use ({@code mentoring.security.sign-in-limits.*}).
 */
public final class SignInLimits {

    private final Cache<String, Bucket> byUser;
    private final Cache<String, Bucket> byAddress;
    private final LedgerSecurityProperties.SignInLimits limits;

    SignInLimits(LedgerSecurityProperties.SignInLimits limits) {
        this.limits = limits;
        this.byUser = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(limits.period().multipliedBy(2)).build();
        this.byAddress = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(limits.period().multipliedBy(2))
                .build();
    }

    /** How long this user name or address must wait before trying again; empty when it may try now. */
    Optional<Duration> waitBeforeTrying(String username, String address) {
        long nanos = 0;
        Bucket user = username == null ? null : byUser.getIfPresent(username);
        Bucket client = address == null ? null : byAddress.getIfPresent(address);
        if (user != null && user.getAvailableTokens() < 1) {
            nanos = Math.max(nanos, user.estimateAbilityToConsume(1).getNanosToWaitForRefill());
        }
        if (client != null && client.getAvailableTokens() < 1) {
            nanos = Math.max(nanos, client.estimateAbilityToConsume(1).getNanosToWaitForRefill());
        }
        return nanos > 0 ? Optional.of(Duration.ofNanos(nanos)) : Optional.empty();
    }

    /** A wrong password, an unknown user, a bad token: one failure for the user name and the address. */
    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        String username = event.getAuthentication().getName();
        if (username != null && !username.isEmpty()) {
            byUser.get(username, name -> bucket(limits.perUser())).tryConsume(1);
        }
        if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details
                && details.getRemoteAddress() != null) {
            byAddress.get(details.getRemoteAddress(), address -> bucket(limits.perAddress())).tryConsume(1);
        }
    }

    private Bucket bucket(int failures) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(failures).refillGreedy(failures, limits.period()).build())
                .build();
    }
}
