package dev.remit.support;

import java.util.Map;

/**
 * A stub a {@link RemitServerTest} brings in with {@code @Import}, and the settings that point the
 * server at it. They are in place before Spring reads the configuration, so that conditions on
 * them (spring.mail.host turns mail on) see them.
 */
public interface StubProperties {

    Map<String, Object> properties();
}
