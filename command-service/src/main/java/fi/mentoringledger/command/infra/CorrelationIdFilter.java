package fi.mentoringledger.command.infra;

import java.io.IOException;

import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import fi.mentoringledger.api.relationship.MetadataKeys;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Gives each request a correlation id (the client's X-Correlation-Id when safe), echoed in the response and logs. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CorrelationIdFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String correlationId = CommandMetadata.correlationIdFor(request.getHeader(CommandMetadata.CORRELATION_HEADER));
        request.setAttribute(MetadataKeys.CORRELATION_ID, correlationId);
        response.setHeader(CommandMetadata.CORRELATION_HEADER, correlationId);
        MDC.put(MetadataKeys.CORRELATION_ID, correlationId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MetadataKeys.CORRELATION_ID);
        }
    }
}
