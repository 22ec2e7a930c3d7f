package faust.transport;

import faust.topic.TP;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads chosen partitions from chosen offsets, outside any consumer group, the way a table's
 * recovery and standbys read changelogs (Kafka Streams' restore consumer). Under exactly-once
 * it reads only committed records. Owned by one thread; nothing it reads is tracked or
 * acknowledged.
 */
public interface TransportReader extends AutoCloseable {
    /**
     * Reads these partitions from now on, instead of those read before.
     *
     * @param partitions the partitions
     */
    void assign(Set<TP> partitions);

    /**
     * @param tp an assigned partition
     * @param offset the next offset to read; one below the log start reads from the start
     */
    void seek(TP tp, long offset);

    /**
     * @param tp an assigned partition
     * @return the offset of the next record this reader would return (past transaction markers and
     *     aborted records it skipped)
     */
    long position(TP tp);

    /**
     * @param timeout the longest wait when nothing is available
     * @return what was read, per partition, possibly nothing
     */
    List<TpBatch> poll(Duration timeout);

    /**
     * @param partitions partitions to ask about
     * @return each one's end: the offset the next record will get, or under exactly-once the last
     *     stable offset (no record of a transaction still open is counted)
     */
    Map<TP, Long> endOffsets(Set<TP> partitions);

    /**
     * @param partitions partitions to ask about
     * @return each one's first offset still in the log (above 0 once retention deleted records)
     */
    Map<TP, Long> beginningOffsets(Set<TP> partitions);

    @Override
    void close();
}
