package faust.codec;

import java.util.Base64;

/** Faust's {@code binary} codec: base64 (standard alphabet, padded) of the inner bytes. */
final class BinaryCodec implements Codec {
    @Override
    public byte[] dumps(Object value) {
        return Base64.getEncoder().encode(RawCodec.Bytes.of(value, "binary"));
    }

    @Override
    public <T> T loads(byte[] data, Class<T> type) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the binary codec expected base64 text: " + e.getMessage(), e);
        }
        return RawCodec.Bytes.as(decoded, type, "binary");
    }
}
