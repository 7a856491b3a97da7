package fi.mentoringledger.security;

import java.time.Clock;
import java.util.LinkedHashMap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.RequestMatcher;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Sign-in for both services, the way Spring Security users expect it: HTTP Basic with the users of
 * {@code mentoring.security.users}; OIDC/JWT bearer tokens when Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*} (issuer-uri, jwk-set-uri or
 * public-key-location) makes a decoder; relayed browser users ({@link RelayTokens}) where
 * {@code mentoring.security.relay.key} is set; and, where {@code mentoring.security.form-login} is
 * on, browsers with a session — signed in with the form, or at an OIDC provider when
 * {@code spring.security.oauth2.client.*} names one ({@link OidcSignIn}) — whose unsafe requests
 * must carry the CSRF token of the {@code XSRF-TOKEN} cookie in {@code X-XSRF-TOKEN}. What a
 * signed-in caller may see and do is each service's own decision ({@link Caller}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerSecurityProperties.class)
public class LedgerSecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService configuredUsers(LedgerSecurityProperties properties, ObjectProvider<JwtDecoder> jwtDecoder) {
        return new ConfiguredUsers(properties.users(), jwtDecoder.getIfAvailable() == null, properties.localRun());
    }

    /** Checks configured users' passwords, remembering the ones that verified for a minute. */
    @Bean
    AuthenticationProvider configuredUsersPasswords(UserDetailsService configuredUsers, PasswordEncoder passwordEncoder,
            LedgerSecurityProperties properties) {
        DaoAuthenticationProvider passwordCheck = new DaoAuthenticationProvider(configuredUsers);
        passwordCheck.setPasswordEncoder(passwordEncoder);
        return new RememberedPasswordChecks(passwordCheck, properties.verifiedCredentialsTtl());
    }

    @Bean
    SignInLimits signInLimits(LedgerSecurityProperties properties) {
        return new SignInLimits(properties.signInLimits());
    }

    /**
     * A request the firewall refuses (an encoded ';' or '/' in its path, a malformed header) is a
     * 400 problem like any other bad request, not Spring Boot's error page.
     */
    @Bean
    RequestRejectedHandler requestRejectedAsProblem() {
        return (request, response, e) -> ProblemResponses.write(request, response, HttpStatus.BAD_REQUEST,
                "invalid-request", "Invalid request", "the request's path or headers are not accepted");
    }

    /** Present when {@code mentoring.security.relay.key} is set: to relay users, and to accept relayed ones. */
    @Bean
    @ConditionalOnProperty(prefix = "mentoring.security.relay", name = "key")
    RelayTokens relayTokens(LedgerSecurityProperties properties) {
        return new RelayTokens(properties.relay().key(), properties.relay().lifetime(), Clock.systemUTC());
    }

    @Bean
    SecurityFilterChain ledgerSecurity(HttpSecurity http, LedgerSecurityProperties properties,
            ObjectProvider<JwtDecoder> jwtDecoder, ObjectProvider<RelayTokens> relayTokens,
            ObjectProvider<ClientRegistrationRepository> oidcProviders,
            ObjectProvider<OAuth2ResourceServerProperties> resourceServerProperties, SignInLimits signInLimits)
            throws Exception {
        JwtDecoder provider = jwtDecoder.getIfAvailable();
        OAuth2ResourceServerProperties tokenSettings = resourceServerProperties.getIfAvailable();
        if (provider != null && tokenSettings != null && tokenSettings.getJwt().getAudiences().isEmpty()) {
            // The provider issues tokens to other clients too; without an audience one of theirs
            // would be accepted here, with its roles.
            throw new IllegalStateException("bearer tokens are on: set spring.security.oauth2.resourceserver.jwt"
                    + ".audiences (SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUDIENCES) to the audience the "
                    + "provider gives this service's tokens");
        }
        RelayTokens relay = relayTokens.getIfAvailable();
        boolean tokens = provider != null || relay != null;
        ProblemResponses problems = new ProblemResponses(provider != null ? "Bearer" : "Basic realm=\"Mentoring Ledger\"");
        // Where a refused caller gets a problem, not the sign-in page: the API, and the actuator's
        // endpoints, which machines (a Prometheus) call.
        RequestMatcher api = request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                || request.getRequestURI().startsWith(request.getContextPath() + "/actuator/");

        http.addFilterBefore(new JsonBodiesOnly(), UsernamePasswordAuthenticationFilter.class);
        http.addFilterBefore(new SignInLimitFilter(signInLimits), UsernamePasswordAuthenticationFilter.class);
        http.authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/error", "/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/login").permitAll()
                        // The pages themselves need a signed-in user; their scripts, styles and
                        // texts do not, as the sign-in page uses them too.
                        .requestMatchers("/", "/dashboard", "/dashboard/").authenticated()
                        .requestMatchers("/dashboard/**").permitAll()
                        .requestMatchers("/api/admin/**", "/api/people/**").hasRole(Role.ADMIN.name())
                        // Swagger UI and springdoc's own endpoints (README, "The API's document").
                        .requestMatchers("/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**")
                        .hasRole(Role.ADMIN.name())
                        // The metrics (/actuator/prometheus) and whatever else is exposed later:
                        // operations' figures, for the admin only (README, Operations).
                        .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .headers(headers -> headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
        if (tokens) {
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems)
                    .jwt(jwt -> jwt
                            .decoder(new TokenDecoders(relay == null ? null : relay.decoder(), provider))
                            .jwtAuthenticationConverter(callerOf(properties))));
        }
        AuthenticationEntryPoint entryPoint;
        if (properties.formLogin()) {
            ClientRegistrationRepository providers = oidcProviders.getIfAvailable();
            if (providers != null) {
                http.oauth2Login(oidc -> oidc
                        .authorizationEndpoint(authorization -> authorization
                                .authorizationRequestResolver(OidcSignIn.withPkce(providers)))
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(OidcSignIn.users(properties.claims())))
                        // The dashboard's sign-in page links to each provider; without this Spring
                        // would serve its own page, or send browsers straight to a single provider.
                        .loginPage("/login")
                        .defaultSuccessUrl("/", false)
                        .failureUrl("/login?error"));
            }
            // The dashboard serves the sign-in page (in its languages, with the providers' links),
            // which switches Spring's generated one off.
            http.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                    .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
                    .csrf(csrf -> csrf
                            .csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                            // The dashboard's script sends the cookie's value as it is in X-XSRF-TOKEN.
                            .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                            // API clients that send their credentials on every request have no
                            // session a forged request could ride on: a bearer token a browser never
                            // adds by itself; Basic credentials only when the browser does not say
                            // another site sent the request (scripts send no Sec-Fetch-Site).
                            .ignoringRequestMatchers(LedgerSecurityConfiguration::carriesItsOwnCredentials));
            LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> byPath = new LinkedHashMap<>();
            byPath.put(api, problems);
            DelegatingAuthenticationEntryPoint delegating = new DelegatingAuthenticationEntryPoint(byPath);
            delegating.setDefaultEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"));
            entryPoint = delegating;
            // Only for the API: elsewhere the form's own entry point sends browsers to the sign-in page
            // (and setting one for every request would switch Spring's sign-in page off).
            http.exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(problems, api));
        } else {
            // Credentials come with every request; there is no session, and so nothing to forge.
            http.csrf(csrf -> csrf.disable())
                    .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
            entryPoint = problems;
            http.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems));
        }
        AuthenticationEntryPoint signIn = entryPoint;
        // A refused CSRF token is checked before anyone signs in: without a signed-in user it is a 401.
        AccessDeniedHandler denied = (request, response, e) -> {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication == null || !authentication.isAuthenticated()
                    || authentication instanceof AnonymousAuthenticationToken) {
                signIn.commence(request, response, new InsufficientAuthenticationException("not signed in", e));
            } else {
                problems.handle(request, response, e);
            }
        };
        http.exceptionHandling(exceptions -> exceptions.accessDeniedHandler(denied));
        return http.build();
    }

    private static boolean carriesItsOwnCredentials(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null) {
            return false;
        }
        String site = request.getHeader("Sec-Fetch-Site");
        return authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || site == null || "same-origin".equals(site) || "none".equals(site);
    }

    /** A relayed user by the relay's claim names; anyone else by the configured ones. */
    private static Converter<Jwt, AbstractAuthenticationToken> callerOf(LedgerSecurityProperties properties) {
        ClaimsCaller relayed = new ClaimsCaller(RelayTokens.CLAIMS);
        ClaimsCaller configured = new ClaimsCaller(properties.claims());
        return jwt -> RelayTokens.issued(jwt) ? relayed.convert(jwt) : configured.convert(jwt);
    }
}
