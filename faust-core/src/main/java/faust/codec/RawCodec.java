package faust.codec;

import java.nio.charset.StandardCharsets;

/** Faust's {@code raw} codec: bytes pass through, strings are UTF-8, nothing else is accepted. */
final class RawCodec implements Codec {
    @Override
    public byte[] dumps(Object value) {
        return Bytes.of(value, "raw");
    }

    @Override
    public <T> T loads(byte[] data, Class<T> type) {
        return Bytes.as(data, type, "raw");
    }

    /** Shared by raw and binary: the only Java shapes plain bytes have. */
    static final class Bytes {
        private Bytes() {}

        static byte[] of(Object value, String codec) {
            if (value instanceof byte[] bytes) {
                return bytes;
            }
            if (value instanceof String text) {
                return text.getBytes(StandardCharsets.UTF_8);
            }
            throw new IllegalArgumentException("the " + codec + " codec serializes only byte[] and String, got "
                    + value.getClass().getName() + "; use the json codec (or a json|" + codec + " chain) for objects");
        }

        @SuppressWarnings("unchecked")
        static <T> T as(byte[] data, Class<T> type, String codec) {
            if (type == byte[].class || type == Object.class) {
                return (T) data;
            }
            if (type == String.class) {
                return (T) new String(data, StandardCharsets.UTF_8);
            }
            throw new IllegalArgumentException("the " + codec + " codec decodes only into byte[], String or Object, not "
                    + type.getName() + "; use the json codec (or a json|" + codec + " chain) for other types");
        }
    }
}
