package dev.remit.api;

import java.math.BigDecimal;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.module.SimpleModule;

@Configuration
public class ApiJsonConfig {

    /**
     * Exact decimals in, and amounts out by the one rule of {@link MoneyJson}: 999 rather than 999.00.
     * JSON trees (every request body) are read so that a number no BigDecimal can hold is an
     * {@link UnreadableNumberException} naming where it stood, not a bare NumberFormatException.
     */
    @Bean
    static JsonMapperBuilderCustomizer exactDecimals() {
        SimpleModule module = new SimpleModule("remit-decimals");
        module.addSerializer(BigDecimal.class, MoneyJson.SERIALIZER);
        module.addDeserializer(JsonNode.class, new UnreadableNumberException.TreeDeserializer());
        return builder -> builder.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).addModule(module);
    }
}
