package dev.remit.webhook.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.remit.webhook.SigningKeys;

/**
 * The public keys that verify {@code x-wh-signature}, for anyone: {@code GET /webhooks/public-key} (the
 * key signing now, PEM, as HighLevel's guide prints its own) and {@code GET /webhooks/public-keys}
 * (every key to accept now, during a rotation both).
 */
@RestController
class PublicKeyController {

    static final String KEY = "/webhooks/public-key";
    static final String KEYS = "/webhooks/public-keys";

    private final SigningKeys keys;

    PublicKeyController(SigningKeys keys) {
        this.keys = keys;
    }

    @GetMapping(value = KEY, produces = "application/x-pem-file")
    ResponseEntity<String> key() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache())
                .contentType(MediaType.parseMediaType("application/x-pem-file")).body(keys.publicKeyPem());
    }

    @GetMapping(value = KEYS, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, List<SigningKeys.PublishedKey>>> all() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(Map.of("keys", keys.published()));
    }
}
