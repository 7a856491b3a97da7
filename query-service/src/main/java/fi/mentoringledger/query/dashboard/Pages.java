package fi.mentoringledger.query.dashboard;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The dashboard's two server-rendered pages, {@code templates/dashboard/index.html} and
 * {@code login.html}: Thymeleaf puts each value where its {@code th:} attribute says and escapes it
 * for that place, so no value (a user name, a token, a provider's name) can add markup. The
 * templates are parsed once and kept.
 */
final class Pages {

    private static final TemplateEngine ENGINE = engine();

    private Pages() {
    }

    static String render(String page, Map<String, ?> values) {
        Context context = new Context();
        values.forEach(context::setVariable);
        return ENGINE.process(page, context);
    }

    private static TemplateEngine engine() {
        ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver(Pages.class.getClassLoader());
        templates.setPrefix("templates/dashboard/");
        templates.setSuffix(".html");
        templates.setTemplateMode(TemplateMode.HTML);
        templates.setCharacterEncoding(StandardCharsets.UTF_8.name());
        templates.setCacheable(true);
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(templates);
        return engine;
    }
}
