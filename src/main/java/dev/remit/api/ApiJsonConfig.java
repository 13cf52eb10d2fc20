package dev.remit.api;

import java.math.BigDecimal;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

@Configuration
public class ApiJsonConfig {

    /**
     * Exact decimals in, and amounts out as JavaScript clients see HighLevel's: 999 rather than 999.00.
     * JSON trees (every request body) are read so that a number no BigDecimal can hold is an
     * {@link UnreadableNumberException} naming where it stood, not a bare NumberFormatException.
     */
    @Bean
    static JsonMapperBuilderCustomizer exactDecimals() {
        SimpleModule module = new SimpleModule("remit-decimals");
        module.addSerializer(BigDecimal.class, new ValueSerializer<BigDecimal>() {
            @Override
            public void serialize(BigDecimal value, JsonGenerator generator, SerializationContext context) {
                BigDecimal plain = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
                generator.writeNumber(plain.scale() < 0 ? plain.setScale(0) : plain);
            }
        });
        module.addDeserializer(JsonNode.class, new UnreadableNumberException.TreeDeserializer());
        return builder -> builder.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).addModule(module);
    }
}
