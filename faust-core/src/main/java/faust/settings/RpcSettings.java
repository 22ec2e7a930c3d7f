package faust.settings;

import static faust.settings.Parsers.bool;
import static faust.settings.Parsers.string;

import java.time.Duration;
import java.util.List;

/** Agent RPC (ask and reply) settings. */
public final class RpcSettings {
    private static final Definer D = new Definer(Section.RPC);

    /** {@code reply_to}: the reply topic; generated once per {@link Settings} when not set. */
    public static final Setting<String> REPLY_TO = D.derived("reply_to", string(), "`<reply_to_prefix><random UUID>`",
            "REPLY_TO", "Reply topic of this instance; generated once per Settings if unset.");
    /** {@code reply_to_prefix}: the prefix of generated reply topics. */
    public static final Setting<String> REPLY_TO_PREFIX = D.define("reply_to_prefix", string(), "f-reply-",
            "APP_REPLY_TO_PREFIX", "Prefix of generated reply topics.");
    /** {@code reply_create_topic}: whether the reply topic is created at startup. */
    public static final Setting<Boolean> REPLY_CREATE_TOPIC = D.define("reply_create_topic", bool(), "false",
            "APP_REPLY_CREATE_TOPIC", "Create the reply topic at startup.");
    /** {@code reply_expires}: how long replies stay in the reply topic. */
    public static final Setting<Duration> REPLY_EXPIRES = D.define("reply_expires", Parsers.duration(true), "1d",
            "APP_REPLY_EXPIRES", "How long replies stay in the reply topic.");

    private RpcSettings() {}

    static List<Setting<?>> keys() {
        return D.keys();
    }
}
