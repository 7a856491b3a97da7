package fi.mentoringledger.query.admin;

import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Events the projections parked, and processing them again after the cause is fixed. */
@RestController
@RequestMapping(path = "/api/admin/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
class DeadLetterController {

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    List<DeadLetter> list(@RequestParam(required = false) String processor) {
        return deadLetters.list(processor);
    }

    /** 200 with what the retry cleared: it runs while the request waits, one pass over the sequences. */
    @PostMapping("/retry")
    Map<String, List<DeadLetters.RetryResult>> retry(@RequestParam(required = false) String processor) {
        return Map.of("retried", deadLetters.retry(processor));
    }
}
