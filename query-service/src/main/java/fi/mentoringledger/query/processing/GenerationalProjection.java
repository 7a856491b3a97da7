package fi.mentoringledger.query.processing;

import java.util.List;

/**
 * A read model kept by one event processor, in tables whose rows carry a generation, so that a
 * replay can build the next generation beside the one that reads use.
 */
public interface GenerationalProjection {

    /** The processing group, which is also the processor's name and the key of its tokens. */
    String processorName();

    /** The tables this projection owns; each has an integer {@code generation} column. */
    List<String> tables();
}
