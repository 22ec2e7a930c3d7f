package faust.settings;

import java.util.List;

/** Agent settings. */
public final class AgentSettings {
    private static final Definer D = new Definer(Section.AGENT);

    /** {@code agent_supervisor}: the default supervisor strategy name, e.g. {@code one_for_one}. */
    public static final Setting<String> AGENT_SUPERVISOR = D.define("agent_supervisor",
            Parsers.choice("one_for_one", "one_for_all", "crashing", "forfeit_one_for_one", "forfeit_one_for_all"),
            "one_for_one", "AGENT_SUPERVISOR", "Default agent supervisor strategy (Faust: `mode.OneForOneSupervisor`).");

    private AgentSettings() {}

    static List<Setting<?>> keys() {
        return D.keys();
    }
}
