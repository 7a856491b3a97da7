package fi.mentoringledger.command.relationship;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import fi.mentoringledger.eventstore.personaldata.PersonalDataKeys;
import fi.mentoringledger.security.Caller;
import fi.mentoringledger.security.Role;

/**
 * When the service starts, every erasure in the {@link ErasureLog} that the database does not know
 * is made again — after a backup taken before it was restored — as the admin who made it, at the
 * time it was made: the key is deleted, the erasure recorded and {@code PersonalDataErased} added
 * to each of the person's relationships. Erasures the database knows are left alone.
 */
@Component
class ErasuresKeptAcrossRestores {

    private static final Logger log = LoggerFactory.getLogger(ErasuresKeptAcrossRestores.class);

    private final ErasureLog erasureLog;
    private final PersonalDataKeys keys;
    private final PersonalDataErasure erasure;

    ErasuresKeptAcrossRestores(ErasureLog erasureLog, PersonalDataKeys keys, PersonalDataErasure erasure) {
        this.erasureLog = erasureLog;
        this.keys = keys;
        this.erasure = erasure;
    }

    @EventListener(ApplicationReadyEvent.class)
    void eraseAgainWhatARestoreBroughtBack() {
        int again = 0;
        for (ErasureLog.Entry entry : erasureLog.entries()) {
            if (keys.erasure(entry.personId()).isEmpty()) {
                Caller admin = new Caller(entry.erasedBy(), Set.of(Role.ADMIN), null, Set.of());
                erasure.eraseAgain(entry.personId(), admin, entry.erasedAt());
                again++;
            }
        }
        if (again > 0) {
            log.warn("Erased {} person(s) again from the erasure log: the database did not know of their erasure "
                    + "(restored from a backup taken before it)", again);
        }
    }
}
