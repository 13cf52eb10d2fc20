package dev.remit.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.remit.instance.DataFolder;
import dev.remit.instance.InstanceProperties;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * remit's RSA key pairs for {@code x-wh-signature}. Either one key given by configuration
 * ({@code remit.webhooks.key-file}, with {@code published-key-files} published beside it), or keys kept
 * in the data folder's {@code webhook-keys/}: the first generated on first start, more by
 * {@link #rotate}. A rotated-in key is published at once and signs from {@code activeFrom}; the key it
 * replaces signs until then and is published until then, so both are published for the overlap.
 */
@Component
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String FOLDER = "webhook-keys";
    private static final String INDEX = "keys.json";

    /** A key as the data folder's index lists it. */
    record Entry(String id, Instant activeFrom, Instant retiredAt) {
    }

    /** A public key as receivers get it: PEM, its id, from when it signs and until when it is published. */
    public record PublishedKey(String id, String pem, Instant activeFrom, Instant retiredAt, boolean signing) {
    }

    private record Loaded(String id, PrivateKey privateKey, PublicKey publicKey, Instant activeFrom, Instant retiredAt) {
    }

    private final WebhookProperties properties;
    private final Path folder;
    private final Clock clock;
    private List<Loaded> keys;
    private FileTime loadedAt;

    SigningKeys(WebhookProperties properties, InstanceProperties instance, Clock clock) {
        this.properties = properties;
        this.folder = instance.dataDir().resolve(FOLDER);
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void generateOnFirstStart() {
        PublishedKey signing = published().stream().filter(PublishedKey::signing).findFirst().orElseThrow();
        log.info("webhooks are signed with key {} (public key at /webhooks/public-key)", signing.id());
    }

    /** The base64 RSA SHA-256 signature of {@code body} with the key that signs now: {@code x-wh-signature}. */
    public String sign(byte[] body) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(signingKey().privateKey());
            signature.update(body);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a webhook", e);
        }
    }

    /** The public key that signs now, PEM. */
    public String publicKeyPem() {
        return pem(signingKey().publicKey());
    }

    /** Every public key a receiver should accept now: the signing one, and one announced or retiring. */
    public synchronized List<PublishedKey> published() {
        Instant now = clock.instant();
        Loaded signing = signingKey();
        return load().stream().filter(k -> k.retiredAt() == null || k.retiredAt().isAfter(now))
                .map(k -> new PublishedKey(k.id(), pem(k.publicKey()),
                        k.activeFrom().equals(Instant.MAX) ? null : k.activeFrom(), k.retiredAt(), k == signing))
                .toList();
    }

    /**
     * A new key pair, published from now and signing from {@code now + overlap}; the key signing now keeps
     * signing until then and is no longer published after it. Only for keys kept in the data folder.
     */
    public synchronized PublishedKey rotate(Duration overlap) {
        if (properties.keyFile() != null) {
            throw new IllegalArgumentException("the signing key is set by remit.webhooks.key-file: rotate it there "
                    + "(publish the new public key with remit.webhooks.published-key-files first)");
        }
        if (overlap.isNegative()) {
            throw new IllegalArgumentException("the overlap must not be negative");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant switchAt = now.plus(overlap);
        withLock(() -> {
            List<Entry> index = new ArrayList<>(readIndex());
            for (int i = 0; i < index.size(); i++) {
                Entry e = index.get(i);
                if (e.retiredAt() == null || e.retiredAt().isAfter(switchAt)) {
                    index.set(i, new Entry(e.id(), e.activeFrom(), switchAt));
                }
            }
            index.add(new Entry(generate(), switchAt, null));
            writeIndex(index);
        });
        loadedAt = null;
        Loaded added = load().get(load().size() - 1);
        return new PublishedKey(added.id(), pem(added.publicKey()), added.activeFrom(), added.retiredAt(),
                !added.activeFrom().isAfter(clock.instant()));
    }

    private synchronized Loaded signingKey() {
        Instant now = clock.instant();
        List<Loaded> all = load();
        return all.stream().filter(k -> !k.activeFrom().isAfter(now)).max(Comparator.comparing(Loaded::activeFrom))
                .orElse(all.get(0));
    }

    private List<Loaded> load() {
        if (properties.keyFile() != null) {
            if (keys == null) {
                keys = configured();
            }
            return keys;
        }
        try {
            Path index = folder.resolve(INDEX);
            if (!Files.exists(index)) {
                withLock(() -> {
                    if (!Files.exists(index)) {
                        String id = generate();
                        writeIndex(List.of(new Entry(id, Instant.EPOCH, null)));
                        log.info("generated the webhook signing key {} in {}", id, folder);
                    }
                });
            }
            FileTime modified = Files.getLastModifiedTime(index);
            if (keys == null || !modified.equals(loadedAt)) {
                List<Loaded> loaded = new ArrayList<>();
                for (Entry e : readIndex()) {
                    PrivateKey privateKey = privateKey(Files.readString(folder.resolve(e.id() + ".pem")));
                    loaded.add(new Loaded(e.id(), privateKey, publicOf(privateKey), e.activeFrom(), e.retiredAt()));
                }
                keys = List.copyOf(loaded);
                loadedAt = modified;
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the webhook keys in " + folder, e);
        }
    }

    private List<Loaded> configured() {
        try {
            PrivateKey privateKey = privateKey(Files.readString(properties.keyFile()));
            PublicKey publicKey = publicOf(privateKey);
            List<Loaded> loaded = new ArrayList<>();
            loaded.add(new Loaded(id(publicKey), privateKey, publicKey, Instant.EPOCH, null));
            for (Path file : properties.publishedKeyFiles()) {
                PublicKey extra = publicKey(Files.readString(file));
                // published only: never signs
                loaded.add(new Loaded(id(extra), null, extra, Instant.MAX, null));
            }
            return List.copyOf(loaded);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read remit.webhooks.key-file " + properties.keyFile(), e);
        }
    }

    /** Writes a new private key into the folder; its id. */
    private String generate() throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(properties.keySize());
            KeyPair pair = generator.generateKeyPair();
            String id = id(pair.getPublic());
            Path file = DataFolder.ownerOnlyFile(folder.resolve(id + ".pem"));
            Files.writeString(file, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            return id;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    private interface IoWork {
        void run() throws IOException;
    }

    /** Runs {@code work} holding the folder's lock, so that two processes never generate keys at once. */
    private void withLock(IoWork work) {
        try {
            DataFolder.ownerOnlyDirectories(folder);
            Path lockFile = folder.resolve(".lock");
            if (!Files.exists(lockFile)) {
                try {
                    DataFolder.ownerOnlyFile(lockFile);
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // another process made it
                }
            }
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                work.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the webhook keys in " + folder, e);
        }
    }

    private List<Entry> readIndex() throws IOException {
        Path index = folder.resolve(INDEX);
        return Files.exists(index) ? JSON.readValue(Files.readString(index), new TypeReference<List<Entry>>() {
        }) : List.of();
    }

    private void writeIndex(List<Entry> entries) throws IOException {
        Path temporary = folder.resolve(INDEX + ".new");
        Files.deleteIfExists(temporary);
        DataFolder.ownerOnlyFile(temporary);
        Files.writeString(temporary, JSON.writeValueAsString(entries));
        Files.move(temporary, folder.resolve(INDEX), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static String pem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem, String type) {
        String begin = "-----BEGIN " + type + "-----";
        int start = pem.indexOf(begin);
        int end = pem.indexOf("-----END " + type + "-----");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("not a PEM " + type + " (openssl genpkey -algorithm RSA writes one)");
        }
        return Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), end));
    }

    static PrivateKey privateKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA private key in PKCS#8 PEM", e);
        }
    }

    static PublicKey publicKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA public key in PEM", e);
        }
    }

    private static PublicKey publicOf(PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalArgumentException("the webhook key must be an RSA private key with its CRT parameters");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key's id: the first 16 hex digits of the SHA-256 of its public key. */
    static String id(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded())).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
