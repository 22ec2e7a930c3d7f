package faust.internal;

import faust.topic.TP;
import java.util.Map;
import java.util.Set;

/**
 * Holds newly assigned partitions back until the state their events need is ready: tables
 * recover their changelogs before any agent sees an event of the partitions. Called on the
 * consumer thread, from inside the rebalance callbacks and the poll loop.
 */
public interface PartitionGate {
    /** A gate that holds nothing back: an app without tables. */
    PartitionGate OPEN = new PartitionGate() {
        @Override
        public Set<TP> onAssigned(Set<TP> assigned, Set<TP> standbys) {
            return Set.of();
        }

        @Override
        public void onRevoked(Set<TP> revoked) {
        }

        @Override
        public Set<TP> takeReleased() {
            return Set.of();
        }

        @Override
        public boolean ready() {
            return true;
        }
    };

    /**
     * @param assigned the partitions now owned
     * @param standbys the changelog partitions this worker is a standby for now
     * @return those to keep paused until {@link #takeReleased()} gives them back
     */
    Set<TP> onAssigned(Set<TP> assigned, Set<TP> standbys);

    /** @return changelog topic to partition count of the state that wants standby replicas; none by default */
    default Map<String, Integer> standbyChangelogs() {
        return Map.of();
    }

    /** @param revoked partitions leaving this worker; what was held for them is forgotten */
    void onRevoked(Set<TP> revoked);

    /** @return partitions held back that may be read now (each given once), or none */
    Set<TP> takeReleased();

    /** @return whether nothing is held back */
    boolean ready();
}
