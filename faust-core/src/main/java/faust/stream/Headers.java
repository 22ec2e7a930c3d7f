package faust.stream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Immutable list of message headers. Thread-safe. */
public final class Headers implements Iterable<Header> {
    private static final Headers EMPTY = new Headers(List.of());
    private final List<Header> headers;

    private Headers(List<Header> headers) {
        this.headers = headers;
    }

    /** @return no headers */
    public static Headers empty() {
        return EMPTY;
    }

    /**
     * @param headers the headers, in order
     * @return an immutable copy
     */
    public static Headers of(List<Header> headers) {
        Objects.requireNonNull(headers, "headers");
        return headers.isEmpty() ? EMPTY : new Headers(List.copyOf(headers));
    }

    /**
     * @param map header names to UTF-8 string values
     * @return the headers in the map's order
     */
    public static Headers ofStrings(Map<String, String> map) {
        List<Header> list = new ArrayList<>(map.size());
        map.forEach((k, v) -> list.add(Header.of(k, v)));
        return of(list);
    }

    /**
     * @param header a header to add
     * @return a copy with the header appended
     */
    public Headers with(Header header) {
        List<Header> list = new ArrayList<>(headers);
        list.add(header);
        return new Headers(Collections.unmodifiableList(list));
    }

    /**
     * @param key a header name
     * @return a copy without any header of that name
     */
    public Headers without(String key) {
        List<Header> list = new ArrayList<>(headers.size());
        for (Header h : headers) {
            if (!h.key().equals(key)) {
                list.add(h);
            }
        }
        return of(list);
    }

    /**
     * @param key a header name
     * @return the value of the last header with that name, or null
     */
    public byte @Nullable [] lastValue(String key) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).key().equals(key)) {
                return headers.get(i).value();
            }
        }
        return null;
    }

    /**
     * @param key a header name
     * @return the last value with that name decoded as UTF-8, or null
     */
    public @Nullable String lastString(String key) {
        byte[] v = lastValue(key);
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    /** @return the headers as a list */
    public List<Header> asList() {
        return headers;
    }

    /** @return last value per name, as UTF-8 strings */
    public Map<String, String> toStringMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Header h : headers) {
            m.put(h.key(), h.valueAsString());
        }
        return m;
    }

    /** @return the number of headers */
    public int size() {
        return headers.size();
    }

    /** @return true when there are none */
    public boolean isEmpty() {
        return headers.isEmpty();
    }

    @Override
    public Iterator<Header> iterator() {
        return headers.iterator();
    }

    @Override
    public String toString() {
        return toStringMap().toString();
    }
}
