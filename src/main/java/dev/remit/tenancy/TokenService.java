package dev.remit.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, checks and revokes API tokens. A token is 256 random bits behind a kind prefix; only its
 * SHA-256 is stored (the secret has full entropy, so a salt or a slow hash would add nothing), and
 * the stored hash is compared in constant time.
 */
@Service
public class TokenService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TenancyRepository tenancy;
    /** Live tokens by hash, read at most {@code remit.tokens.cache-ttl} ago; revoke() removes its token. */
    private final Cache<String, TenancyRepository.StoredToken> live;
    private final boolean caching;

    public TokenService(TenancyRepository tenancy, TokenProperties properties) {
        this.tenancy = tenancy;
        this.caching = !properties.cacheTtl().isZero();
        this.live = Caffeine.newBuilder().expireAfterWrite(properties.cacheTtl())
                .maximumSize(properties.cacheTtl().isZero() ? 0 : properties.cacheSize()).build();
    }

    @Transactional
    public IssuedToken issue(TokenKind kind, String companyId, String locationId, String label, List<String> scopes) {
        if (kind.isLocationScoped() == (locationId == null)) {
            throw new IllegalArgumentException(kind.isLocationScoped()
                    ? "a " + kind.label() + " token needs a location" : "an agency token belongs to no single location");
        }
        for (String scope : scopes) {
            if (!Scopes.isKnown(scope)) {
                throw new IllegalArgumentException("unknown scope " + scope + "; known: " + String.join(", ", Scopes.ALL));
            }
        }
        if (tenancy.findCompany(companyId).isEmpty()) {
            throw new IllegalArgumentException("no company " + companyId);
        }
        if (locationId != null) {
            Location location = tenancy.findLocation(locationId)
                    .orElseThrow(() -> new IllegalArgumentException("no location " + locationId));
            if (!location.companyId().equals(companyId)) {
                throw new IllegalArgumentException("location " + locationId + " is not in company " + companyId);
            }
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = kind.prefix() + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ApiToken token = new ApiToken(Ids.newId(), kind, companyId, locationId, label,
                List.copyOf(new LinkedHashSet<>(scopes)), tenancy.now(), null);
        tenancy.insertToken(token, hash(secret));
        return new IssuedToken(token, secret);
    }

    /** The caller a bearer secret stands for, if it is a live token. */
    public Optional<Caller> authenticate(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > 512) {
            return Optional.empty();
        }
        String hash = hash(secret);
        TenancyRepository.StoredToken cached = caching ? live.getIfPresent(hash) : null;
        Optional<TenancyRepository.StoredToken> found = Optional.ofNullable(cached);
        if (cached == null) {
            // only a database read is kept: putting a hit back would restart its time to live, and a token in
            // steady use would never be read again, nor its revocation by another process ever seen
            found = tenancy.findLiveTokenByHash(hash);
            if (caching) {
                found.ifPresent(stored -> live.put(hash, stored));
            }
        }
        return found
                .filter(stored -> MessageDigest.isEqual(
                        stored.hash().getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII)))
                .map(stored -> {
                    ApiToken token = stored.token();
                    return new Caller(token.id(), token.kind(), token.companyId(), token.locationId(),
                            new LinkedHashSet<>(token.scopes()));
                });
    }

    public boolean revoke(String tokenId) {
        boolean revoked = tenancy.revokeToken(tokenId);
        live.asMap().values().removeIf(stored -> stored.token().id().equals(tokenId));
        return revoked;
    }

    public List<ApiToken> list() {
        return tenancy.tokens();
    }

    static String hash(String secret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
