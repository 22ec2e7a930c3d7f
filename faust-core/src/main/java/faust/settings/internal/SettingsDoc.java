package faust.settings.internal;

import java.util.Map;

/** Renders the declaration table as the Markdown reference that {@code docs/settings.md} embeds. */
public final class SettingsDoc {
    /** Marks the start of the generated part of {@code docs/settings.md}. */
    public static final String BEGIN = "<!-- BEGIN GENERATED: faust.settings.internal.SettingsDoc -->";
    /** Marks the end of the generated part of {@code docs/settings.md}. */
    public static final String END = "<!-- END GENERATED -->";

    private SettingsDoc() {}

    /** @return the reference tables, one per section, then the Faust settings not declared */
    public static String render() {
        StringBuilder sb = new StringBuilder();
        for (Section section : Section.values()) {
            sb.append("### ").append(section.title()).append("\n\n")
                    .append("| Setting | Type | Default | Environment | Description |\n")
                    .append("|---|---|---|---|---|\n");
            for (SettingDef d : Declarations.ALL.values()) {
                if (d.section() != section) {
                    continue;
                }
                String type = "`" + d.parser().javaType() + "`" + (d.parser().nullable() ? " (optional)" : "");
                String env = d.env() == null ? "code only" : "`" + d.env() + "`";
                sb.append("| `").append(d.key()).append("` | ").append(cell(type)).append(" | ")
                        .append(cell(d.defaultDoc())).append(" | ").append(env).append(" | ")
                        .append(cell(d.doc() + " Must be " + d.parser().allowed() + ".")).append(" |\n");
            }
            sb.append('\n');
        }
        sb.append("### Not declared\n\n| Faust setting | Will not: reason |\n|---|---|\n");
        for (Map.Entry<String, String> e : Declarations.NOT_DECLARED.entrySet()) {
            sb.append("| `").append(e.getKey()).append("` | ").append(cell(e.getValue())).append(" |\n");
        }
        return sb.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
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
