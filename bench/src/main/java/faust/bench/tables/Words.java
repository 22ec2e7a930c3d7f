package faust.bench.tables;

import java.nio.charset.StandardCharsets;

/**
 * The word-count input: lines of about 100 bytes, each 11 words drawn from a vocabulary of
 * {@link #VOCABULARY} distinct words ({@code w0000}..{@code w9999} padded to 8 characters).
 * Deterministic: line {@code i} is always the same.
 */
final class Words {
    static final int VOCABULARY = 10_000;
    static final int PER_LINE = 11;

    private Words() {}

    /** @return line {@code i}: 11 words separated by single spaces, 98 bytes */
    static byte[] line(long i) {
        StringBuilder b = new StringBuilder(100);
        long h = i * 0x9E3779B97F4A7C15L;
        for (int w = 0; w < PER_LINE; w++) {
            h ^= h >>> 31;
            h *= 0xBF58476D1CE4E5B9L;
            int word = (int) Math.floorMod(h >>> 17, (long) VOCABULARY);
            if (w > 0) {
                b.append(' ');
            }
            b.append("word").append(String.format("%04d", word));
        }
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** @return how many words {@code lines} lines hold */
    static long words(long lines) {
        return lines * PER_LINE;
    }
}
