package faust.table.internal;

import static org.assertj.core.api.Assertions.assertThat;

import faust.store.StateStore;
import faust.store.StoreContext;
import faust.store.StoreWrite;
import faust.store.internal.MemoryStoreFactory;
import faust.testing.Await;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The write cache over a store: a read of the whole partition never misses a write a commit is moving. */
class OverlayTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A store whose forEach, once it has read everything, waits until released. */
    private static final class PausingStore implements StateStore {
        final StateStore inner;
        final CountDownLatch read = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        PausingStore(StateStore inner) {
            this.inner = inner;
        }

        @Override
        public void forEach(int partition, BiConsumer<byte[], byte[]> action) {
            inner.forEach(partition, action);
            read.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void openPartition(int partition) {
            inner.openPartition(partition);
        }

        @Override
        public void closePartition(int partition) {
            inner.closePartition(partition);
        }

        @Override
        public void dropPartition(int partition) {
            inner.dropPartition(partition);
        }

        @Override
        public byte @Nullable [] get(int partition, byte[] key) {
            return inner.get(partition, key);
        }

        @Override
        public void put(int partition, byte[] key, byte @Nullable [] value) {
            inner.put(partition, key, value);
        }

        @Override
        public void apply(int partition, List<StoreWrite> writes, long offset) {
            inner.apply(partition, writes, offset);
        }

        @Override
        public long persistedOffset(int partition) {
            return inner.persistedOffset(partition);
        }

        @Override
        public void persistOffset(int partition, long offset) {
            inner.persistOffset(partition, offset);
        }

        @Override
        public long size(int partition) {
            return inner.size(partition);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @Test
    void a_commit_moving_an_epoch_into_the_store_waits_for_a_read_of_the_whole_partition() throws Exception {
        StateStore memory = new MemoryStoreFactory().open(new StoreContext("app", "t", URI.create("memory:///"), Path.of(".")));
        memory.openPartition(0);
        PausingStore store = new PausingStore(memory);
        Overlay overlay = new Overlay();
        overlay.put(1, b("k"), b("v"));
        AtomicReference<Map<Overlay.Key, byte[]>> seen = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().start(() -> seen.set(overlay.merged(store, 0)));
        store.read.await();         // the reader has read the store (without "k") and is still reading
        Thread committer = Thread.ofPlatform().start(() -> overlay.commit(1, memory, 0));
        Await.until(Duration.ofSeconds(10), () -> committer.getState() == Thread.State.WAITING
                || committer.getState() == Thread.State.TERMINATED, "the commit to finish or to wait for the read");
        store.release.countDown();
        reader.join();
        committer.join();
        assertThat(seen.get()).as("the write is seen in the overlay or in the store, never in neither")
                .containsKey(Overlay.Key.of(b("k")));
        assertThat(memory.get(0, b("k"))).isEqualTo(b("v"));
    }
}
