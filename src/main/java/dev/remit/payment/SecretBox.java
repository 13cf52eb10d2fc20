package dev.remit.payment;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts provider secrets at rest: AES-256-GCM with a random 96-bit nonce per value, the key from
 * {@code REMIT_SECRET_KEY} (base64 of 32 random bytes, e.g. {@code openssl rand -base64 32}). The
 * associated data binds each ciphertext to its row and column, so a value copied elsewhere does not
 * decrypt. Stored as {@code v1:<base64(nonce | ciphertext | tag)>}.
 */
@Component
public class SecretBox {

    static final String MISSING = "REMIT_SECRET_KEY is not set: remit will not store payment secrets without it. "
            + "Set it to 32 random bytes in base64 (openssl rand -base64 32) and keep it safe; "
            + "secrets stored with it cannot be read without it.";
    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String problem;

    public SecretBox(@Value("${remit.secret-key:}") String base64Key) {
        SecretKeySpec parsed = null;
        String error = null;
        if (base64Key == null || base64Key.isBlank()) {
            error = MISSING;
        } else {
            try {
                byte[] bytes = Base64.getDecoder().decode(base64Key.trim());
                if (bytes.length != 32) {
                    error = "REMIT_SECRET_KEY must be 32 bytes in base64 (it decodes to " + bytes.length + " bytes)";
                } else {
                    parsed = new SecretKeySpec(bytes, "AES");
                }
            } catch (IllegalArgumentException notBase64) {
                error = "REMIT_SECRET_KEY is not valid base64";
            }
        }
        this.key = parsed;
        this.problem = error;
    }

    public boolean isReady() {
        return key != null;
    }

    /** Why secrets cannot be stored, or null when they can. */
    public String problem() {
        return problem;
    }

    public String encrypt(String plain, String context) {
        if (plain == null) {
            return null;
        }
        requireKey();
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encrypt a secret", e);
        }
    }

    public String decrypt(String stored, String context) {
        if (stored == null) {
            return null;
        }
        requireKey();
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalStateException("a stored secret is not in a known format");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored secret could not be decrypted: is REMIT_SECRET_KEY the key it was stored with?");
        }
    }

    private void requireKey() {
        if (key == null) {
            throw new SecretKeyMissingException(problem);
        }
    }

    /** Secrets cannot be stored or read: the key is missing or malformed. */
    public static class SecretKeyMissingException extends IllegalStateException {
        public SecretKeyMissingException(String message) {
            super(message);
        }
    }
}
