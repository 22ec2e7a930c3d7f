package faust.service;

/**
 * Called after a {@link Service} crashed and finished stopping, so that its owner (for example an
 * app or worker) can react, e.g. by stopping itself.
 *
 * <p>A listener runs on the thread that crashed the service. Exceptions it throws are logged and
 * ignored. Implementations must be thread-safe.
 *
 * @see Service#addCrashListener(CrashListener)
 */
@FunctionalInterface
public interface CrashListener {
    /**
     * Reacts to a crash.
     *
     * @param service the service that crashed; its {@link Service#state()} is {@link ServiceState#CRASHED}
     * @param reason the error that crashed it, also available as {@link Service#crashReason()}
     */
    void onCrash(Service service, Throwable reason);
}
