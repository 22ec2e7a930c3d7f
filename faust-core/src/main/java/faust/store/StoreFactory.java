package faust.store;

import java.util.Set;

/**
 * Opens stores of the URL schemes it handles. Registered through {@link java.util.ServiceLoader}
 * ({@code provides faust.store.StoreFactory with ...} or {@code META-INF/services}).
 */
public interface StoreFactory {
    /** @return the URL schemes handled, such as {@code memory} */
    Set<String> schemes();

    /**
     * @param context the table and URL
     * @return a store for the table, with no partition open yet
     * @throws faust.errors.ImproperlyConfiguredException when the URL or the directory cannot be used;
     *     the message names the URL or path and the fix
     */
    StateStore open(StoreContext context);
}
