/**
 * The installation every module shares: its data folder (owner-only files and folders) and the
 * public base URL customers reach it at. Depends on no other module.
 */
@ApplicationModule(displayName = "Instance")
package dev.remit.instance;

import org.springframework.modulith.ApplicationModule;
