package fi.mentoringledger.web;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/openapi.yaml}: the HTTP API's OpenAPI document, kept in shared-api and served the
 * same by both services (README, "The API's document"), which import this one controller. It sits
 * in this module, the web layer both services share, beside the rule that lets any signed-in user
 * read it and the admins alone its Swagger UI ({@link LedgerSecurityConfiguration}).
 */
@RestController
public class ApiDocumentController {

    static final String PATH = "/api/openapi.yaml";
    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private final Resource document = new ClassPathResource("openapi/openapi.yaml");

    @GetMapping(PATH)
    ResponseEntity<Resource> document() {
        return ResponseEntity.ok().contentType(YAML).body(document);
    }
}
