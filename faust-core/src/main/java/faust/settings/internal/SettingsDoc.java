package faust.settings.internal;

import faust.settings.Section;
import faust.settings.Setting;
import faust.settings.Settings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/** Renders the declarations as the Markdown reference that {@code docs/settings.md} embeds. */
public final class SettingsDoc {
    /** Marks the start of the generated part of {@code docs/settings.md}. */
    public static final String BEGIN = "<!-- BEGIN GENERATED: faust.settings.internal.SettingsDoc -->";
    /** Marks the end of the generated part of {@code docs/settings.md}. */
    public static final String END = "<!-- END GENERATED -->";
    /** Faust settings that are not declared, with the reason (shown in the reference). */
    public static final SequencedMap<String, String> NOT_DECLARED = notDeclared();

    private SettingsDoc() {}

    /** @return the reference tables, one per section, then the Faust settings not declared */
    public static String render() {
        StringBuilder sb = new StringBuilder();
        for (Section section : Section.values()) {
            sb.append("### ").append(section.title()).append("\n\n")
                    .append("| Setting | Type | Default | Environment | Description |\n")
                    .append("|---|---|---|---|---|\n");
            for (Setting<?> d : Settings.declared()) {
                if (d.section() != section) {
                    continue;
                }
                String type = "`" + d.javaType() + "`" + (d.isOptional() ? " (optional)" : "");
                String env = d.env().map(e -> "`" + e + "`").orElse("code only");
                sb.append("| `").append(d.key()).append("` | ").append(cell(type)).append(" | ")
                        .append(cell(d.defaultDoc())).append(" | ").append(env).append(" | ")
                        .append(cell(d.doc() + " Must be " + d.allowed() + ".")).append(" |\n");
            }
            sb.append('\n');
        }
        sb.append("### Not declared\n\n| Faust setting | Will not: reason |\n|---|---|\n");
        for (Map.Entry<String, String> e : NOT_DECLARED.entrySet()) {
            sb.append("| `").append(e.getKey()).append("` | ").append(cell(e.getValue())).append(" |\n");
        }
        return sb.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }

    private static SequencedMap<String, String> notDeclared() {
        SequencedMap<String, String> m = new LinkedHashMap<>();
        String plug = "pluggable class; faust-java plugs implementations through ServiceLoader and explicit App methods";
        for (String c : List.of("Agent", "ConsumerScheduler", "Event", "Schema", "Stream", "Table", "SetTable",
                "GlobalTable", "SetGlobalTable", "TableManager", "Serializers", "Worker", "PartitionAssignor",
                "LeaderAssignor", "Router", "Topic", "HttpClient", "Monitor")) {
            m.put(c, plug);
        }
        m.put("logging_config", "Python dictConfig; configure SLF4J's backend (e.g. logback.xml) instead");
        m.put("loghandlers", "Python logging handlers; configure SLF4J's backend instead");
        m.put("loop", "asyncio event loop; faust-java uses virtual threads");
        m.put("url", "deprecated alias of broker");
        m.put("broker_consumer", "not yet: one broker list serves consumer and producer");
        m.put("broker_producer", "not yet: one broker list serves consumer and producer");
        m.put("producer_linger", "derived: use producer_linger_ms");
        return Collections.unmodifiableSequencedMap(m);
    }

    /**
     * Prints the reference, for pasting between the markers in {@code docs/settings.md}.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.print(render());
    }
}
