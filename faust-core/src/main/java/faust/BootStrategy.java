package faust;

/**
 * What {@link App#start(BootStrategy)} starts (Faust's BootStrategy and its client-only and
 * producer-only modes).
 */
public enum BootStrategy {
    /** Everything: consumer group, agents, tasks, timers, services. What {@code worker} runs. */
    FULL,
    /** A client of other workers: producer and reply consumer (for {@code ask}), no agents, no group membership. */
    CLIENT_ONLY,
    /** Only the producer: for scripts that send messages. */
    PRODUCER_ONLY
}
