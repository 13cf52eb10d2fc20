package dev.remit.estimate;

import java.time.Instant;

/**
 * One entry of an estimate's {@code estimateActionHistory}: what was done ({@code created}, {@code updated},
 * {@code sent}, {@code viewed}, {@code accepted}, {@code declined}, {@code expired}, {@code invoiced}), by whom
 * ({@code actor}: {@code user}, {@code customer} or {@code system}, with the user's id or the name the
 * customer typed), when, and a note (a decline's reason, the invoice's id).
 */
public record EstimateAction(String action, String actor, String actorId, String actorName, String note, Instant at) {

    public static final String USER = "user";
    public static final String CUSTOMER = "customer";
    public static final String SYSTEM = "system";
}
