package faust.bench.e2e;

import org.jspecify.annotations.Nullable;

/**
 * One system running the job {@code input topic → transform → output topic}. {@link #start()}
 * returns once the system is started (it keeps running in the background); the benchmark's clock
 * runs from just before {@code start()} until the verifier has read every output.
 */
interface Pipeline extends AutoCloseable {
    /**
     * Starts consuming, transforming and producing in the background.
     *
     * @throws Exception when the system cannot start
     */
    void start() throws Exception;

    /**
     * @return a failure seen in the background (a send or commit error), or null
     */
    default @Nullable Throwable failure() {
        return null;
    }

    /** @return what the system counted about itself during the run, for {@code --verbose}; empty if nothing */
    default String diagnostics() {
        return "";
    }

    /** Stops the system and releases its clients. Not timed. */
    @Override
    void close() throws Exception;
}
