package fi.mentoringledger.security;

import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Browsers signing in at an OIDC provider (Spring Boot's {@code spring.security.oauth2.client.*}):
 * the authorization code flow with PKCE, also for a confidential client, and the signed-in person
 * read from the ID token's (and user info's) claims by the same names as a bearer token's
 * ({@code mentoring.security.claims.*}).
 */
final class OidcSignIn {

    private OidcSignIn() {
    }

    static OAuth2AuthorizationRequestResolver withPkce(ClientRegistrationRepository registrations) {
        DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(
                registrations, OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        return resolver;
    }

    static OAuth2UserService<OidcUserRequest, OidcUser> users(LedgerSecurityProperties.Claims claims) {
        OidcUserService standard = new OidcUserService();
        ClaimsCaller callers = new ClaimsCaller(claims);
        return request -> {
            OidcUser user = standard.loadUser(request);
            Caller caller = callers.callerOf(user.getClaims(), user.getSubject());
            return new LedgerOidcUser(user, caller);
        };
    }

    /** The provider's user, carrying who they are in the ledger. */
    static final class LedgerOidcUser extends DefaultOidcUser {

        private final Caller caller;

        LedgerOidcUser(OidcUser user, Caller caller) {
            super(ClaimsCaller.authorities(caller), user.getIdToken(), user.getUserInfo());
            this.caller = caller;
        }

        Caller caller() {
            return caller;
        }

        @Override
        public String getName() {
            return caller.username();
        }

        @Override
        public boolean equals(Object other) {
            return super.equals(other);
        }

        @Override
        public int hashCode() {
            return super.hashCode();
        }
    }
}
