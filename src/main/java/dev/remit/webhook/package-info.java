/**
 * Webhooks out (docs/webhooks.md): a location's subscriptions, HighLevel's seven invoice events fired
 * from the invoice's domain events, signed as HighLevel signs them and delivered by a durable job.
 */
@ApplicationModule(displayName = "Webhooks")
package dev.remit.webhook;

import org.springframework.modulith.ApplicationModule;
