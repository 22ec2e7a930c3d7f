#!/usr/bin/env python3
"""Generate docs/faust-mapping.md from the Faust 1.6 API reference dump.

Usage: gen_mapping.py <reference.txt> > docs/faust-mapping.md
Entries come from extract_faust_api.py; the Java mapping is kept in the
tables below (one entry per Faust name, per section)."""
import re, subprocess, sys, os
from collections import OrderedDict

REF = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
out = subprocess.run([sys.executable, os.path.join(here, "extract_faust_api.py"), REF],
                     capture_output=True, text=True, check=True).stdout
entries = [l.split("\t") for l in out.strip().split("\n")]

# ---------------------------------------------------------------- sections
def section_of(line, cls):
    if 507 <= line < 1022: return "App"
    if 3222 <= line < 3485: return "Service"
    if 2591 <= line < 2597: return "Table"
    return cls

SECTION_NAMES = {
    "faust.Agent": "Agent", "faust.App": "App", "BootStrategy": "App.BootStrategy",
    "Settings": "App.Settings", "faust.Channel": "Channel", "faust.ChannelT": "ChannelT",
    "faust.Event": "Event", "faust.EventT": "EventT", "faust.ModelOptions": "ModelOptions",
    "faust.Record": "Record", "faust.Monitor": "Monitor", "faust.Sensor": "Sensor",
    "faust.Codec": "Codec", "faust.Stream": "Stream", "faust.StreamT": "StreamT",
    "faust.SetTable": "SetTable", "faust.Table": "Table", "WindowWrapper": "Table.WindowWrapper",
    "faust.Topic": "Topic", "faust.TopicT": "TopicT", "faust.GSSAPICredentials": "GSSAPICredentials",
    "faust.SASLCredentials": "SASLCredentials", "faust.SSLCredentials": "SSLCredentials",
    "faust.Settings": "Settings", "faust.TumblingWindow": "TumblingWindow", "faust.Window": "Window",
    "faust.Worker": "Worker", "faust.Service": "Service", "Diag": "Service.Diag",
    "faust.ServiceT": "ServiceT",
}
# Duplicate (abstract type) sections reuse the concrete section's mapping.
ALIAS = {"ChannelT": "Channel", "EventT": "Event", "StreamT": "Stream", "TopicT": "Topic",
         "ServiceT": "Service", "App.Settings": "Settings"}

sections = OrderedDict()   # name -> list of (faust_name, kind)
def add(sec, name, kind):
    rows = sections.setdefault(sec, [])
    if (name, kind) not in rows and name not in [r[0] for r in rows]:
        rows.append((name, kind))

cur = None
module_rows = []
for ln, kind, name in entries:
    ln = int(ln)
    if kind == "class":
        cur = SECTION_NAMES.get(name, name)
        add(cur, "(class)", "class")
        continue
    if kind in ("func", "name"):
        if name in ("faust.HoppingWindow", "faust.SlidingWindow"):
            add(name.split(".")[1], "(class)", "class"); cur = name.split(".")[1]
        else:
            add("Module functions", name.split(".")[1] + "()", "func")
        continue
    sec = section_of(ln, cur)
    if sec == "App" and "App" not in sections:
        add("App", "(class)", "class")
    add(sec, name, kind)

# Settings constructor keyword arguments not listed as members.
SIG_EXTRA = ["web_enabled", "loghandlers", "reply_to", "url"]
for s in ("Settings",):
    for n in SIG_EXTRA:
        add(s, n, "kwarg")
# App(...) constructor arguments
for n in ("id", "monitor", "config_source", "loop", "beacon"):
    add("App", n, "kwarg")

# ---------------------------------------------------------------- mapping
D = "done"
def P(x): return "partial: " + x
def L(x): return "later: " + x
def W(x): return "will not: " + x
TBT = "`faust.table.TableTest`, `faust.table.TableRecoveryTest`, `faust.table.TableExactlyOnceTest`, `faust.table.StandbyTest`, `faust.kafka.KafkaTableTest`"
STT = "`faust.table.SetTableTest`, `faust.examples.ExamplesTest`"
TBL = L("tables issue"); WIN = L("windows issue"); KAFKA = L("Kafka issue #3"); WEB = L("web issue"); CLI = L("CLI issue")
PY = W("Python/asyncio-only")
LOGGER = ("SLF4J `Logger` per class", W("Python logging attribute; SLF4J loggers are private"), "—")

M = {}
def m(sec, **kw):
    M.setdefault(sec, {}).update(kw)

def row(java, status, test="—"):
    return (java, status, test)

# ---- Agent
AT = "`faust.agent.AgentTest`"
m("Agent", **{
 "(class)": row("`faust.agent.Agent<K,V,R>` (impl `faust.agent.internal.AgentImpl`)", D, AT),
 "supervisor": row("internal `Supervisor` policy of each agent; strategy via `a -> a.supervisorStrategy(...)`", P("not exposed as a property"), AT + ", `faust.agent.internal.SupervisorTest`"),
 "on_init_dependencies": row("—", W("mode service graph; actors are virtual threads owned by `AgentImpl`")),
 "cancel": row("`App.stop()` stops agents", P("no per-agent cancel()")),
 "info": row("`Agent.info()`", D, AT),
 "clone": row("—", W("agents are built by `App.agent(...)`; build another with new options")),
 "test_context": row("`Agent.testContext()` → `AgentTestContext`", P("no channel/supervisor_strategy/on_error overrides"), AT),
 "actor_from_stream": row("internal (`AgentImpl`)", W("internal actor plumbing")),
 "add_sink": row("`a -> a.sink(Agent|Channel|Consumer)` (a sealed `faust.agent.Sink`)", P("sinks only at definition time"), AT),
 "stream": row("`Agent.channel().stream()`", P("no Agent.stream(); use the channel")),
 "ask": row("`Agent.ask(value)`, `ask(value, timeout)`, `ask(key, value, timeout)`, `ask(key, value, SendOptions, timeout)` (partition, timestamp, headers); the same on `AgentProxy` for agents that run elsewhere; header form by default (`agent_use_reply_headers`), both forms read", P("no reply_to/correlation_id args: replies come to this process's `reply_to` under a generated id"), AT + ", `faust.agent.RpcWireTest`"),
 "ask_nowait": row("`Agent.askAsync(value)`, `askAsync(key, value[, SendOptions])` → `CompletableFuture<R>` (ends by itself after the ask timeout)", P("returns a future, not a ReplyPromise; no reply_to/correlation_id args"), AT + ", `faust.agent.RpcWireTest`"),
 "cast": row("`Agent.cast(value)`, `Agent.cast(key, value)`: fire-and-forget (`void`; a failure is logged)", P("no partition/timestamp/headers args"), AT),
 "join": row("`Agent.join(Iterable<V>)`", P("no key/reply_to args"), AT),
 "kvjoin": row("`Agent.kvjoin(Iterable<KeyValue<K,V>>)`", P("no reply_to arg"), AT),
 "kvmap": row("`Agent.kvmap(Iterable<KeyValue<K,V>>)`", P("no reply_to arg"), AT),
 "map": row("`Agent.map(Iterable<V>)`", P("no key/reply_to args"), AT),
 "logger": LOGGER,
 "on_isolated_partitions_assigned": row("`a -> a.isolatedPartitions(true)`: an actor (thread `agent-<name>-<topic>-<partition>`) starts per assigned partition", D, "`faust.agent.IsolatedPartitionsTest`"),
 "on_isolated_partitions_revoked": row("`a -> a.isolatedPartitions(true)`: the partition's actor stops on revocation", D, "`faust.agent.IsolatedPartitionsTest`"),
 "on_partitions_assigned": row("`Agent.onPartitionsAssigned(Consumer<Set<TP>>)`", D, AT),
 "on_partitions_revoked": row("`Agent.onPartitionsRevoked(Consumer<Set<TP>>)`", D, AT),
 "on_shared_partitions_assigned": row("`Agent.onPartitionsAssigned(...)` (all agents share partitions)", D, AT),
 "on_shared_partitions_revoked": row("`Agent.onPartitionsRevoked(...)`", D, AT),
 "on_start": row("started by `App.start()`", P("no user hook; internal")),
 "on_stop": row("stopped by `App.stop()`", P("no user hook; internal")),
 "send": row("`Agent.send(key, value)`; `Agent.channel().send(key, value, SendOptions)` for partition/timestamp/headers", P("no reply_to arg"), AT),
 "get_topic_names": row("`((Topic<?,?>) agent.channel()).topics()`", P("no direct method")),
 "channel": row("`Agent.channel()`", D, AT),
 "channel_iterator": row("—", W("asyncio async-iterator detail")),
 "label": row("`Agent.name()`", D, AT),
 "shortlabel": row("`Agent.name()`", D, AT),
})
# ---- App
APT = "`faust.AppTest`"
m("App", **{
 "(class)": row("`faust.App` (`App.create(id, cfg -> ...)`)", D, APT),
 "id": row("`App.create(String id, ...)`; `App.conf().id()`", D, APT),
 "monitor": row("`App.monitor()` (`faust.sensor.Monitor`)", D, "`faust.sensor.MonitorTest`"),
 "config_source": row("`AppConfig.configFile(Path)`, `AppConfig.environment(...)`", D, "`faust.AppConfigTest`"),
 "loop": row("—", W("asyncio event loop; virtual threads instead")),
 "beacon": row("—", W("mode beacon trees")),
 "client_only": row("`App.start(BootStrategy.CLIENT_ONLY)`", D, APT),
 "producer_only": row("`App.start(BootStrategy.PRODUCER_ONLY)`", D, APT),
 "tracer": row("—", L("tracing not planned yet")),
 "on_init_dependencies": row("internal `AppService` dependencies", W("mode service graph detail")),
 "config_from_object": row("`AppConfig.configFile(Path)` / `AppConfig.set(name, value)`", P("no arbitrary-object source; properties file and code only"), "`faust.AppConfigTest`"),
 "finalize": row("`App.create(...)` builds a finalized app", D, APT),
 "worker_init": row("—", W("Python worker bootstrap hook")),
 "discover": row("`autodiscover` setting parsed", P("no classpath scanning of @agent definitions; agents register via App.agent()")),
 "main": row("`App.main(String... args)` → the `faust.CommandLine` that faust-cli provides through `ServiceLoader` (worker, agents, tables, reset)", P("worker, agents, tables and reset commands; the others come with the CLI issue"), APT + ", `faust.cli.FaustCommandTest`"),
 "topic": row("`App.topic(name, keyType, valueType[, options])`, `App.topics(...)`, `App.topicPattern(...)`", D, APT),
 "channel": row("`App.channel(keyType, valueType)`", D, APT),
 "agent": row("`App.agent(name, channel|types, [a -> options], AgentFunction)` → `Agent<K,V,Void>`; `App.agent(name, channel|types, Result.class, [a -> options], YieldingAgentFunction)` → `Agent<K,V,R>`", D, AT),
 "actor": row("`App.agent(...)`", D, AT),
 "task": row("`App.task(name, Runnable)`", D, APT),
 "timer": row("`App.timer(Duration, [t -> t.name(...).onLeader()], Runnable)`", D, APT + ", `faust.AppTestDriverTest`"),
 "crontab": row("`App.crontab(spec, t -> t.name(...).timezone(...).onLeader(), Runnable)`", D, "`faust.service.CrontabTest`, `faust.AppTestDriverTest`"),
 "service": row("`App.service(Service)`", D, APT),
 "is_leader": row("`App.isLeader()`", D, APT),
 "stream": row("`App.stream(Channel)`", D, "`faust.stream.StreamTest`"),
 "Table": row("`App.table(name, K, V, default[, o -> options])` → `faust.table.Table`; `App.globalTable(...)` → `faust.table.GlobalTable` (Faust's `GlobalTable`)", P("windowing comes with the windows issue"), TBT + ", `faust.table.GlobalTableTest`"),
 "SetTable": row("`App.setTable(name, K, E[, o -> options])` → `faust.table.SetTable`; `App.setGlobalTable(...)` (Faust's `SetGlobalTable`)", D, STT),
 "page": row("—", WEB), "table_route": row("—", WEB), "command": row("—", CLI),
 "trace": row("—", L("tracing not planned yet")), "traced": row("—", L("tracing not planned yet")),
 "on_rebalance_start": row("internal (`RebalanceHandler` + `Sensor.onRebalanceStart()`)", P("no App-level hook; use a Sensor"), "`faust.sensor.internal.SensorDelegateTest`"),
 "on_rebalance_return": row("internal (`Sensor.onRebalanceReturn()`)", P("no App-level hook; use a Sensor")),
 "on_rebalance_end": row("internal (`Sensor.onRebalanceEnd()`)", P("no App-level hook; use a Sensor")),
 "FlowControlQueue": row("internal `faust.topic.internal.EventQueue`", W("internal queue factory")),
 "Worker": row("`worker` command of faust-cli (`faust.cli.FaustCommand`)", P("no Worker class"), "`faust.cli.FaustCommandTest`"),
 "on_webserver_init": row("—", WEB),
 "commit": row("internal commit in `faust.internal.ConsumerLoop`", P("no public App.commit(topics)"), "`faust.transport.internal.OffsetTrackerTest`"),
 "conf": row("`App.conf()` → `faust.settings.Settings`; read with `conf().get(SETTING)`", D, "`faust.SettingsTest`"),
 "logger": LOGGER,
 "maybe_start_client": row("—", W("asyncio lazy start; send() starts the producer")),
 "on_first_start": row("—", W("mode hook; use App.start()")),
 "on_init_extra_service": row("—", W("mode hook")),
 "on_start": row("`App.start()`", P("no overridable hook")),
 "on_started": row("`App.start()`", P("no overridable hook")),
 "on_started_init_extra_services": row("—", W("mode hook")),
 "on_started_init_extra_tasks": row("—", W("mode hook")),
 "on_stop": row("`App.stop()`", P("no overridable hook")),
 "send": row("`App.send(topic|channel, key, value)` → `CompletableFuture<RecordMetadata>`", P("no partition/timestamp/headers/serializer args (use Channel.send(key, value, SendOptions))"), APT),
 "start_client": row("`App.start(BootStrategy.CLIENT_ONLY)`", D, APT),
 "producer": row("internal `AppRuntime.producer()`", P("not public")),
 "consumer": row("internal `AppRuntime.consumerLoop()`", P("not public")),
 "transport": row("`faust.transport.Transport` SPI: `memory://` in core, `kafka://` in faust-kafka (`faust.kafka.internal.KafkaTransport`)", P("not exposed on App"), "`faust.kafka.KafkaTransportTest`"),
 "cache": row("—", L("cache backend not planned in this issue")),
 "http_client": row("—", WEB),
 "shortlabel": row("`App.conf().id()`", D),
})
m("App.BootStrategy", **{
 "(class)": row("`faust.BootStrategy` enum (FULL, CLIENT_ONLY, PRODUCER_ONLY)", P("enum of modes, not a pluggable class"), APT),
 "agents": row("`BootStrategy.FULL` starts agents", D, APT),
 "client_only": row("`BootStrategy.CLIENT_ONLY`", D, APT),
 "enable_kafka": row("—", KAFKA), "enable_kafka_consumer": row("`BootStrategy.PRODUCER_ONLY` disables the consumer", P("no per-flag toggle")),
 "enable_kafka_producer": row("—", P("producer always enabled")),
 "enable_sensors": row("—", P("sensors always enabled")),
 "enable_web": row("`web_enabled` setting", WEB),
 "kafka_client_consumer": row("internal `ReplyConsumer`", D, AT),
 "tables": row("`BootStrategy.FULL` recovers tables; CLIENT_ONLY and PRODUCER_ONLY hold no partitions", P("no per-flag toggle"), TBT),
 "kafka_conductor": row("internal `faust.internal.Conductor`", D),
 "kafka_consumer": row("internal `ConsumerLoop`", D, "`faust.AppTest`"),
 "kafka_producer": row("internal `AppRuntime.producer()`", D),
 "producer_only": row("`BootStrategy.PRODUCER_ONLY`", D, APT),
 "sensors": row("`App.sensors()` → `faust.sensor.Sensors` (add, remove, contains, asList)", D, "`faust.sensor.internal.SensorDelegateTest`"),
 "server": row("—", W("Python service graph grouping")),
 "web_components": row("—", WEB), "web_server": row("—", WEB),
})
# ---- Channel
CT = "`faust.stream.StreamTest`"
m("Channel", **{
 "(class)": row("`faust.topic.Channel<K,V>` (`App.channel(...)`, impl `ChannelImpl`)", D, CT),
 "deliver": row("internal `AbstractChannel.deliver(TrackedMessage[])`", D, "`faust.AppTest`"),
 "queue": row("internal `AbstractChannel.queue()` (`EventQueue`)", D),
 "clone": row("—", W("channels are immutable; create a new one")),
 "clone_using_queue": row("—", W("asyncio queue detail")),
 "stream": row("`Channel.stream()`", D, CT),
 "get_topic_name": row("—", P("channels have no topic name; `Topic.topics()`")),
 "as_future_message": row("—", W("internal FutureMessage")),
 "prepare_headers": row("`faust.stream.Headers`", W("internal")),
 "prepare_key": row("`faust.codec.Codecs.dumpsKey(...)`", W("internal")),
 "prepare_value": row("`faust.codec.Codecs.dumpsValue(...)`", W("internal")),
 "empty": row("—", P("not public")),
 "on_stop_iteration": row("—", W("asyncio iteration detail")),
 "derive": row("`Topic.derive(...)`", P("only on Topic")),
 "declare": row("`Topic.declare()`", P("only on Topic")),
 "decode": row("internal `AbstractChannel.decode(TrackedMessage)`", D, "`faust.codec.CodecsTest`"),
 "get": row("`Channel.get(Duration timeout)`", D, CT),
 "on_decode_error": row("`Sensor.onDecodeError(...)`; `faust.errors.KeyDecodeException`/`ValueDecodeException`", P("no overridable hook")),
 "on_key_decode_error": row("`faust.errors.KeyDecodeException`", P("no overridable hook")),
 "on_value_decode_error": row("`faust.errors.ValueDecodeException`", P("no overridable hook")),
 "publish_message": row("internal `TopicImpl.send(...)`", W("internal")),
 "put": row("`Channel.put(key, value)`", D, CT),
 "send": row("`Channel.send(value)`, `send(key, value)`, `send(key, value, SendOptions)`", D, APT),
 "throw": row("—", W("asyncio queue detail")),
 "subscriber_count": row("—", P("not public")),
 "label": row("`Channel.label()`", D),
})
# ---- Event
ET = CT
m("Event", **{
 "(class)": row("`faust.stream.Event<K,V>`", D, ET),
 "forward": row("`Event.forward(channel[, newKey])`", D, ET),
 "send": row("`Event.send(channel, key, value)`", D, ET),
 "ack": row("`Event.ack()`", D, ET),
})
# ---- ModelOptions / Record
MT = "`faust.codec.ModelsTest`"
m("ModelOptions", **{
 "(class)": row("`@faust.codec.FaustRecord` annotation on a Java `record`", D, MT),
 "serializer": row("`@FaustRecord(serializer=...)`", D, MT),
 "include_metadata": row("`@FaustRecord(includeMetadata=...)`", D, MT),
 "allow_blessed_key": row("—", P("polymorphism via `@FaustRecord(polymorphicFields=...)` only")),
 "isodates": row("`@FaustRecord(isodates=...)`", D, MT),
 "decimals": row("`@FaustRecord(decimals=...)`", D, MT),
 "coercions": row("`@FaustRecord(coerce=...)`", P("no custom coercion map")),
 "fields": row("Java record components", D, MT),
 "fieldset": row("Java record components", W("derived by Java reflection")),
 "fieldpos": row("Java record component order", W("derived by Java reflection")),
 "optionalset": row("`@FieldDefault` components", W("derived by Java reflection")),
 "models": row("internal `RecordInfo`", W("derived by Java reflection")),
 "modelattrs": row("internal `RecordInfo`", W("derived by Java reflection")),
 "field_coerce": row("`@FaustRecord(coerce=...)`", P("no per-field coercion")),
 "defaults": row("`@faust.codec.FieldDefault`", D, MT),
 "initfield": row("—", W("Python field descriptors")),
 "clone_defaults": row("—", W("Python class-creation detail")),
})
m("Record", **{
 "(class)": row("Java `record` + `@FaustRecord`; registry `faust.codec.Models`", D, MT),
 "from_data": row("`Codecs.loadsValue(type, bytes, \"json\")`", D, "`faust.codec.internal.JsonCodecTest`"),
 "to_representation": row("`Codecs.dumpsValue(record, \"json\")`", D, "`faust.codec.internal.JsonCodecTest`"),
 "asdict": row("—", P("no asdict(); records expose accessors")),
})
# ---- Monitor
MO = "`faust.sensor.MonitorTest`"
def mon(java): return row(java, D, MO)
m("Monitor", **{
 "(class)": mon("`faust.sensor.Monitor`"),
 "send_errors": mon("`Monitor.sendErrors()`"),
 "assignments_completed": mon("`Monitor.assignmentsCompleted()`"),
 "assignments_failed": mon("`Monitor.assignmentsFailed()`"),
 "max_avg_history": mon("`Monitor.maxAvgHistory()`"),
 "max_commit_latency_history": mon("`Monitor.maxCommitLatencyHistory()`"),
 "max_send_latency_history": mon("`Monitor.maxSendLatencyHistory()`"),
 "max_assignment_latency_history": mon("`Monitor.maxAssignmentLatencyHistory()`"),
 "rebalances": mon("`Monitor.rebalances()`"),
 "tables": row("`Monitor.tables()` → `TableState` (keys retrieved, updated, deleted; active and standby partitions, standby records, the last recovery's records read/total, time and whether it finished)", D, MO + ", `faust.table.TableTest`, `faust.table.StandbyTest`"),
 "commit_latency": mon("`Monitor.commitLatency()`"),
 "send_latency": mon("`Monitor.sendLatency()`"),
 "assignment_latency": mon("`Monitor.assignmentLatency()`"),
 "rebalance_return_latency": mon("`Monitor.rebalanceReturnLatency()`"),
 "rebalance_end_latency": mon("`Monitor.rebalanceEndLatency()`"),
 "rebalance_return_avg": mon("`Monitor.rebalanceReturnAvg()`"),
 "rebalance_end_avg": mon("`Monitor.rebalanceEndAvg()`"),
 "messages_active": mon("`Monitor.messagesActive()`"),
 "messages_received_total": mon("`Monitor.messagesReceivedTotal()`"),
 "messages_received_by_topic": mon("`Monitor.messagesReceivedByTopic()`"),
 "messages_sent": mon("`Monitor.messagesSent()`"),
 "messages_sent_by_topic": mon("`Monitor.messagesSentByTopic()`"),
 "messages_s": mon("`Monitor.messagesS()`"),
 "events_active": mon("`Monitor.eventsActive()`"),
 "events_total": mon("`Monitor.eventsTotal()`"),
 "events_by_task": mon("`Monitor.eventsByTask()`"),
 "events_by_stream": mon("`Monitor.eventsByStream()`"),
 "events_s": mon("`Monitor.eventsS()`"),
 "events_runtime_avg": mon("`Monitor.eventsRuntimeAvg()`"),
 "events_runtime": mon("`Monitor.eventsRuntime()`"),
 "topic_buffer_full": mon("`Monitor.topicBufferFull()`"),
 "metric_counts": mon("`Monitor.metricCounts()`"),
 "tp_committed_offsets": mon("`Monitor.tpCommittedOffsets()`"),
 "tp_read_offsets": mon("`Monitor.tpReadOffsets()`"),
 "tp_end_offsets": mon("`Monitor.tpEndOffsets()`"),
 "secs_since": row("—", W("internal time helper (`System.nanoTime`)")),
 "ms_since": row("—", W("internal time helper")),
 "secs_to_ms": row("—", W("internal time helper")),
 "logger": LOGGER,
 "asdict": mon("`Monitor.asMap()`"),
 "count": mon("`Monitor.count(name[, n])`"),
 "on_tp_commit": mon("`Monitor.onTpCommit(Map<TP,Long>)`"),
 "track_tp_end_offset": mon("`Monitor.trackTpEndOffset(TP, long)`"),
})
SEN = "`faust.sensor.SensorDelegateTest`"
hooks = {
 "on_message_in": "onMessageIn", "on_stream_event_in": "onStreamEventIn", "on_stream_event_out": "onStreamEventOut",
 "on_topic_buffer_full": "onTopicBufferFull", "on_message_out": "onMessageOut", "on_table_get": "onTableGet",
 "on_table_set": "onTableSet", "on_table_del": "onTableDel", "on_commit_initiated": "onCommitInitiated",
 "on_commit_completed": "onCommitCompleted", "on_send_initiated": "onSendInitiated", "on_send_completed": "onSendCompleted",
 "on_send_error": "onSendError", "on_assignment_start": "onAssignmentStart", "on_assignment_error": "onAssignmentError",
 "on_assignment_completed": "onAssignmentCompleted", "on_rebalance_start": "onRebalanceStart",
 "on_rebalance_return": "onRebalanceReturn", "on_rebalance_end": "onRebalanceEnd"}
for f, j in hooks.items():
    table_hook = f.startswith("on_table")
    m("Monitor", **{f: row(f"`Monitor.{j}(...)`", D, MO + (", `faust.table.TableTest`" if table_hook else ""))})
    m("Sensor", **{f: row(f"`Sensor.{j}(...)`", D, SEN + (", `faust.table.TableTest`" if table_hook else ""))})
m("Sensor", **{
 "(class)": row("`faust.sensor.Sensor` (interface, default no-op hooks, batch hooks `onMessagesIn`/`onMessagesOut`); fan-out internal `SensorDelegate`", D, SEN),
 "asdict": row("—", P("only Monitor has asMap()")),
 "logger": LOGGER,
})
# ---- Codec
CO = "`faust.codec.CodecsTest`"
m("Codec", **{
 "(class)": row("`faust.codec.Codec`; registry `faust.codec.Codecs`; `ChainCodec`", D, CO),
 "children": row("`faust.codec.ChainCodec` (\"json|binary\")", D, "`faust.codec.ChainCodecTest`"),
 "nodes": row("`ChainCodec`", W("internal tree detail")),
 "kwargs": row("—", W("Python constructor kwargs")),
 "dumps": row("`Codec.dumps(Object)`", D, CO),
 "loads": row("`Codec.loads(byte[], Class<T>)`", D, CO),
 "clone": row("—", W("codecs are stateless; compose with `Codecs.get(\"a|b\")`")),
})
# ---- Stream
ST = "`faust.stream.StreamTest`"
NOTFAUST = W("not implemented in Faust")
m("Stream", **{
 "(class)": row("`faust.stream.Stream<K,V>` (impl `StreamImpl`), iterate with `for (V v : stream)`", D, ST),
 "logger": LOGGER, "mundane_level": row("—", W("mode logging detail")),
 "get_active_stream": row("`Stream.activeStream()`", D, "`faust.stream.StreamTest.get_active_stream_follows_through_to_the_last_stream_of_the_chain`"),
 "get_root_stream": row("—", P("not public")),
 "add_processor": row("`Stream.addProcessor(Consumer)`", D, ST),
 "info": row("`Stream.label()`", P("no info() map")),
 "clone": row("—", W("streams are derived by operators")),
 "noack": row("`Stream.noack()`", D, ST),
 "events": row("`Stream.events()`", D, ST),
 "enumerate": row("`Stream.enumerate([start])` → `Indexed<V>`", D, ST),
 "through": row("`Stream.through(Channel|String)`", D, ST),
 "print": row("`addProcessor(System.out::println)`", P("no print() shortcut")),
 "echo": row("`Stream.echo(Channel...)`", D, ST),
 "group_by": row("`Stream.groupBy(keyFn, name[, partitions])`", D, ST),
 "derive_topic": row("`Stream.deriveTopic(name)`", D, ST),
 "combine": row("—", P("not implemented")),
 "contribute_to_stream": row("—", W("internal of combine()")),
 "join": row("—", NOTFAUST), "left_join": row("—", NOTFAUST), "inner_join": row("—", NOTFAUST),
 "outer_join": row("—", NOTFAUST),
 "on_merge": row("—", W("internal of joins")),
 "ack": row("`Stream.ack(Event)`", D, ST),
 "items": row("`Stream.items()` → `KeyValue<K,V>`", D, ST),
 "on_start": row("—", W("mode hook")), "on_stop": row("—", W("mode hook")),
 "remove_from_stream": row("—", W("internal of combine()")),
 "send": row("`stream.channel().send(...)`", P("no Stream.send()")),
 "stop": row("`App.stop()`", P("no per-stream stop()")),
 "take": row("`Stream.take(max, within)` → `Iterable<List<V>>`", D, ST),
 "throw": row("—", W("asyncio detail")),
 "label": row("`Stream.label()`", D, ST),
 "outbox": row("—", W("asyncio detail")),
 "join_strategy": row("—", NOTFAUST),
 "task_owner": row("—", W("asyncio task detail")),
 "current_event": row("`Stream.currentEvent()`", D, ST),
 "active_partitions": row("—", P("isolated partitions not implemented")),
 "concurrency_index": row("—", P("not exposed")),
 "enable_acks": row("`Stream.noack()`", D, ST),
 "prefix": row("`Stream.groupBy(..., name)` / `deriveTopic`", P("no prefix attribute")),
})
m("Module functions", **{
 "current_event()": row("`faust.Faust.currentEvent()`", D, ST + ", `faust.stream.internal.EventImplTest`"),
 "uuid()": row("`faust.Faust.uuid()`", D),
})
# ---- Tables, windows
for s in ("SetTable", "Table", "Table.WindowWrapper", "HoppingWindow", "TumblingWindow", "SlidingWindow", "Window"):
    M.setdefault(s, {})
TABLE_SECS = {"SetTable", "Table", "Table.WindowWrapper", "HoppingWindow", "TumblingWindow", "SlidingWindow", "Window"}
TABLE_ROWS = {
 "(class)": row("`faust.table.Table<K,V>` (`App.table(name, K, V, default[, o -> options])`; impl `faust.table.internal.ChangelogTable`): "
               "get/put/remove/delete/merge/compute/containsKey, local keySet/values/entrySet/size; docs/tables.md",
               D + " (windowed through `tumbling`/`hopping`/`usingWindow`: docs/windows.md)", TBT),
 "as_ansitable": row("`Table.asAnsiTable()`", D, "`faust.table.TableTest`"),
}
WT = "`faust.window.WindowTest`"
WINDOW_ROWS = {
 "Window": row("sealed `faust.window.Window` (`ranges`, `current`, `earliest`, `delta`, `stale`, `expires`; `Instant`/`Duration`); "
               "half-open `faust.window.WindowRange`", D, WT),
 "HoppingWindow": row("`faust.window.HoppingWindow(size, step, expires)`", D + " (millisecond sizes; step at most size)", WT),
 "TumblingWindow": row("`faust.window.TumblingWindow(size, expires)`, `TumblingWindow.of(size)`", D, WT),
 "SlidingWindow": row("`faust.window.SlidingWindow(before, after, expires)`", D, WT),
}
WWT = "`faust.table.WindowedTableTest`, `faust.table.WindowClosePropertyTest`, `faust.table.WindowedTableRecoveryTest`, `faust.kafka.KafkaWindowedTableTest`"
WW = "`faust.table.WindowedTable<K,V>`"
WW_ROWS = {
 "(class)": row(WW + " (from `Table.tumbling`/`hopping`/`usingWindow`; impl `faust.table.internal.WindowedChangelogTable`): `get(key)` → `faust.table.WindowSet` "
               "(`value`, `current`, `now`, `delta`, `at`, `merge`, `update`), `put`, `delete`; closes on stream time with the final aggregate "
               "(`onWindowClose`, `finalResults`, `grace`, `advanceIdlePartitionsAfter`); docs/windows.md",
               D + " (`now()` is the window holding now, not Faust's earliest window; see docs/windows.md)", WWT),
 "ValueType": row("`faust.table.WindowSet<K,V>` (sets: `faust.table.SetWindowSet<K,E>`)", D, WWT),
 "as_ansitable": row("`StateTable.asAnsiTable()` of the table: key, window, value", D, "`faust.table.WindowedTableTest`"),
 "clone": row("—", W("a table has one windowed view, declared once; its relativity is fixed at declaration")),
 "get_relative_timestamp": row("internal (`WindowTime`)", W("internal: the relativity is set with the relativeTo* methods")),
 "get_timestamp": row("`WindowSet.value(event)` (the table's timestamp of an event)", P("not exposed as a method"), WWT),
 "items": row("`WindowedTable.items()`, `itemsNow()`, `itemsCurrent()`, `itemsDelta(d)` (Faust's `items().now()` ...) over the key index", D, "`faust.table.WindowedTableTest`"),
 "key_index": row("the `keyIndex` argument of `tumbling`/`hopping`/`usingWindow`", D, "`faust.table.WindowedTableTest`"),
 "key_index_table": row("the companion table `{table}-key_index`", P("not exposed as an object"), "`faust.table.WindowedTableTest`"),
 "keys": row("`WindowedTable.keys()` (the key index)", D, "`faust.table.WindowedTableTest`"),
 "name": row("`WindowedTable.name()`", D),
 "on_del_key": row("`delete(key)` drops the key from the key index", D, "`faust.table.WindowedTableTest`"),
 "on_recover": row("`TableOptions.onRecover(...)` of the table", D, TBT),
 "on_set_key": row("internal: a write adds the key to the key index", W("internal hook")),
 "relative_to": row("`WindowedTable.relativeTo(Instant)`, `relativeTo(Function<Event, Instant>)`", D, WWT),
 "relative_to_field": row("`WindowedTable.relativeToField(Model::field)` (Instant, date-time, Date, epoch seconds or millis, ISO strings; a bad field is reported with topic, partition and offset)", D, "`faust.table.WindowedTableTest`, `faust.table.internal.WindowTimeTest`"),
 "relative_to_now": row("`WindowedTable.relativeToNow()` (closes on the wall clock)", D, "`faust.table.WindowedTableTest`"),
 "relative_to_stream": row("`WindowedTable.relativeToStream()` (the default)", D, WWT),
 "values": row("`WindowedTable.values()` (over the key index)", D, "`faust.table.WindowedTableTest`"),
 "using_window": row("`Table.usingWindow(window[, keyIndex])`, `SetTable.usingWindow(...)`", D, WWT),
 "hopping": row("`Table.hopping(size, step[, expires[, keyIndex]])`, `SetTable.hopping(...)`", D, WWT),
 "tumbling": row("`Table.tumbling(size[, expires[, keyIndex]])`, `SetTable.tumbling(...)`", D, WWT),
 "on_key_get": row("Monitor `keys_retrieved`", D, "`faust.sensor.MonitorTest`"),
 "on_key_set": row("Monitor `keys_updated`", D, "`faust.sensor.MonitorTest`"),
 "on_key_del": row("Monitor `keys_deleted`", D, "`faust.sensor.MonitorTest`"),
}
SET_ROWS = {
 "(class)": row("`faust.table.SetTable<K,E>` (`App.setTable(...)`; impl `faust.table.internal.ChangelogSetTable`): get/contains/add/discard/"
               "addAll/removeAll/retainAll/symmetricDifference/clear, keySet, `manager()` (Faust's `SetTableManager`, `startManager(true)`); "
               "Faust's operation changelog; docs/tables.md", D, STT),
}
# ---- Topic
TT = APT
m("Topic", **{
 "(class)": row("`faust.topic.Topic<K,V>` (`App.topic(name, K, V, t -> options)`; its `TopicSpec spec()`; made once per name, types and options by the internal `TopicRegistry`)", D, TT + ", `faust.topic.internal.TopicRegistryTest`"),
 "pattern": row("`Topic.pattern()` (`App.topicPattern(...)`)", P("pattern subscription depends on transport"), TT),
 "derive": row("`Topic.derive(prefix, suffix[, t -> changes])`", D, TT),
 "derive_topic": row("`Topic.derive(prefix, suffix[, t -> changes])`", D, TT),
 "get_topic_name": row("`Topic.topics().get(0)`", P("no single-name accessor")),
 "declare": row("`Topic.declare()`", D, "`faust.AppTest`"),
 "decode": row("internal `AbstractChannel.decode(TrackedMessage)`", D, "`faust.codec.CodecsTest`"),
 "publish_message": row("internal `TopicImpl.send(...)`", W("internal")),
 "put": row("`Channel.put(key, value)`", P("only for in-memory channels semantics")),
 "send": row("`Topic.send(key, value[, SendOptions])`", D, TT),
 "prepare_key": row("`Codecs.dumpsKey(...)`", W("internal")),
 "prepare_value": row("`Codecs.dumpsValue(...)`", W("internal")),
 "on_stop_iteration": row("—", W("asyncio iteration detail")),
 "partitions": row("`Topic.spec().partitions()` / `t -> t.partitions(n)`", D, TT),
 "topics": row("`Topic.topics()`", D, TT),
 "retention": row("`Topic.spec().retention()` / `t -> t.retention(d)`", D, TT),
 "compacting": row("`Topic.spec().compacting()` / `t -> t.compacting(b)`", D, TT),
 "replicas": row("`Topic.spec().replicas()` / `t -> t.replicas(n)`", D, TT),
 "config": row("`Topic.spec().config()` / `t -> t.config(k, v)`", D, TT),
 "acks": row("`Topic.spec().acks()` / `t -> t.acks(b)`", D, TT),
 "internal": row("`Topic.spec().internal()` / `t -> t.internal(b)`", D, TT),
})
CRT = "`faust.kafka.KafkaCredentialsTest`"
m("SASLCredentials", **{
 "(class)": row("`faust.auth.SASLCredentials` (`plain`, `scramSha256`, `scramSha512`, `withSsl`) as `broker_credentials`", D, CRT),
 "protocol": row("`Credentials.protocol()` → `faust.auth.AuthProtocol` (`SASL_PLAINTEXT`, `SASL_SSL` with TLS)", D, "`faust.auth.SASLCredentialsTest`"),
 "mechanism": row("`SASLCredentials.mechanism()` → `faust.auth.SASLMechanism` (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512)", D, CRT)})
m("GSSAPICredentials", **{
 "(class)": row("`faust.auth.GSSAPICredentials` (Kerberos ticket cache) as `broker_credentials`", P("mapped to Kafka configs but not run against a KDC; kerberosDomainName is refused (the Java client takes the host from the broker address)"), "`faust.kafka.internal.SecurityConfigsTest`"),
 "protocol": row("`Credentials.protocol()` → `AuthProtocol`", D, "`faust.auth.GSSAPICredentialsTest`"),
 "mechanism": row("`GSSAPICredentials.mechanism()` → `SASLMechanism.GSSAPI`", D, "`faust.auth.GSSAPICredentialsTest`")})
m("SSLCredentials", **{
 "(class)": row("`faust.auth.SSLCredentials` (CA file or trust store; PEM client certificate or key store; endpoint identification) as `broker_credentials`; an `SSLContext` is accepted too", D, CRT),
 "protocol": row("`Credentials.protocol()` → `AuthProtocol.SSL`", D, "`faust.auth.SSLCredentialsTest`"),
 "mechanism": row("—", W("TLS has no SASL mechanism"))})
# ---- Worker
m("Worker", **{
 "(class)": row("`worker` command of faust-cli (`App.main(args)`)", P("no Worker class; the command runs App.start()/stop()"), "`faust.cli.FaustCommandTest`"),
 "logger": LOGGER, "app": row("the `App` passed to `CommandLine.run(app, args)`", D),
 "sensors": row("`App.sensors().add(Sensor)`", D, SEN),
 "workdir": row("—", CLI), "spinner": row("—", W("terminal spinner")),
 "on_init_dependencies": row("—", W("mode hook")),
 "change_workdir": row("—", CLI),
 "autodiscover": row("`autodiscover` setting", P("parsed, no scanning")),
 "on_execute": row("—", W("mode hook")), "on_first_start": row("—", W("mode hook")),
 "on_start": row("—", W("mode hook")), "on_startup_finished": row("—", W("mode hook")),
 "on_worker_shutdown": row("—", W("mode hook")),
 "on_setup_root_logger": row("`--loglevel`/`--logfile` of faust-cli (Logback when it is the backend)", P("SLF4J backend configures logging")),
})
# ---- Service (mode)
SV = "`faust.service.ServiceTest`"
m("Service", **{
 "(class)": row("`faust.service.Service` (abstract; virtual threads)", D, SV),
 "abstract": row("Java `abstract class`", W("Python flag")),
 "wait_for_shutdown": row("—", P("stop() always stops")),
 "shutdown_timeout": row("`Service.shutdownTimeout()` (override)", D, SV),
 "restart_count": row("`Service.restartCount()`", D, SV),
 "mundane_level": row("—", W("mode logging detail")),
 "from_awaitable": row("—", W("asyncio awaitables")),
 "task": row("`Service.addTask(name, body)`", D, SV),
 "timer": row("`Service.addTimer(interval, t -> t.name(...).onLeader(), body)`; leadership from `Service.isLeader()`", D, "`faust.service.PeriodicTest`, `faust.service.ServiceTest`"),
 "transitions_to": row("`ServiceState` transitions", P("no decorator"), "`faust.service.ServiceStateTest`"),
 "add_dependency": row("`Service.addDependency(S)`", D, SV),
 "add_context": row("—", W("Python context managers; use try-with-resources")),
 "add_future": row("—", W("asyncio futures")),
 "on_init": row("constructor", W("Python init hook")),
 "on_init_dependencies": row("`Service.addDependency(...)` in constructor", P("no hook")),
 "add_async_context": row("—", W("asyncio context managers")),
 "add_runtime_dependency": row("`Service.addDependency(...)`", P("same method at runtime")),
 "crash": row("`Service.crash(Throwable)`", D, SV),
 "itertimer": row("`Service.addTimer(...)`", P("no iterator form")),
 "join_services": row("—", W("asyncio gather")),
 "logger": LOGGER,
 "maybe_start": row("—", W("asyncio lazy start")),
 "restart": row("`Service.restart()`", D, SV),
 "service_reset": row("—", P("internal state reset on restart")),
 "sleep": row("`Service.sleep(Duration)`", D, SV),
 "start": row("`Service.start()`", D, SV),
 "stop": row("`Service.stop()`", D, SV),
 "transition_with": row("—", W("mode internal")),
 "wait": row("—", W("asyncio wait")), "wait_first": row("—", W("asyncio wait")),
 "wait_for_stopped": row("`Service.waitUntilStopped(Duration)`", D, SV),
 "wait_many": row("—", W("asyncio wait")),
 "wait_until_stopped": row("`Service.waitUntilStopped(Duration)`", D, SV),
 "set_shutdown": row("`Service.stop()`", P("no separate flag")),
 "started": row("`Service.state()`", D, "`faust.service.ServiceStateTest`"),
 "crashed": row("`Service.crashReason() != null` / `state()`", D, SV),
 "should_stop": row("`Service.shouldStop()`", D, SV),
 "state": row("`Service.state()` → `ServiceState`", D, "`faust.service.ServiceStateTest`"),
 "label": row("`Service.label()`", D, SV),
 "shortlabel": row("`Service.label()`", D, SV),
 "beacon": row("—", W("mode beacon trees")),
 "supervisor": row("—", W("mode supervisors; agents use `SupervisorStrategy`")),
 "loop": row("—", W("asyncio event loop")),
})
m("Service.Diag", **{
 "(class)": row("`faust.service.Diag` (`Service.diag()`)", D, SV),
 "set_flag": row("`Diag.set(flag)`", D, SV),
 "unset_flag": row("`Diag.unset(flag)`", D, SV),
})

# ---- Settings
import glob
KEYS = {}     # faust name -> (section class, constant)
for f in sorted(glob.glob(os.path.join(here, "../../faust-core/src/main/java/faust/settings/*Settings.java"))):
    cls = os.path.basename(f)[:-5]
    for const, key in re.findall(r'public static final Setting<.*?> (\w+) = D\.\w+\(\s*"(\w+)"', open(f).read(), re.S):
        KEYS[key] = (cls, const)
DECLARED = set(KEYS)
SET_T = "`faust.SettingsTest`"
def camel(n): 
    p = n.split("_"); return p[0] + "".join(x.title() for x in p[1:])
KAFKA_ONLY = {"broker_commit_livelock_soft_timeout"}
# settings the kafka:// driver maps to Kafka client configs (docs/kafka.md has the table)
KAFKA_MAPPED = {"broker_credentials", "broker_session_timeout", "broker_heartbeat_interval", "broker_max_poll_records",
  "broker_check_crcs", "broker_request_timeout", "consumer_max_fetch_size", "producer_linger_ms", "producer_max_batch_size",
  "producer_acks", "producer_max_request_size", "producer_compression_type", "producer_request_timeout",
  "producer_partitioner", "ssl_context", "consumer_auto_offset_reset", "broker_client_id", "broker_max_poll_interval",
  "consumer_group_instance_id"}
KCT = "`faust.kafka.internal.KafkaConfigsTest`"
TABLE_SET = {"table_cleanup_interval", "table_standby_replicas"}
WEB_SET = {"web", "web_bind", "web_port", "web_host", "web_transport", "web_in_thread", "web_cors_options",
           "canonical_url", "web_enabled"}
USED = {"id", "name", "version", "id_format", "broker", "timezone", "topic_partitions", "topic_replication_factor",
        "topic_allow_declare", "stream_buffer_maxsize", "stream_wait_empty", "reply_expires", "reply_to",
        "reply_to_prefix", "reply_create_topic", "key_serializer", "value_serializer", "agent_supervisor",
        "broker_commit_every", "broker_commit_interval", "processing_guarantee", "datadir", "origin"}
CLASS_SETTINGS = {"Agent", "ConsumerScheduler", "HttpClient", "LeaderAssignor", "Monitor", "PartitionAssignor",
  "Router", "Serializers", "SetTable", "Stream", "Table", "TableManager", "Topic", "Worker"}
def setting_row(n):
    if n == "setting_names":
        return row("`Settings.declared()` (every `Setting<T>` constant of the section classes); `Settings.asMap().keySet()`", D, "`faust.settings.SettingTest`")
    if n == "find_old_versiondirs":
        return row("—", CLI + " (clean-versions)")
    if n in CLASS_SETTINGS:
        if n == "Monitor": return row("`App.monitor()`; extra sensors via `App.sensors().add(...)`", W("pluggable Python class; not declared (see `docs/settings.md`)"))
        if n == "Serializers": return row("`App.codecs().register(name, Codec)`", W("pluggable Python class; not declared"), CO)
        if n == "Table": return row("`faust.table.Table` (`App.table(...)`)", W("pluggable Python class; not declared"))
        if n == "TableManager": return row("internal `faust.table.internal.TableManager`", W("pluggable Python class; not declared"))
        if n == "SetTable": return row("`faust.table.SetTable` (`App.setTable(...)`)", W("pluggable Python class; not declared"))
        if n in ("PartitionAssignor", "LeaderAssignor"):
            return row("`faust.kafka.internal.FaustPartitionAssignor` (co-partitioned, sticky, leader topic)",
                       W("pluggable Python class; the kafka:// transport always uses its own assignor (see `docs/kafka.md`)"),
                       "`faust.kafka.internal.CopartitionedAssignmentTest`")
        if n in ("Router", "HttpClient"): return row("—", WEB)
        return row("—", W("pluggable Python class; not declared (see `docs/settings.md`)"))
    if n in ("logging_config", "loghandlers"):
        return row("SLF4J backend config (logback.xml)", W("Python logging; not declared"))
    if n == "appdir":
        return row("derived `<datadir>/v<version>` (base of `settings.get(CommonSettings.TABLEDIR)`)", P("no accessor of its own"))
    if n == "processing_guarantee":
        return row("`settings.get(CommonSettings.PROCESSING_GUARANTEE)` → `faust.settings.ProcessingGuarantee`, `AppConfig.processingGuarantee(…)`",
                   D + " (exactly_once: commit barrier, transactions, rewind on crash; docs/acks.md; on Kafka a read_committed "
                   "consumer and a transactional producer, docs/kafka.md)",
                   SET_T + ", `faust.ExactlyOnceTest`, `faust.kafka.KafkaTransportTest`")
    if n == "broker":
        return row("`settings.get(CommonSettings.BROKER)`, `AppConfig.broker(…)`; `memory://`, and `kafka://h1:9092;h2:9092` with faust-kafka",
                   D, "`faust.kafka.internal.BrokerUrlsTest`")
    if n == "url":
        return row("`broker`", W("deprecated alias of broker"))
    if n in KEYS:
        cls, const = KEYS[n]
        java = f"`settings.get({cls}.{const})`, `AppConfig.set({cls}.{const}, …)`"
    elif n in ("id", "name"):
        java = f"`Settings.{n}()`, `App.create(id, …)`"
    else:
        java = f"`Settings.byName(\"{n}\")`"
    if n not in DECLARED and n not in ("id", "name"):
        return row(java, P("not declared"))
    if n == "stream_publish_on_commit":
        return row(java, D + " (sends made while processing an event are held and published just before its offset commits; docs/acks.md)", "`faust.AppTest.stream_publish_on_commit_holds_agent_output_until_the_source_offsets_commit`")
    if n == "stream_ack_exceptions":
        return row(java, P("parsed; runtime always acks an event whose processing raised (the default true); false is not honored"), SET_T)
    if n == "stream_ack_cancelled_tasks":
        return row(java, P("parsed; no task cancellation semantics in the runtime"), SET_T)
    if n == "store":
        return row(java + ", `TableOptions.store(url)`", D + " (`memory://`, `rocksdb://` with faust-rocksdb; docs/tables.md)",
                   "`faust.table.TableRecoveryTest`, `faust.rocksdb.RocksDbTableTest`")
    if n == "tabledir":
        return row(java, D + " (RocksDB partitions at `{tabledir}/{table}-{partition}.db`)", "`faust.rocksdb.RocksDbTableTest`")
    if n == "autodiscover":
        return row(java, P("parsed/validated; no classpath scanning"), SET_T)
    if n == "cache":
        return row(java, P("parsed; no cache backend"), SET_T)
    if n == "worker_redirect_stdouts" or n == "worker_redirect_stdouts_level":
        return row(java, P("parsed; stdout not redirected"), SET_T)
    if n == "table_standby_replicas":
        return row(java, D + " (standbys follow their changelogs; the kafka:// assignor and the memory broker assign them; docs/tables.md)",
                   "`faust.table.StandbyTest`, `faust.kafka.KafkaTableTest`, `faust.kafka.internal.StandbyAssignmentTest`")
    if n == "stream_recovery_delay":
        return row(java, D + " (recovery waits it after each rebalance)", "`faust.table.TableRecoveryTest`")
    if n == "table_cleanup_interval":
        return row(java, D + " (how often windows closed before and expired since are deleted)", "`faust.table.WindowedTableTest`")
    if n in TABLE_SET: return row(java, WIN + " (setting parsed; window cleanup)", SET_T)
    if n in WEB_SET: return row(java, WEB + " (setting parsed)", SET_T)
    if n in KAFKA_ONLY: return row(java, KAFKA + " (setting parsed)", SET_T)
    if n in KAFKA_MAPPED:
        test = CRT if n == "broker_credentials" else ("`faust.kafka.internal.SecurityConfigsTest`" if n == "ssl_context" else KCT)
        return row(java + "; mapped to a Kafka client config (`docs/kafka.md`)", D, test)
    if n in ("broker_api_version", "producer_api_version"):
        return row(java, W("Kafka's Java clients negotiate API versions themselves"), SET_T)
    if n == "broker_rebalance_timeout":
        return row(java, W("the Java client's classic-protocol rebalance timeout is max.poll.interval.ms (broker_max_poll_interval)"), SET_T)
    if n in USED: return row(java, D, SET_T)
    return row(java, P("parsed; not used by the memory transport runtime"), SET_T)

# ---------------------------------------------------------------- render
def status_kind(s):
    for k in ("done", "partial", "later", "will not"):
        if s.startswith(k): return k
    raise ValueError(s)

def lookup(sec, name, kind):
    if sec in ("Settings",) or (sec == "App.Settings"):
        if name == "(class)":
            return row("`faust.settings.Settings` (built by `faust.AppConfig`; typed `Setting<T>` keys)", D, "`faust.SettingsTest`, `faust.settings.SettingTest`")
        return setting_row(name)
    if sec in TABLE_SECS:
        if name == "logger": return LOGGER
        if sec == "Table" and name in TABLE_ROWS: return TABLE_ROWS[name]
        if sec == "SetTable" and name in SET_ROWS: return SET_ROWS[name]
        if sec == "SetTable" and name == "WindowWrapper":
            return row("`faust.table.WindowedSetTable<K,E>` (`SetTable.tumbling`/`hopping`/`usingWindow`): `SetWindowSet.add`/`discard`; "
                       "Faust's `[operation, [key, [start, end]]]` changelog", D, "`faust.table.WindowedSetTableTest`")
        if sec == "Table.WindowWrapper" and name in WW_ROWS: return WW_ROWS[name]
        if sec in WINDOW_ROWS and name == "(class)": return WINDOW_ROWS[sec]
        return row("—", WIN)
    base = ALIAS.get(sec, sec)
    for s in (sec, base):
        if name in M.get(s, {}): return M[s][name]
    if kind == "class":
        return row(f"see {base}", D if base in M else "later: ?")
    return None

counts = {"done": 0, "partial": 0, "later": 0, "will not": 0}
missing = []
body = []
for sec, rows in sections.items():
    body.append(f"\n## {sec}\n")
    body.append("| Faust | Java | Status | Test |")
    body.append("|---|---|---|---|")
    for name, kind in rows:
        r = lookup(sec, name, kind)
        if r is None:
            missing.append((sec, name)); r = row("?", "later: ?")
        java, status, test = r
        counts[status_kind(status)] += 1
        if name == "(class)":
            fname = sec if sec != "Module functions" else "faust"
            label = f"`{fname}`"
        elif kind == "method" or kind == "func":
            label = f"`{sec}.{name}()`" if kind == "method" else f"`faust.{name}`"
        else:
            label = f"`{sec}.{name}`"
        body.append(f"| {label} | {java} | {status} | {test} |")
if missing:
    print("MISSING:", missing, file=sys.stderr)

total = sum(counts.values())
print(open(os.path.join(here, "mapping_intro.md")).read().rstrip())
print("\n".join(body))
print(f"\n---\n\n**Rows: {total} total — {counts['done']} done, {counts['partial']} partial, "
      f"{counts['later']} later, {counts['will not']} will not.**")
