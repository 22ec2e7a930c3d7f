package faust.internal;

/**
 * Told where exactly-once transactions begin and end, so that state kept beside the output (table
 * writes) commits and aborts with it. Writes made before {@link #sealed()} belong to the
 * transaction being committed; those after it to the next.
 */
public interface TransactionListener {
    /** Listens to nothing. */
    TransactionListener NONE = new TransactionListener() {
        @Override
        public void sealed() {
        }

        @Override
        public void committed() {
        }

        @Override
        public void rolledBack() {
        }
    };

    /**
     * A commit begins (at-least-once or exactly-once, also at a revocation and at stop), after the
     * offsets to commit were taken: output buffered for the events they cover (a table's coalesced
     * changelog records) is sent now, so that the commit waits for it (at-least-once) or carries it
     * (exactly-once, where every stream is at an event boundary). Called on the consumer thread.
     */
    default void beforeCommit() {
    }

    /** A commit begins, with every stream at an event boundary: what was written so far belongs to it. */
    void sealed();

    /** The sealed transaction committed. Called on the committer's thread while streams go on. */
    void committed();

    /**
     * Nothing uncommitted survives: the open transaction was aborted (or the sealed one failed) and
     * the worker reads again from the committed offsets. Called with every stream at an event boundary.
     */
    void rolledBack();
}
