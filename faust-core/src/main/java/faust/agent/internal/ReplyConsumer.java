package faust.agent.internal;

import com.fasterxml.jackson.databind.JsonNode;
import faust.codec.Codecs;
import faust.errors.FaustException;
import faust.internal.AppRuntime;
import faust.settings.BrokerSettings;
import faust.settings.RpcSettings;
import faust.settings.TopicSettings;
import faust.topic.TP;
import faust.transport.RebalanceListener;
import faust.transport.TopicDeclaration;
import faust.transport.TpBatch;
import faust.transport.TrackedMessage;
import faust.transport.TransportConsumer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads this process's reply topic ({@code reply_to}) with its own consumer (its own group, so
 * app rebalances never stall replies) and completes waiting {@code ask} futures by correlation id.
 */
public final class ReplyConsumer {
    private static final Logger log = LoggerFactory.getLogger(ReplyConsumer.class);
    private final AppRuntime rt;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private volatile @Nullable Thread thread;
    private volatile boolean running;
    private volatile @Nullable TransportConsumer consumer;

    record Pending(CompletableFuture<Object> future, Class<?> type) {}

    /** @param rt the runtime */
    public ReplyConsumer(AppRuntime rt) {
        this.rt = rt;
    }

    /**
     * Called when the app starts: with {@code reply_create_topic}, declares the reply topic and
     * starts reading it now, as Faust's reply consumer does, instead of at the first ask.
     */
    public void start() {
        if (rt.settings().get(RpcSettings.REPLY_CREATE_TOPIC)) {
            ensureStarted();
        }
    }

    /**
     * @param correlationId the request's id
     * @param type what the reply is decoded into
     * @param timeout when the future fails with a {@link TimeoutException} and the request is forgotten
     * @return completes with the decoded reply
     */
    CompletableFuture<Object> expect(String correlationId, Class<?> type, Duration timeout) {
        ensureStarted();
        CompletableFuture<Object> f = new CompletableFuture<>();
        pending.put(correlationId, new Pending(f, type));
        f.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).whenComplete((v, e) -> pending.remove(correlationId));
        return f;
    }

    private void ensureStarted() {
        if (thread != null) {
            return;
        }
        lock.lock();
        try {
            if (thread != null) {
                return;
            }
            String topic = rt.settings().get(RpcSettings.REPLY_TO);
            if (rt.settings().get(RpcSettings.REPLY_CREATE_TOPIC)) {
                rt.declare(new TopicDeclaration(topic, 1, rt.settings().get(TopicSettings.TOPIC_REPLICATION_FACTOR), rt.settings().get(RpcSettings.REPLY_EXPIRES),
                        false, true, Map.of()));
            }
            running = true;
            Thread t = Thread.ofPlatform().daemon(true).name("faust-replies-" + rt.settings().id()).unstarted(() -> run(topic));
            thread = t;
            t.start();
        } finally {
            lock.unlock();
        }
    }

    private void run(String topic) {
        TransportConsumer c = rt.transport().createConsumer(rt.settings().id() + "-reply-" + UUID.randomUUID(),
                rt.settings().get(BrokerSettings.BROKER_CLIENT_ID), m -> { }, () -> -1);
        consumer = c;
        try {
            c.subscribe(List.of(topic), null, new RebalanceListener() {
                @Override
                public void onPartitionsRevoked(Set<TP> revoked) {}

                @Override
                public void onPartitionsAssigned(Set<TP> assigned) {}
            });
            while (running) {
                for (TpBatch b : c.poll(Duration.ofMillis(200))) {
                    for (TrackedMessage m : b.messages()) {
                        handle(m);
                    }
                }
            }
        } catch (RuntimeException e) {
            log.error("[{}] reply consumer failed; pending asks will time out", rt.settings().id(), e);
        } finally {
            c.close();
        }
    }

    private void handle(TrackedMessage m) {
        byte[] v = m.value();
        if (v == null) {
            rt.onBadInput(m, "a reply with no value (a tombstone) on the reply topic; ignored", null);
            return;
        }
        JsonNode n;
        try {
            n = ReqRep.tree(v);
        } catch (RuntimeException e) {
            rt.onBadInput(m, "a reply that is not JSON; ignored", e);
            return;
        }
        JsonNode id = n.path("correlation_id");
        String ns = n.path("__faust").path("ns").asText(null);
        if (!id.isTextual() || ns == null || !ReqRep.RESPONSE_NAMESPACES.contains(ns)) {
            rt.onBadInput(m, "a message on the reply topic that is not a Faust reply (namespace "
                    + (ns == null ? "(none)" : "'" + ns + "'") + ", correlation_id " + id + "); ignored", null);
            return;
        }
        Pending p = pending.get(id.asText());
        if (p == null) {
            rt.onBadInput(m, "a reply with correlation id " + id.asText() + ", which no request of this process waits for "
                    + "(it timed out, or the reply came twice); ignored", null);
            return;
        }
        try {
            JsonNode value = n.path("value");
            Object result = value.isNull() || value.isMissingNode() ? null
                    : rt.codecs().loadsValue(p.type(), ReqRep.bytes(value), Codecs.JSON);
            p.future().complete(result);
        } catch (RuntimeException e) {
            rt.onBadInput(m, "a reply whose value cannot be read as " + p.type().getName() + "; the ask fails", e);
            p.future().completeExceptionally(new FaustException("the reply cannot be read as " + p.type().getName(), e));
        }
    }

    /** Stops the reply thread; pending asks fail. */
    public void stop() {
        running = false;
        TransportConsumer c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        pending.values().forEach(p -> p.future().completeExceptionally(new FaustException("app stopped before the reply came")));
    }
}
