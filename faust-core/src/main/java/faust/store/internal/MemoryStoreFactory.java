package faust.store.internal;

import faust.store.StateStore;
import faust.store.StoreContext;
import faust.store.StoreFactory;
import java.util.Set;

/** The {@code memory://} store (Faust's default): kept on the heap, rebuilt from the changelog at every start. */
public final class MemoryStoreFactory implements StoreFactory {
    @Override
    public Set<String> schemes() {
        return Set.of("memory");
    }

    @Override
    public StateStore open(StoreContext context) {
        return new MemoryStore();
    }
}
