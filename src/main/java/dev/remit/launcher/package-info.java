/** The command line's entry: routes {@code admin} to the admin commands and starts the server otherwise. */
@ApplicationModule(displayName = "Launcher")
package dev.remit.launcher;

import org.springframework.modulith.ApplicationModule;
