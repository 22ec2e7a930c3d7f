package faust.codec;

import java.util.List;

/** A chain such as {@code json|binary}: dumps left to right, loads right to left. */
final class ChainCodec implements Codec {
    private final Codec[] codecs;

    ChainCodec(List<Codec> codecs) {
        this.codecs = codecs.toArray(Codec[]::new);
    }

    @Override
    public byte[] dumps(Object value) {
        byte[] bytes = codecs[0].dumps(value);
        for (int i = 1; i < codecs.length; i++) {
            bytes = codecs[i].dumps(bytes);
        }
        return bytes;
    }

    @Override
    public <T> T loads(byte[] data, Class<T> type) {
        byte[] bytes = data;
        for (int i = codecs.length - 1; i > 0; i--) {
            bytes = codecs[i].loads(bytes, byte[].class);
        }
        return codecs[0].loads(bytes, type);
    }
}
