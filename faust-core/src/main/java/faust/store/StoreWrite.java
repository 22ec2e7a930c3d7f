package faust.store;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One write to a store: a key and its new value, or a delete when the value is null (a changelog
 * tombstone).
 *
 * @param key the key's bytes, as in the changelog
 * @param value the value's bytes, as in the changelog, or null to delete the key
 */
public record StoreWrite(byte[] key, byte @Nullable [] value) {
    /** Checks the key. */
    public StoreWrite {
        Objects.requireNonNull(key, "key");
    }
}
