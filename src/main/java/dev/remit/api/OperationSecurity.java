package dev.remit.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import dev.remit.tenancy.TokenKind;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Each operation's {@code security} as HighLevel's own spec states it: which token schemes
 * (Location-Access, Agency-Access) it accepts, and the scopes each must carry.
 */
@Component
public class OperationSecurity {

    static final String SPEC = "highlevel/apps/invoices.json";

    private final Map<String, Map<String, List<String>>> byOperation = new HashMap<>();

    public OperationSecurity(ObjectMapper json) throws IOException {
        try (InputStream in = new ClassPathResource(SPEC).getInputStream()) {
            JsonNode paths = json.readTree(in).get("paths");
            for (String path : paths.propertyNames()) {
                for (JsonNode operation : paths.get(path)) {
                    if (!operation.has("operationId")) {
                        continue;
                    }
                    Map<String, List<String>> schemes = new LinkedHashMap<>();
                    for (JsonNode requirement : operation.path("security")) {
                        for (String scheme : requirement.propertyNames()) {
                            List<String> scopes = new ArrayList<>();
                            requirement.get(scheme).forEach(scope -> scopes.add(scope.asString()));
                            schemes.put(scheme, scopes);
                        }
                    }
                    byOperation.put(operation.get("operationId").asString(), schemes);
                }
            }
        }
    }

    /** The scopes a token of {@code scheme} needs for the operation; empty when that scheme is not accepted. */
    public Optional<List<String>> requiredScopes(String operationId, String scheme) {
        Map<String, List<String>> schemes = byOperation.get(operationId);
        if (schemes == null) {
            throw new IllegalArgumentException("no operation " + operationId + " in " + SPEC);
        }
        return Optional.ofNullable(schemes.get(scheme));
    }

    /**
     * The scopes a token of this kind needs for the operation: those of the first of the spec's
     * schemes that the kind answers to; empty when the operation accepts no such token (text2pay,
     * for one, accepts Location-Access only).
     */
    public Optional<List<String>> requiredScopes(String operationId, TokenKind kind) {
        for (String scheme : kind.securitySchemes()) {
            Optional<List<String>> scopes = requiredScopes(operationId, scheme);
            if (scopes.isPresent()) {
                return scopes;
            }
        }
        return Optional.empty();
    }

    public boolean isKnown(String operationId) {
        return byOperation.containsKey(operationId);
    }
}
