package fi.mentoringledger.command.infra;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import fi.mentoringledger.web.InvalidRequestException;

/**
 * A request's {@code If-Match}: the version of the relationship the client last saw, as {@code 3},
 * {@code "3"} or {@code W/"3"}; absent, blank or {@code *} means any. An endpoint takes it as a
 * parameter ({@link Resolver}); the header is read when the command is built, so a malformed one is
 * reported where the endpoints always reported it, after the path and the body.
 */
public final class IfMatch {

    private static final Pattern VERSION = Pattern.compile("(?:W/)?(?:\"(\\d{1,18})\"|(\\d{1,18}))");

    private final String header;

    private IfMatch(String header) {
        this.header = header;
    }

    /** The version the client expects, or null for any. */
    public Long expectedVersion() {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        Matcher matcher = VERSION.matcher(header.trim());
        if (!matcher.matches()) {
            throw new InvalidRequestException("If-Match", "must be the relationship's version, such as \"3\"");
        }
        return Long.parseLong(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
    }

    /** Gives an endpoint's {@link IfMatch} parameter the request's header (never null). */
    static final class Resolver implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == IfMatch.class;
        }

        @Override
        public IfMatch resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                NativeWebRequest request, WebDataBinderFactory binders) {
            return new IfMatch(request.getHeader(HttpHeaders.IF_MATCH));
        }
    }
}
