package faust.bench.e2e;

/**
 * The benchmark's messages and the transform every system applies. A value is {@code size} bytes:
 * the message index (8 bytes, big-endian), then filler bytes derived from the index, ending in a
 * check byte. The transform flips bit 5 of every byte (ASCII case), so the output is a new array
 * of the same size from which the verifier recovers the index and checks the content.
 */
final class Payload {
    /** XORed into every byte by the transform. */
    static final byte FLIP = 0x20;
    /** Smallest value: the index and at least one check byte. */
    static final int MIN_SIZE = 9;

    private Payload() {}

    /**
     * @param index the message index
     * @param size value size in bytes, at least {@link #MIN_SIZE}
     * @return the input value of message {@code index}
     */
    static byte[] input(long index, int size) {
        byte[] v = new byte[size];
        for (int i = 0; i < 8; i++) {
            v[i] = (byte) (index >>> (56 - 8 * i));
        }
        for (int i = 8; i < size - 1; i++) {
            v[i] = (byte) ('a' + (index + i) % 26);
        }
        v[size - 1] = check(index);
        return v;
    }

    /**
     * The transform under test: one new array, every byte XORed with {@link #FLIP}.
     *
     * @param value an input value
     * @return the output value
     */
    static byte[] transform(byte[] value) {
        byte[] out = new byte[value.length];
        for (int i = 0; i < value.length; i++) {
            out[i] = (byte) (value[i] ^ FLIP);
        }
        return out;
    }

    /**
     * Recovers the index of an output value and checks it is the transform of that message's input
     * (size, check byte and one filler byte).
     *
     * @param output a value read from the output topic
     * @param size the expected size
     * @return the message index, or -1 when the value is not a transformed input
     */
    static long outputIndex(byte[] output, int size) {
        if (output.length != size) {
            return -1;
        }
        long index = 0;
        for (int i = 0; i < 8; i++) {
            index = (index << 8) | ((output[i] ^ FLIP) & 0xFF);
        }
        if ((byte) (output[size - 1] ^ FLIP) != check(index)) {
            return -1;
        }
        if (size > 9 && (byte) (output[8] ^ FLIP) != (byte) ('a' + (index + 8) % 26)) {
            return -1;
        }
        return index;
    }

    private static byte check(long index) {
        long h = index * 0x9E3779B97F4A7C15L;
        return (byte) (h >>> 56);
    }
}
