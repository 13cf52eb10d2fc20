package dev.remit.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import dev.remit.instance.InstanceProperties;
import dev.remit.support.MutableClock;

/** The signing keys: generated once into the data folder (owner-only), rotated with an overlap, or configured. */
class SigningKeysTest {

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2031-03-03T15:00:00Z"));

    private static WebhookProperties properties(Path keyFile, List<Path> published) {
        return new WebhookProperties(false, Duration.ofSeconds(5), Duration.ofSeconds(10), DataSize.ofKilobytes(64),
                Duration.ofDays(3), Duration.ofSeconds(30), Duration.ofHours(1), 2.0, 0.5, Duration.ofHours(24), 4, keyFile,
                published, 2048);
    }

    private SigningKeys keys() {
        return new SigningKeys(properties(null, List.of()), new InstanceProperties(dataDir, "http://localhost"), clock);
    }

    private static boolean verifies(String pem, byte[] body, String signature) throws Exception {
        return Receiver.verify(Receiver.parse(pem), new String(body, StandardCharsets.UTF_8), signature);
    }

    @Test
    void aKeyIsGeneratedOnceIntoTheDataFolderReadableByItsOwnerOnly() throws Exception {
        SigningKeys first = keys();
        byte[] body = "{\"timestamp\":\"2031-03-03T15:00:00Z\",\"webhookId\":\"abc\"}".getBytes(StandardCharsets.UTF_8);
        String signature = first.sign(body);
        assertThat(verifies(first.publicKeyPem(), body, signature)).isTrue();
        assertThat(verifies(first.publicKeyPem(), "{}".getBytes(StandardCharsets.UTF_8), signature)).isFalse();

        Path folder = dataDir.resolve("webhook-keys");
        try (var files = Files.list(folder)) {
            files.filter(f -> f.toString().endsWith(".pem")).forEach(f -> {
                try {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            });
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        assertThat(keys().publicKeyPem()).as("the next start uses the same key").isEqualTo(first.publicKeyPem());
    }

    @Test
    void aRotatedKeyIsPublishedBesideTheOldOneUntilItTakesOver() throws Exception {
        SigningKeys keys = keys();
        String old = keys.publicKeyPem();
        SigningKeys.PublishedKey next = keys.rotate(Duration.ofDays(7));
        assertThat(next.signing()).isFalse();

        byte[] body = "{\"webhookId\":\"1\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(keys.published()).extracting(SigningKeys.PublishedKey::pem).containsExactly(old, next.pem());
        assertThat(keys.publicKeyPem()).as("the old key signs during the overlap").isEqualTo(old);
        assertThat(verifies(old, body, keys.sign(body))).isTrue();
        assertThat(keys().published()).as("another process sees the rotation").hasSize(2);

        clock.advance(Duration.ofDays(7));
        assertThat(keys.publicKeyPem()).isEqualTo(next.pem());
        assertThat(verifies(next.pem(), body, keys.sign(body))).isTrue();
        assertThat(keys.published()).extracting(SigningKeys.PublishedKey::pem).containsExactly(next.pem());
    }

    @Test
    void aConfiguredKeySignsAndExtraPublicKeysArePublishedBesideIt() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        var other = generator.generateKeyPair();
        Path keyFile = dataDir.resolve("key.pem");
        Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        Path published = dataDir.resolve("next.pub.pem");
        Files.writeString(published, SigningKeys.pem(other.getPublic()));
        SigningKeys keys = new SigningKeys(properties(keyFile, List.of(published)),
                new InstanceProperties(dataDir.resolve("data"), "http://localhost"), clock);

        assertThat(keys.publicKeyPem()).isEqualTo(SigningKeys.pem(pair.getPublic()));
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        assertThat(verifies(SigningKeys.pem(pair.getPublic()), body, keys.sign(body))).isTrue();
        assertThat(keys.published()).hasSize(2).extracting(SigningKeys.PublishedKey::signing).containsExactly(true, false);
        assertThat(Files.exists(dataDir.resolve("data").resolve("webhook-keys"))).as("nothing generated").isFalse();
        assertThatThrownBy(() -> keys.rotate(Duration.ofDays(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
