package fi.mentoringledger.query.admin;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fi.mentoringledger.query.processing.GenerationalProjection;

/** The projections' processors, and rebuilding them from the first event. */
@RestController
@RequestMapping(path = "/api/admin", produces = MediaType.APPLICATION_JSON_VALUE)
class ProcessorController {

    private final ProjectionProcessors processors;

    ProcessorController(ProjectionProcessors processors) {
        this.processors = processors;
    }

    @GetMapping("/processors")
    List<ProcessorStatus> processors() {
        return processors.statuses();
    }

    /** 202: the rebuild runs in the background; reads keep the last complete figures until it is done. */
    @PostMapping("/replay")
    ResponseEntity<Map<String, List<String>>> replay(@RequestParam(required = false) String processor) {
        List<String> names = processor == null
                ? processors.projections().stream().map(GenerationalProjection::processorName).toList()
                : List.of(processors.projection(processor).processorName());
        names.forEach(processors::replay);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("replaying", names));
    }
}
