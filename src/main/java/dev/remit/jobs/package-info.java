/**
 * Durable jobs over db-scheduler (docs/architecture.md, "Jobs"): a name, a data record stored as JSON,
 * one retry policy and one hook when retries run out. Depends on no other module.
 */
@ApplicationModule(displayName = "Jobs")
package dev.remit.jobs;

import org.springframework.modulith.ApplicationModule;
