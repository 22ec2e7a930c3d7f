package faust.agent.internal;

import faust.agent.AgentFunction;
import faust.agent.YieldingAgentFunction;
import faust.stream.Stream;
import faust.stream.internal.StreamImpl;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * An agent's function as its actors run it: a plain loop ({@link AgentFunction}) or one that emits
 * results ({@link YieldingAgentFunction}), which go to the {@link Emitter}.
 *
 * @param <K> key type
 * @param <V> value type
 */
sealed interface AgentBody<K, V> permits AgentBody.Plain, AgentBody.Yielding {
    /**
     * Runs the function over {@code stream} until it returns or throws.
     *
     * @param stream the actor's stream
     * @param recorder a test context's recorder of each event's result, or null
     * @throws Exception whatever the function throws
     */
    void run(StreamImpl<K, V> stream, @Nullable Consumer<Object> recorder) throws Exception;

    /** @return whether the function emits results (and so answers RPC requests) */
    boolean yields();

    /** A loop that emits nothing; a test context records each value it processed. */
    record Plain<K, V>(AgentFunction<K, V> fn) implements AgentBody<K, V> {
        @Override
        public void run(StreamImpl<K, V> stream, @Nullable Consumer<Object> recorder) throws Exception {
            Stream<K, V> s = recorder == null ? stream : stream.addProcessor(recorder::accept);
            fn.process(s);
        }

        @Override
        public boolean yields() {
            return false;
        }
    }

    /** A loop that emits results: each goes to the RPC reply, the recorder and the sinks. */
    record Yielding<K, V, R>(YieldingAgentFunction<K, V, R> fn, Emitter emitter) implements AgentBody<K, V> {
        @Override
        public void run(StreamImpl<K, V> stream, @Nullable Consumer<Object> recorder) throws Exception {
            fn.process(stream, value -> emitter.emit(value, recorder));
        }

        @Override
        public boolean yields() {
            return true;
        }
    }
}
