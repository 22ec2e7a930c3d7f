package faust.sensor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Builds {@link Monitor#asMap()}: Faust's {@code Monitor.asdict()} keys, in Faust's order, plus ours. */
final class MonitorSnapshot {
    private MonitorSnapshot() {}

    static Map<String, Object> asMap(MonitorStats m) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("messages_active", m.messagesActive());
        d.put("messages_received_total", m.messagesReceivedTotal());
        d.put("messages_sent", m.messagesSent());
        d.put("messages_sent_by_topic", m.messagesSentByTopic());
        d.put("messages_s", m.messagesS());
        d.put("messages_received_by_topic", m.messagesReceivedByTopic());
        d.put("events_active", m.eventsActive());
        d.put("events_total", m.eventsTotal());
        d.put("events_s", m.eventsS());
        d.put("events_runtime_avg", m.eventsRuntimeAvg());
        d.put("events_runtime", m.eventsRuntime());
        d.put("events_by_task", m.eventsByTask());
        d.put("events_by_stream", m.eventsByStream());
        d.put("commit_latency", m.commitLatency());
        d.put("send_latency", m.sendLatency());
        d.put("assignment_latency", m.assignmentLatency());
        d.put("assignments_completed", m.assignmentsCompleted());
        d.put("assignments_failed", m.assignmentsFailed());
        d.put("send_errors", m.sendErrors());
        d.put("topic_buffer_full", m.topicBufferFull());
        d.put("metric_counts", m.metricCounts());
        Map<String, Object> tables = new TreeMap<>();
        m.tables().forEach((name, state) -> tables.put(name, state.asMap()));
        d.put("tables", tables);
        d.put("tp_committed_offsets", m.tpCommittedOffsets.byTopic());
        d.put("tp_read_offsets", m.tpReadOffsets.byTopic());
        d.put("tp_end_offsets", m.tpEndOffsets.byTopic());
        d.put("rebalance_end_avg", m.rebalanceEndAvg());
        d.put("rebalance_end_latency", m.rebalanceEndLatency());
        d.put("rebalance_return_avg", m.rebalanceReturnAvg());
        d.put("rebalance_return_latency", m.rebalanceReturnLatency());
        d.put("rebalances", m.rebalances());
        d.put("http_response_codes", m.httpResponseCodes());
        d.put("http_response_latency", m.httpResponseLatency());
        d.put("http_response_latency_avg", m.httpResponseLatencyAvg());
        d.put("decode_errors", m.decodeErrors());
        d.put("decode_errors_by_topic", m.decodeErrorsByTopic());
        return d;
    }
}
