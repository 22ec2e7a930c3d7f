package faust.service;

/**
 * The body of a background task: like {@link Runnable}, but may throw checked exceptions.
 *
 * <p>An exception thrown while the service runs crashes the service ({@link Service#crash(Throwable)});
 * an {@link InterruptedException} after {@link Service#stop()} was called is a normal exit.
 *
 * @see Service#addTask(String, ThrowingRunnable)
 */
@FunctionalInterface
public interface ThrowingRunnable {
    /**
     * Runs the task.
     *
     * @throws Exception anything; it crashes the service unless the service is already stopping
     */
    void run() throws Exception;
}
