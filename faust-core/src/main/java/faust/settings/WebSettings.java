package faust.settings;

import static faust.settings.Parsers.bool;
import static faust.settings.Parsers.string;
import static faust.settings.Parsers.url;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Web server settings. */
public final class WebSettings {
    private static final Definer D = new Definer(Section.WEB);

    /** {@code web}: the web server driver URL. */
    public static final Setting<URI> WEB = D.define("web", url(), "javalin://", "WEB",
            "Web server driver URL (Faust: `aiohttp://`).");
    /** {@code web_enabled}: whether the web server runs. */
    public static final Setting<Boolean> WEB_ENABLED = D.define("web_enabled", bool(), "true", "APP_WEB_ENABLED",
            "Run the web server.");
    /** {@code web_bind}: the interface the web server binds to. */
    public static final Setting<String> WEB_BIND = D.define("web_bind", string(), "0.0.0.0", "WEB_BIND",
            "Interface the web server binds to.");
    /** {@code web_port}: the web server port (0: any free port). */
    public static final Setting<Integer> WEB_PORT = D.define("web_port", Parsers.intRange(0, 65535), "6066", "WEB_PORT",
            "Web server port; 0 picks a free port.");
    /** {@code web_host}: the host name other workers use. */
    public static final Setting<String> WEB_HOST = D.derived("web_host", string(), "this machine's host name", "WEB_HOST",
            "Host name other workers use to reach this one.");
    /** {@code web_transport}: the web transport URL. */
    public static final Setting<URI> WEB_TRANSPORT = D.define("web_transport", url(), "tcp://", "WEB_TRANSPORT",
            "Web transport: `tcp://` or `unix:///path.sock`.");
    /** {@code web_in_thread}: whether the web server runs on its own threads. */
    public static final Setting<Boolean> WEB_IN_THREAD = D.define("web_in_thread", bool(), "false", "WEB_IN_THREAD",
            "Run the web server on its own threads.");
    /** {@code web_cors_options}: CORS options per origin, set from code. */
    public static final Setting<Optional<Map<?, ?>>> WEB_CORS_OPTIONS = D.optional("web_cors_options",
            Parsers.map("a Map of origin to options"), null, "CORS options per origin for all views.");
    /** {@code canonical_url}: the URL other workers use to reach this worker. */
    public static final Setting<URI> CANONICAL_URL = D.derived("canonical_url", url(), "`http://{web_host}:{web_port}`",
            "NODE_CANONICAL_URL", "URL other workers use to reach this worker's web server.");

    private WebSettings() {}

    static List<Setting<?>> keys() {
        return D.keys();
    }
}
