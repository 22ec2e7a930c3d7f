package faust.sensor.internal;

/** The {@link Sensor} hooks, for log messages and per-hook failure counts. */
enum SensorHook {
    MESSAGE_IN("onMessageIn"), STREAM_EVENT_IN("onStreamEventIn"), STREAM_EVENT_OUT("onStreamEventOut"),
    MESSAGE_OUT("onMessageOut"), DECODE_ERROR("onDecodeError"), TOPIC_BUFFER_FULL("onTopicBufferFull"),
    TABLE_GET("onTableGet"), TABLE_SET("onTableSet"), TABLE_DEL("onTableDel"),
    COMMIT_INITIATED("onCommitInitiated"), COMMIT_COMPLETED("onCommitCompleted"),
    SEND_INITIATED("onSendInitiated"), SEND_COMPLETED("onSendCompleted"), SEND_ERROR("onSendError"),
    ASSIGNMENT_START("onAssignmentStart"), ASSIGNMENT_ERROR("onAssignmentError"),
    ASSIGNMENT_COMPLETED("onAssignmentCompleted"), REBALANCE_START("onRebalanceStart"),
    REBALANCE_RETURN("onRebalanceReturn"), REBALANCE_END("onRebalanceEnd"),
    WEB_REQUEST_START("onWebRequestStart"), WEB_REQUEST_END("onWebRequestEnd");

    static final int COUNT = values().length;
    final String method;

    SensorHook(String method) {
        this.method = method;
    }
}
