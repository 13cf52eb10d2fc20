package dev.remit.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.BeanUtils;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * What {@link RemitServerTest} gives every context when Spring builds it: a fresh database, a free
 * port with the public base URL on it, a data dir, quick scheduler polling, no bootstrap tenant, and
 * the settings of the {@link StubProperties} stubs the test class imports.
 * Chosen at build time so that every test class with the same configuration shares one context.
 */
public final class RemitServerContext implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY).isPresent(RemitServerTest.class)
                ? new Customizer()
                : null;
    }

    private static final class Customizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            Map<String, Object> given = TestPropertySourceUtils.convertInlinedPropertiesToMap(config.getPropertySourceProperties());
            Map<String, Object> defaults = new LinkedHashMap<>(TestDatabase.fresh("server"));
            int port = FreePort.next();
            defaults.put("server.port", port);
            defaults.put("remit.public-base-url", "http://localhost:" + port);
            defaults.put("remit.data-dir", dataDir());
            defaults.put("remit.bootstrap.enabled", "false");
            defaults.put("db-scheduler.polling-interval", "200ms");
            for (Class<?> imported : imports(config.getTestClass())) {
                if (StubProperties.class.isAssignableFrom(imported)) {
                    defaults.putAll(((StubProperties) BeanUtils.instantiateClass(imported)).properties());
                }
            }
            given.keySet().forEach(defaults::remove);
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("remitServerTest", defaults));
        }

        private static List<Class<?>> imports(Class<?> testClass) {
            return MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY).stream(Import.class)
                    .flatMap(annotation -> Arrays.stream(annotation.getClassArray("value"))).toList();
        }

        private static String dataDir() {
            try {
                return Files.createTempDirectory("remit-test-").toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }
}
