package fi.mentoringledger.command.relationship;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every erasure, also kept outside the database, in an append-only file of JSON lines
 * ({@code mentoring.personal-data.erasure-log}): a backup restored after an erasure would bring the
 * erased person's key back, and {@link ErasuresKeptAcrossRestores} erases them again from this log
 * when the service starts. It holds person ids (pseudonyms, which the erasure needs), times and the
 * admins' user names; never a name or any text. Each line is forced to disk before the erasure goes
 * on, so an erasure that was answered is in the log.
 */
@Component
class ErasureLog {

    private static final Logger log = LoggerFactory.getLogger(ErasureLog.class);

    /** One erasure as the log keeps it. */
    record Entry(String personId, Instant erasedAt, String erasedBy) {
    }

    private final Optional<Path> file;
    private final ObjectMapper json;

    ErasureLog(@Value("${mentoring.personal-data.erasure-log:}") String file, ObjectMapper json) {
        this.file = file.isBlank() ? Optional.empty() : Optional.of(Path.of(file));
        this.json = json;
        if (this.file.isEmpty()) {
            log.warn("mentoring.personal-data.erasure-log is not set: erasures are kept in the database only, and a "
                    + "backup restored after an erasure brings the erased person's personal data back");
        }
    }

    /** Whether erasures are kept outside the database. */
    boolean isKept() {
        return file.isPresent();
    }

    synchronized void append(Entry entry) {
        if (file.isEmpty()) {
            return;
        }
        try {
            Path path = file.get();
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            byte[] line = (json.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                channel.write(ByteBuffer.wrap(line));
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the erasure of person " + entry.personId()
                    + " in the erasure log " + file.get(), e);
        }
    }

    /** Every erasure logged, oldest first; empty when there is no log (yet). */
    synchronized List<Entry> entries() {
        if (file.isEmpty() || !Files.exists(file.get())) {
            return List.of();
        }
        try {
            List<Entry> entries = new ArrayList<>();
            for (String line : Files.readAllLines(file.get(), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    entries.add(read(line));
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the erasure log " + file.get(), e);
        }
    }

    private Entry read(String line) {
        try {
            return json.readValue(line, Entry.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the erasure log " + file.orElseThrow() + " holds a line that is no erasure",
                    e);
        }
    }
}
