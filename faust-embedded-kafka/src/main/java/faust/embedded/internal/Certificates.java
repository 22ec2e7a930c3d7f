package faust.embedded.internal;

import faust.embedded.security.TlsFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Generates the TLS material of an embedded cluster with JDK APIs only: a self-signed CA, a server
 * certificate for {@code 127.0.0.1}/{@code localhost} and a client certificate, all EC P-256 signed
 * with SHA256withECDSA, written as PKCS12 stores and PEM files.
 *
 * <p>Why not {@code keytool}: it needs one JVM launch per step (about 0.8 s each on a 2-core
 * machine, 2.5 s or more per cluster start); encoding the certificates here takes milliseconds.
 */
public final class Certificates {
    private static final String SHA256_WITH_ECDSA = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String SUBJECT_KEY_ID = "2.5.29.14";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String AUTHORITY_KEY_ID = "2.5.29.35";
    private static final String EXT_KEY_USAGE = "2.5.29.37";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final Duration VALIDITY = Duration.ofDays(3650);

    private final SecureRandom random = new SecureRandom();
    private final Instant notBefore = Instant.now().minus(Duration.ofDays(1));

    private Certificates() {}

    /**
     * Writes every file named by {@code files}, replacing existing ones.
     *
     * @param files where to write, and the store password
     * @throws IOException if a file cannot be written
     * @throws GeneralSecurityException if the JDK lacks EC P-256 or PKCS12 (it never should)
     */
    public static void write(TlsFiles files) throws IOException, GeneralSecurityException {
        new Certificates().writeAll(files);
    }

    private void writeAll(TlsFiles files) throws IOException, GeneralSecurityException {
        Files.createDirectories(files.directory());
        KeyPair caKeys = newKeyPair();
        X509Certificate ca = sign("faust-embedded-ca", caKeys, "faust-embedded-ca", caKeys, true);
        KeyPair serverKeys = newKeyPair();
        X509Certificate server = sign("localhost", serverKeys, "faust-embedded-ca", caKeys, false);
        KeyPair clientKeys = newKeyPair();
        X509Certificate client = sign("faust-client", clientKeys, "faust-embedded-ca", caKeys, false);

        char[] password = files.password().toCharArray();
        KeyStore trust = emptyStore();
        trust.setCertificateEntry("ca", ca);
        store(trust, files.caTrustStore(), password);
        KeyStore serverStore = emptyStore();
        serverStore.setKeyEntry("server", serverKeys.getPrivate(), password, new Certificate[] {server, ca});
        store(serverStore, files.serverKeyStore(), password);
        KeyStore clientStore = emptyStore();
        clientStore.setKeyEntry("client", clientKeys.getPrivate(), password, new Certificate[] {client, ca});
        store(clientStore, files.clientKeyStore(), password);

        Files.writeString(files.caPem(), pem("CERTIFICATE", ca.getEncoded()));
        Files.writeString(files.clientCertPem(), pem("CERTIFICATE", client.getEncoded()));
        Files.writeString(files.clientKeyPem(), pem("PRIVATE KEY", clientKeys.getPrivate().getEncoded()));
    }

    private KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private X509Certificate sign(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
            boolean authority) throws GeneralSecurityException {
        byte[] algorithm = Der.sequence(Der.oid(SHA256_WITH_ECDSA));
        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(BigInteger.TWO)), // v3
                Der.integer(new BigInteger(63, random).add(BigInteger.ONE)),
                algorithm,
                name(issuer),
                Der.sequence(Der.time(notBefore), Der.time(notBefore.plus(VALIDITY))),
                name(subject),
                subjectKeys.getPublic().getEncoded(), // already a DER SubjectPublicKeyInfo
                Der.explicit(3, Der.sequence(extensions(subjectKeys, issuerKeys, authority))));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(issuerKeys.getPrivate(), random);
        signer.update(tbs);
        byte[] certificate = Der.sequence(tbs, algorithm, Der.bitString(signer.sign(), 0));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate));
    }

    private static byte[][] extensions(KeyPair subjectKeys, KeyPair issuerKeys, boolean authority)
            throws GeneralSecurityException {
        List<byte[]> list = new ArrayList<>();
        list.add(extension(SUBJECT_KEY_ID, false, Der.octetString(keyId(subjectKeys))));
        if (authority) {
            list.add(extension(BASIC_CONSTRAINTS, true, Der.sequence(Der.bool(true))));
            // keyCertSign (bit 5) and cRLSign (bit 6): 0b0000_0110, the last bit unused
            list.add(extension(KEY_USAGE, true, Der.bitString(new byte[] {0x06}, 1)));
        } else {
            list.add(extension(AUTHORITY_KEY_ID, false,
                    Der.sequence(Der.implicit(0, keyId(issuerKeys)))));
            list.add(extension(BASIC_CONSTRAINTS, true, Der.sequence()));
            // digitalSignature (bit 0): 0b1000_0000, seven bits unused
            list.add(extension(KEY_USAGE, true, Der.bitString(new byte[] {(byte) 0x80}, 7)));
            list.add(extension(EXT_KEY_USAGE, false,
                    Der.sequence(Der.oid(SERVER_AUTH), Der.oid(CLIENT_AUTH))));
            list.add(extension(SUBJECT_ALT_NAME, false, Der.sequence(
                    Der.implicit(2, "localhost".getBytes(StandardCharsets.US_ASCII)),
                    Der.implicit(7, InetAddress.getLoopbackAddress().getAddress()))));
        }
        return list.toArray(byte[][]::new);
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical
                ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    private static byte[] keyId(KeyPair keys) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-1").digest(keys.getPublic().getEncoded());
    }

    private static byte[] name(String commonName) {
        return Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8String(commonName))));
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static void store(KeyStore store, Path path, char[] password)
            throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(path)) {
            store.store(out, password);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
