package dev.remit.api;

import java.math.BigDecimal;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.module.SimpleModule;

@Configuration
public class ApiJsonConfig {

    /**
     * Exact decimals in, and amounts out by the one rule of {@link MoneyJson}: 999 rather than 999.00.
     */
    @Bean
    static JsonMapperBuilderCustomizer exactDecimals() {
        SimpleModule module = new SimpleModule("remit-decimals");
        module.addSerializer(BigDecimal.class, MoneyJson.SERIALIZER);
        return builder -> builder.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).addModule(module);
    }
}
