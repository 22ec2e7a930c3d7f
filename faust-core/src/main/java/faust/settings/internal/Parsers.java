package faust.settings.internal;

import faust.ProcessingGuarantee;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Factories for the value parsers used by the declaration table. */
public final class Parsers {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)?");
    private static final Pattern EMPTY_AUTHORITY = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://");
    private static final Pattern HAS_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");

    private Parsers() {}

    private record Simple(String allowed, String javaType, boolean nullable, boolean codeOnly,
                          Function<Object, Object> fn) implements Parser {
        @Override
        public @Nullable Object parse(@Nullable Object raw) {
            if (raw == null || raw instanceof String s && s.isBlank()) {
                if (nullable) {
                    return null;
                }
                throw new BadValue("");
            }
            if (codeOnly) {
                return fn.apply(raw);
            }
            try {
                return fn.apply(raw instanceof String s ? s.trim() : raw);
            } catch (BadValue e) {
                throw e;
            } catch (RuntimeException e) {
                throw new BadValue("");
            }
        }
    }

    private static Parser of(String allowed, String type, boolean nullable, Function<Object, Object> fn) {
        return new Simple(allowed, type, nullable, false, fn);
    }

    /** @return an optional variant: the same values plus "none" (empty or unset) */
    static Parser optional(Parser p) {
        if (!(p instanceof Simple s)) {
            throw new IllegalArgumentException("not a simple parser");
        }
        return new Simple(s.allowed + " or empty for none", s.javaType, true, s.codeOnly, s.fn);
    }

    /** @param min the smallest allowed value @return a parser for an {@code int} */
    public static Parser intAtLeast(int min) {
        return intRange(min, Integer.MAX_VALUE);
    }

    /** @param min smallest @param max largest @return a parser for an {@code int} in {@code [min, max]} */
    public static Parser intRange(int min, int max) {
        String allowed = max == Integer.MAX_VALUE ? "an integer >= " + min : "an integer from " + min + " to " + max;
        return of(allowed, "int", false, raw -> {
            int v = toInt(raw);
            if (v < min || v > max) {
                throw new Parser.BadValue("");
            }
            return v;
        });
    }

    /** @return a parser for Kafka's producer acks: -1 (or {@code all}), 0 or 1 */
    public static Parser acks() {
        return of("one of -1 (all), 0, 1", "int", false, raw -> {
            int v = "all".equalsIgnoreCase(raw.toString()) ? -1 : toInt(raw);
            if (v < -1 || v > 1) {
                throw new Parser.BadValue("");
            }
            return v;
        });
    }

    private static int toInt(Object raw) {
        return switch (raw) {
            case Integer i -> i;
            case Short s -> s.intValue();
            case Byte b -> b.intValue();
            case Long l -> Math.toIntExact(l);
            case String s -> Integer.parseInt(s.replace("_", ""));
            default -> throw new Parser.BadValue("");
        };
    }

    /** @return a parser for a boolean: true/false, yes/no, on/off, 1/0 */
    public static Parser bool() {
        return of("a boolean (true/false, yes/no, on/off, 1/0)", "boolean", false, raw -> {
            if (raw instanceof Boolean b) {
                return b;
            }
            return switch (raw.toString().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw new Parser.BadValue("");
            };
        });
    }

    /** @param positive whether zero is rejected @return a parser for a {@link Duration} */
    public static Parser duration(boolean positive) {
        String allowed = "a duration " + (positive ? "> 0" : ">= 0")
                + " (seconds like 2.8, or 500ms, 30s, 5m, 2h, 1d, or ISO-8601 like PT2.8S)";
        return of(allowed, "Duration", false, raw -> {
            Duration d = toDuration(raw);
            if (d.isNegative() || positive && d.isZero()) {
                throw new Parser.BadValue("");
            }
            return d;
        });
    }

    /**
     * Parses a duration the Faust way: a number is seconds; a string is a number with an optional
     * unit ({@code ms}, {@code s}, {@code m}, {@code h}, {@code d}) or an ISO-8601 duration.
     *
     * @param raw a {@link Duration}, a {@link Number} or a {@link String}
     * @return the duration, rounded to nanoseconds
     */
    public static Duration toDuration(Object raw) {
        if (raw instanceof Duration d) {
            return d;
        }
        if (raw instanceof Number n) {
            return seconds(new BigDecimal(n.toString()));
        }
        String s = raw.toString().trim();
        if (s.startsWith("P") || s.startsWith("p") || s.startsWith("-P")) {
            return Duration.parse(s);
        }
        Matcher m = DURATION.matcher(s.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new Parser.BadValue("");
        }
        BigDecimal n = new BigDecimal(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> seconds(n.movePointLeft(3));
            case "m" -> seconds(n.multiply(BigDecimal.valueOf(60)));
            case "h" -> seconds(n.multiply(BigDecimal.valueOf(3600)));
            case "d" -> seconds(n.multiply(BigDecimal.valueOf(86400)));
            default -> seconds(n);
        };
    }

    private static Duration seconds(BigDecimal s) {
        return Duration.ofNanos(s.movePointRight(9).longValueExact());
    }

    /** @return a parser for any non-blank string */
    public static Parser string() {
        return of("a non-empty string", "String", false, Object::toString);
    }

    /** @param names the allowed names, lowercase @return a parser for one of them, ignoring case */
    public static Parser choice(String... names) {
        List<String> allowed = List.of(names);
        return of("one of " + allowed, "String", false, raw -> {
            String v = raw.toString().toLowerCase(Locale.ROOT);
            if (!allowed.contains(v)) {
                throw new Parser.BadValue("");
            }
            return v;
        });
    }

    /** @return a parser for a log level name, normalised to uppercase */
    public static Parser logLevel() {
        List<String> levels = List.of("TRACE", "DEBUG", "INFO", "WARN", "WARNING", "ERROR", "CRITICAL");
        return of("one of " + levels, "String", false, raw -> {
            String v = raw.toString().toUpperCase(Locale.ROOT);
            if (!levels.contains(v)) {
                throw new Parser.BadValue("");
            }
            return v;
        });
    }

    /** @return a parser for {@link ProcessingGuarantee} from its Faust name */
    public static Parser guarantee() {
        return of("one of [at_least_once, exactly_once]", "ProcessingGuarantee", false,
                raw -> raw instanceof ProcessingGuarantee g ? g : ProcessingGuarantee.fromFaustName(raw.toString()));
    }

    /** @return a parser for a URL with a scheme, e.g. {@code rocksdb://}; see {@link #toUri(String)} */
    public static Parser url() {
        return of("a URL with a scheme, like memory:// or rocksdb://", "URI", false, raw -> {
            URI u = raw instanceof URI uri ? uri : toUri(raw.toString());
            if (u.getScheme() == null) {
                throw new Parser.BadValue("");
            }
            return u;
        });
    }

    /**
     * Parses a URL; {@code scheme://} (empty authority, which {@link URI} rejects) becomes
     * {@code scheme:///}.
     *
     * @param s the URL text
     * @return the URI
     */
    public static URI toUri(String s) {
        String t = EMPTY_AUTHORITY.matcher(s).matches() ? s + "/" : s;
        try {
            return new URI(t);
        } catch (URISyntaxException e) {
            throw new Parser.BadValue("");
        }
    }

    /** @return a parser for Faust's broker list: URLs separated by {@code ;} or {@code ,} */
    public static Parser brokerList() {
        return of("one or more URLs separated by ';', like kafka://h1:9092;h2:9092 or memory://",
                "List<URI>", false, raw -> {
                    List<String> parts = new ArrayList<>();
                    if (raw instanceof Collection<?> c) {
                        c.forEach(o -> parts.add(o.toString()));
                    } else {
                        parts.addAll(Arrays.asList(raw.toString().split("[;,]")));
                    }
                    List<URI> out = new ArrayList<>();
                    String scheme = "kafka";
                    for (String p : parts) {
                        String t = p.trim();
                        if (t.isEmpty()) {
                            throw new Parser.BadValue("");
                        }
                        if (HAS_SCHEME.matcher(t).matches()) {
                            if (out.isEmpty()) {
                                scheme = t.substring(0, t.indexOf(':'));
                            }
                        } else {
                            t = scheme + "://" + t;
                        }
                        out.add(toUri(t));
                    }
                    if (out.isEmpty()) {
                        throw new Parser.BadValue("");
                    }
                    return List.copyOf(out);
                });
    }

    /** @return a parser for a file-system path */
    public static Parser path() {
        return of("a file-system path", "Path", false, raw -> raw instanceof Path p ? p : Path.of(raw.toString()));
    }

    /** @return a parser for a time zone: an IANA id like Europe/Oslo, UTC or an offset like +02:00 */
    public static Parser zone() {
        return of("a time zone id like UTC, Europe/Oslo or +02:00", "ZoneId", false, raw -> {
            if (raw instanceof ZoneId z) {
                return z;
            }
            String s = raw.toString();
            return "utc".equalsIgnoreCase(s) ? ZoneOffset.UTC : ZoneId.of(s);
        });
    }

    /** @return a parser for Faust's autodiscover: true/false or a comma-separated list of packages */
    public static Parser autodiscover() {
        return of("true, false or a comma-separated list of package names", "List<String>", false, raw -> {
            if (raw instanceof Boolean b) {
                return b ? List.of(AUTODISCOVER_ORIGIN) : List.of();
            }
            if (raw instanceof Collection<?> c) {
                return c.stream().map(Object::toString).toList();
            }
            String s = raw.toString().trim();
            if (s.equalsIgnoreCase("false")) {
                return List.of();
            }
            if (s.equalsIgnoreCase("true")) {
                return List.of(AUTODISCOVER_ORIGIN);
            }
            return Arrays.stream(s.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
        });
    }

    /** Placeholder in a parsed {@code autodiscover} list for "the app's {@code origin}". */
    public static final String AUTODISCOVER_ORIGIN = "{origin}";

    /**
     * @param type the required class
     * @param what how the value is described in messages
     * @return a parser for an object that can only be set from code
     */
    public static Parser object(Class<?> type, String what) {
        return new Simple(what + " (set from code only)", type.getSimpleName(), true, true, raw -> {
            if (!type.isInstance(raw)) {
                throw new Parser.BadValue("");
            }
            return raw instanceof Map<?, ?> m ? Map.copyOf(m) : raw;
        });
    }

    /** @return a parser for a class name (from any source) or an instance (from code) */
    public static Parser classNameOrObject() {
        return new Simple("a fully-qualified class name, or an instance set from code", "String or Object", true, false,
                raw -> raw);
    }

    /** @param part text the value must contain @return a parser for a string template containing {@code part} */
    public static Parser template(String part) {
        return of("a string containing " + part, "String", false, raw -> {
            String v = raw.toString();
            if (!v.contains(part)) {
                throw new Parser.BadValue("");
            }
            return v;
        });
    }
}
