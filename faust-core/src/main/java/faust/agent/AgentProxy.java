package faust.agent;

import faust.topic.Topic;

/**
 * A typed handle for an agent that runs somewhere else (another faust-java app, or a Python Faust
 * worker), addressed by the topic it reads: {@code app.agentProxy(topic, Result.class)}. It sends
 * and asks exactly as a local agent's handle does, in the remote side's {@linkplain ReplyForm
 * reply form}, and never consumes the agent's topic, so it works in a full worker and in a
 * client-only app alike. Thread-safe.
 *
 * <pre>{@code
 * // Python: @app.agent() async def mul(stream): ...   in app "billing", module "rates"
 * Topic<String, Double> mulTopic = app.topic("billing-rates.mul", String.class, Double.class);
 * AgentProxy<String, Double, Double> mul = app.agentProxy(mulTopic, Double.class);
 * double r = mul.ask(3.0);
 * }</pre>
 *
 * @param <K> key type of the agent's topic
 * @param <V> value type of the agent's topic
 * @param <R> result type
 */
public interface AgentProxy<K, V, R> extends AgentRef<K, V, R> {
    /** @return the agent's topic, where requests and casts go */
    Topic<K, V> topic();

    /** @return how this proxy's requests name the reply topic */
    ReplyForm replyForm();
}
