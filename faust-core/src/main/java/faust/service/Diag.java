package faust.service;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Diagnostic flags of a {@link Service}: short strings that say what the service is doing right now,
 * for example {@code "COMMITTING"} while a consumer commits offsets (Faust's {@code Service.diag}).
 *
 * <p>Thread-safe: any thread may set, unset and read flags.
 *
 * @see Service#diag()
 */
public final class Diag {
    private final Set<String> flags = ConcurrentHashMap.newKeySet();

    Diag() {}

    /**
     * Sets a flag. Setting a flag that is already set does nothing.
     *
     * @param flag the flag name, not blank
     * @throws IllegalArgumentException if {@code flag} is blank
     */
    public void set(String flag) {
        flags.add(check(flag));
    }

    /**
     * Clears a flag. Clearing a flag that is not set does nothing.
     *
     * @param flag the flag name
     */
    public void unset(String flag) {
        flags.remove(Objects.requireNonNull(flag, "flag"));
    }

    /**
     * Tells whether a flag is set.
     *
     * @param flag the flag name
     * @return {@code true} if {@code flag} is currently set
     */
    public boolean has(String flag) {
        return flags.contains(Objects.requireNonNull(flag, "flag"));
    }

    /**
     * Returns the flags set right now.
     *
     * @return an immutable, sorted snapshot
     */
    public Set<String> flags() {
        return Collections.unmodifiableSet(new TreeSet<>(flags));
    }

    @Override
    public String toString() {
        return "Diag" + flags();
    }

    private static String check(String flag) {
        Objects.requireNonNull(flag, "flag");
        if (flag.isBlank()) {
            throw new IllegalArgumentException("diag flag must not be blank, got '" + flag + "'");
        }
        return flag;
    }
}
