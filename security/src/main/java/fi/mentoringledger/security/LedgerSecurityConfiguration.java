package fi.mentoringledger.security;

import java.util.LinkedHashMap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.RequestMatcher;

import jakarta.servlet.DispatcherType;

/**
 * Sign-in for both services, the way Spring Security users expect it: HTTP Basic with the users of
 * {@code mentoring.security.users}; OIDC/JWT bearer tokens when Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*} (issuer-uri, jwk-set-uri or
 * public-key-location) makes a decoder; and, where {@code mentoring.security.form-login} is on,
 * a sign-in form with a session, whose unsafe requests must carry the CSRF token of the
 * {@code XSRF-TOKEN} cookie in {@code X-XSRF-TOKEN}. What a signed-in caller may see and do is
 * each service's own decision ({@link Caller}).
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
        return new ConfiguredUsers(properties.users(), jwtDecoder.getIfAvailable() == null);
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

    @Bean
    SecurityFilterChain ledgerSecurity(HttpSecurity http, LedgerSecurityProperties properties,
            ObjectProvider<JwtDecoder> jwtDecoder) throws Exception {
        boolean tokens = jwtDecoder.getIfAvailable() != null;
        ProblemResponses problems = new ProblemResponses(tokens ? "Bearer" : "Basic realm=\"Mentoring Ledger\"");
        RequestMatcher api = request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/");

        http.authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/error", "/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/login").permitAll()
                        .requestMatchers("/api/admin/**", "/api/people/**").hasRole(Role.ADMIN.name())
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .headers(headers -> headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
        if (tokens) {
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems)
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(new ClaimsCaller(properties.claims()))));
        }
        AuthenticationEntryPoint entryPoint;
        if (properties.formLogin()) {
            http.formLogin(form -> form.defaultSuccessUrl("/", false).permitAll())
                    .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
                    .csrf(csrf -> csrf
                            .csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                            // The dashboard's script sends the cookie's value as it is in X-XSRF-TOKEN.
                            .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                            // API clients that send their credentials on every request (Basic or a
                            // bearer token) have no session a forged request could ride on.
                            .ignoringRequestMatchers(request -> request.getHeader("Authorization") != null));
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
}
