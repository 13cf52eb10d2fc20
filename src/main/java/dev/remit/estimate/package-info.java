/**
 * Estimates (docs/estimates.md): the {@link dev.remit.estimate.Estimate} aggregate, closed like the
 * invoice (its transitions are package-private, reached through {@link dev.remit.estimate.EstimateService}'s
 * intents), its storage, numbering, action history and events, the invoice made from it, and estimate
 * templates. The operations are in {@code estimate.web}.
 */
package dev.remit.estimate;
