package faust.agent.internal;

import faust.agent.Agent;
import faust.agent.Sink;
import faust.internal.AppRuntime;
import faust.stream.Headers;
import faust.stream.internal.CurrentEvent;
import faust.stream.internal.EventImpl;
import faust.topic.Channel;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Where a yielding agent's results go: the reply to the current event's RPC request (if it is one),
 * a test context's recorder, and every sink.
 */
final class Emitter {
    private final AppRuntime rt;
    private final List<Sink> sinks;

    Emitter(AppRuntime rt, List<Sink> sinks) {
        this.rt = rt;
        this.sinks = sinks;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    void emit(@Nullable Object value, @Nullable Consumer<Object> recorder) {
        EventImpl<?, ?> e = CurrentEvent.get();
        if (e != null && e.replyTo() != null && e.correlationId() != null) {
            // Detached from the event's transaction under exactly-once: the asker may be inside an
            // event of this worker, and its transaction cannot commit until the reply arrives. A
            // reply sent twice (the request processed again) is ignored by the asker.
            byte[] reply = ReqRep.response(ReqRep.keyJson(rt.codecs(), e.key()), ReqRep.valueJson(rt.codecs(), value),
                    ReqRep.isModel(value), e.correlationId());
            rt.produceDetached(e.replyTo(), null, reply, Headers.empty());
        }
        if (recorder != null) {
            recorder.accept(value);
        }
        for (Sink sink : sinks) {
            switch (sink) {
                // not awaited: a send that fails makes the worker read the event again (Publisher)
                case Sink.ToAgent(Agent a) -> ((Agent<Object, Object, ?>) a).send(null, value);
                case Sink.ToChannel(Channel c) -> ((Channel<Object, Object>) c).send(value);
                case Sink.ToCallback(Consumer c) -> ((Consumer<Object>) c).accept(value);
            }
        }
    }
}
