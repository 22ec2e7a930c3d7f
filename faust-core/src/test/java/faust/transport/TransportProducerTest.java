package faust.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import faust.stream.Headers;
import faust.topic.RecordMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The listener form of {@link TransportProducer#send} as a transport gets it by default. */
class TransportProducerTest {
    /** A producer whose plain sends end however the test says. */
    private static TransportProducer producer(Supplier<CompletableFuture<RecordMetadata>> sends) {
        return new TransportProducer() {
            @Override
            public CompletableFuture<RecordMetadata> send(String topic, @Nullable Integer partition, @Nullable Long timestamp,
                                                          byte @Nullable [] key, byte @Nullable [] value, Headers headers) {
                return sends.get();
            }

            @Override
            public void flush() {}

            @Override
            public int partitionForKey(String topic, byte @Nullable [] key) {
                return 0;
            }

            @Override
            public void close() {}
        };
    }

    /** Records what it was told, and whether the send's future had completed by then. */
    private static final class Recording implements TransportProducer.SendListener {
        final List<String> told = new ArrayList<>();
        final Throwable replacement = new IllegalStateException("the listener's own error");
        @Nullable CompletableFuture<RecordMetadata> future;

        @Override
        public void onSent(long token, @Nullable Object attachment, RecordMetadata metadata) {
            told.add("sent " + token + " " + attachment + " offset " + metadata.offset() + " done=" + done());
        }

        @Override
        public Throwable onFailed(long token, @Nullable Object attachment, String topic, Throwable error) {
            told.add("failed " + token + " " + attachment + " " + topic + " " + error.getMessage() + " done=" + done());
            return replacement;
        }

        private String done() {
            return future == null ? "?" : String.valueOf(future.isDone());
        }
    }

    @Test
    void the_listener_is_told_of_an_acknowledged_send_with_its_token_and_attachment_before_the_future_completes() throws Exception {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        Recording listener = new Recording();
        CompletableFuture<RecordMetadata> f = producer(() -> acked)
                .send("t", null, null, null, new byte[] {1}, Headers.empty(), listener, 42L, "note");
        listener.future = f;
        assertThat(listener.told).isEmpty();
        assertThat(f).isNotDone();

        acked.complete(new RecordMetadata("t", 3, 17L, 0L));

        assertThat(listener.told).containsExactly("sent 42 note offset 17 done=false");
        assertThat(f.get().offset()).isEqualTo(17L);
    }

    @Test
    void a_send_that_fails_at_once_is_reported_to_the_listener_and_fails_the_future_with_the_listeners_error() {
        Recording listener = new Recording();
        CompletableFuture<RecordMetadata> f = producer(() -> {
            throw new IllegalArgumentException("no such topic");
        }).send("t", null, null, null, null, Headers.empty(), listener, 7L, null);

        assertThat(listener.told).containsExactly("failed 7 null t no such topic done=?");
        assertThat(f).isCompletedExceptionally();
        assertThatCode(f::get).isInstanceOf(ExecutionException.class).cause().isSameAs(listener.replacement);
    }

    @Test
    void the_listener_gets_the_cause_of_a_failure_the_future_wrapped() {
        CompletableFuture<RecordMetadata> sent = new CompletableFuture<>();
        Recording listener = new Recording();
        CompletableFuture<RecordMetadata> f = producer(() -> sent)
                .send("t", 0, null, null, null, Headers.empty(), listener, -2L, null);
        listener.future = f;

        sent.completeExceptionally(new CompletionException(new RuntimeException("broker said no")));

        assertThat(listener.told).containsExactly("failed -2 null t broker said no done=false");
        assertThatCode(f::join).cause().isSameAs(listener.replacement);
    }
}
