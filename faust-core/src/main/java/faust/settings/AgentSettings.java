package faust.settings;

import java.util.List;

/** Agent settings. */
public final class AgentSettings {
    private static final Definer D = new Definer(Section.AGENT);

    /** {@code agent_supervisor}: the default supervisor strategy name, e.g. {@code one_for_one}. */
    public static final Setting<String> AGENT_SUPERVISOR = D.define("agent_supervisor",
            Parsers.choice("one_for_one", "one_for_all", "crashing", "forfeit_one_for_one", "forfeit_one_for_all"),
            "one_for_one", "AGENT_SUPERVISOR", "Default agent supervisor strategy (Faust: `mode.OneForOneSupervisor`).");
    /**
     * {@code agent_use_reply_headers}: whether agents and agent proxies ask in Faust's header form
     * (true) or its envelope form (false), unless an agent's own {@code replyForm} option says.
     */
    public static final Setting<Boolean> AGENT_USE_REPLY_HEADERS = D.define("agent_use_reply_headers", Parsers.bool(), "true",
            "AGENT_USE_REPLY_HEADERS", "How `ask` sends requests unless the agent's `replyForm` option says: true for Faust's "
                    + "header form (`Faust-Ag-ReplyTo`, `Faust-Ag-CorrelationId`; the default of `@app.agent` in faust-streaming "
                    + "0.15.2), false for its envelope form (`@ReqRepRequest`; `use_reply_headers=False`, the default of "
                    + "`app.agent` in Faust 1.6). faust-java's name: Faust sets this per agent only. Agents read both forms either way.");

    private AgentSettings() {}

    static List<Setting<?>> keys() {
        return D.keys();
    }
}
