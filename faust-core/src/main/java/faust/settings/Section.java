package faust.settings;

/** The sections of the settings reference; they mirror Faust's settings sections. */
public enum Section {
    /** Settings every app has: id, broker, store, directories. */
    COMMON("Common"),
    /** Agent settings. */
    AGENT("Agent"),
    /** Kafka client settings shared by consumer and producer. */
    BROKER("Broker"),
    /** Consumer settings. */
    CONSUMER("Consumer"),
    /** Producer settings. */
    PRODUCER("Producer"),
    /** Default codecs. */
    SERIALIZATION("Serialization"),
    /** Stream settings. */
    STREAM("Stream"),
    /** Agent RPC (ask/reply) settings. */
    RPC("RPC"),
    /** Table settings. */
    TABLE("Table"),
    /** Topic settings. */
    TOPIC("Topic"),
    /** Web server settings. */
    WEB("Web"),
    /** Worker settings. */
    WORKER("Worker");

    private final String title;

    Section(String title) {
        this.title = title;
    }

    /** @return the heading used in the reference */
    public String title() {
        return title;
    }
}
