package dev.remit.tenancy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param enabled create a demo company, location, user and token on an empty database */
@ConfigurationProperties("remit.bootstrap")
record BootstrapProperties(@DefaultValue("true") boolean enabled) {
}
