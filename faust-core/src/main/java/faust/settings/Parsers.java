package faust.settings;

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

/** The value parsers the setting declarations use. */
final class Parsers {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)?");
    private static final Pattern EMPTY_AUTHORITY = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://");
    private static final Pattern HAS_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");
    /** In a parsed {@code autodiscover} list: "the app's {@code origin}", replaced when the settings are made. */
    static final String AUTODISCOVER_ORIGIN = "{origin}";

    private Parsers() {}

    private record Simple<T>(String allowed, String javaType, boolean codeOnly, Function<Object, T> fn)
            implements ValueParser<T> {
        @Override
        public T parse(Object raw) {
            return fn.apply(raw);
        }
    }

    private static <T> ValueParser<T> of(String allowed, String type, Function<Object, T> fn) {
        return new Simple<>(allowed, type, false, fn);
    }

    private static IllegalArgumentException bad() {
        return new IllegalArgumentException("not allowed");
    }

    static ValueParser<Integer> intAtLeast(int min) {
        return intRange(min, Integer.MAX_VALUE);
    }

    static ValueParser<Integer> intRange(int min, int max) {
        String allowed = max == Integer.MAX_VALUE ? "an integer >= " + min : "an integer from " + min + " to " + max;
        return of(allowed, "int", raw -> {
            int v = toInt(raw);
            if (v < min || v > max) {
                throw bad();
            }
            return v;
        });
    }

    /** Kafka's producer acks: -1 (or {@code all}), 0 or 1. */
    static ValueParser<Integer> acks() {
        return of("one of -1 (all), 0, 1", "int", raw -> {
            int v = "all".equalsIgnoreCase(raw.toString()) ? -1 : toInt(raw);
            if (v < -1 || v > 1) {
                throw bad();
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
            default -> throw bad();
        };
    }

    /** true/false, yes/no, on/off, 1/0. */
    static ValueParser<Boolean> bool() {
        return of("a boolean (true/false, yes/no, on/off, 1/0)", "boolean", raw -> {
            if (raw instanceof Boolean b) {
                return b;
            }
            return switch (raw.toString().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw bad();
            };
        });
    }

    static ValueParser<Duration> duration(boolean positive) {
        String allowed = "a duration " + (positive ? "> 0" : ">= 0")
                + " (seconds like 2.8, or 500ms, 30s, 5m, 2h, 1d, or ISO-8601 like PT2.8S)";
        return of(allowed, "Duration", raw -> {
            Duration d = toDuration(raw);
            if (d.isNegative() || positive && d.isZero()) {
                throw bad();
            }
            return d;
        });
    }

    /**
     * Faust's durations: a number is seconds; a string is a number with an optional unit
     * ({@code ms}, {@code s}, {@code m}, {@code h}, {@code d}) or an ISO-8601 duration.
     */
    static Duration toDuration(Object raw) {
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
            throw bad();
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

    static ValueParser<String> string() {
        return of("a non-empty string", "String", Object::toString);
    }

    /** One of {@code names} (lowercase), ignoring case. */
    static ValueParser<String> choice(String... names) {
        List<String> allowed = List.of(names);
        return of("one of " + allowed, "String", raw -> {
            String v = raw.toString().toLowerCase(Locale.ROOT);
            if (!allowed.contains(v)) {
                throw bad();
            }
            return v;
        });
    }

    /** A log level name, normalised to uppercase. */
    static ValueParser<String> logLevel() {
        List<String> levels = List.of("TRACE", "DEBUG", "INFO", "WARN", "WARNING", "ERROR", "CRITICAL");
        return of("one of " + levels, "String", raw -> {
            String v = raw.toString().toUpperCase(Locale.ROOT);
            if (!levels.contains(v)) {
                throw bad();
            }
            return v;
        });
    }

    static ValueParser<ProcessingGuarantee> guarantee() {
        return of("one of [at_least_once, exactly_once]", "ProcessingGuarantee",
                raw -> raw instanceof ProcessingGuarantee g ? g : ProcessingGuarantee.fromFaustName(raw.toString()));
    }

    /** A URL with a scheme, e.g. {@code rocksdb://}; see {@link #toUri(String)}. */
    static ValueParser<URI> url() {
        return of("a URL with a scheme, like memory:// or rocksdb://", "URI", raw -> {
            URI u = raw instanceof URI uri ? uri : toUri(raw.toString());
            if (u.getScheme() == null) {
                throw bad();
            }
            return u;
        });
    }

    /** Parses a URL; {@code scheme://} (an empty authority, which {@link URI} rejects) becomes {@code scheme:///}. */
    static URI toUri(String s) {
        String t = EMPTY_AUTHORITY.matcher(s).matches() ? s + "/" : s;
        try {
            return new URI(t);
        } catch (URISyntaxException e) {
            throw bad();
        }
    }

    /** Faust's broker list: URLs separated by {@code ;} or {@code ,}; a URL without scheme takes the first one's. */
    static ValueParser<List<URI>> brokerList() {
        return of("one or more URLs separated by ';', like kafka://h1:9092;h2:9092 or memory://", "List<URI>", raw -> {
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
                    throw bad();
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
                throw bad();
            }
            return List.copyOf(out);
        });
    }

    static ValueParser<Path> path() {
        return of("a file-system path", "Path", raw -> raw instanceof Path p ? p : Path.of(raw.toString()));
    }

    /** An IANA id like Europe/Oslo, UTC or an offset like +02:00. */
    static ValueParser<ZoneId> zone() {
        return of("a time zone id like UTC, Europe/Oslo or +02:00", "ZoneId", raw -> {
            if (raw instanceof ZoneId z) {
                return z;
            }
            String s = raw.toString();
            return "utc".equalsIgnoreCase(s) ? ZoneOffset.UTC : ZoneId.of(s);
        });
    }

    /** Faust's autodiscover: true/false or a comma-separated list of packages; true is {@link #AUTODISCOVER_ORIGIN}. */
    static ValueParser<List<String>> autodiscover() {
        return of("true, false or a comma-separated list of package names", "List<String>", raw -> {
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

    /** An object of {@code type} that can only be set from code. */
    static <T> ValueParser<T> object(Class<T> type, String what) {
        return new Simple<>(what + " (set from code only)", type.getSimpleName(), true, raw -> {
            if (!type.isInstance(raw)) {
                throw bad();
            }
            return type.cast(raw);
        });
    }

    /** A map that can only be set from code; held as an immutable copy. */
    static ValueParser<Map<?, ?>> map(String what) {
        return new Simple<>(what + " (set from code only)", "Map", true, raw -> {
            if (!(raw instanceof Map<?, ?> m)) {
                throw bad();
            }
            return Map.copyOf(m);
        });
    }

    /** A class name (from any source) or an instance (from code). */
    static ValueParser<Object> classNameOrObject() {
        return of("a fully-qualified class name, or an instance set from code", "String or Object", raw -> raw);
    }

    /** A string template that contains {@code part}. */
    static ValueParser<String> template(String part) {
        return of("a string containing " + part, "String", raw -> {
            String v = raw.toString();
            if (!v.contains(part)) {
                throw bad();
            }
            return v;
        });
    }
}
