package dev.remit.api;

import java.util.List;

import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.remit.tenancy.Caller;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The server's own OpenAPI description (springdoc, /v3/api-docs and /swagger-ui.html): every
 * /invoices operation remit implements, with HighLevel's operationId, the bearer token and the
 * Version header it requires.
 */
@Configuration
class ApiDocsConfig {

    static {
        // The caller is resolved from the bearer token, not sent as a parameter.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    OpenAPI remitOpenApi() {
        return new OpenAPI()
                .info(new Info().title("remit: HighLevel Invoices API v2").version("v2")
                        .description("A self-hosted server speaking HighLevel's Invoices API v2. Every /invoices "
                                + "operation needs `Authorization: Bearer <token>` and a `Version` header ("
                                + String.join(", ", versions()) + "). See docs/api-contract.md.")
                        .license(new License().name("HighLevel's spec: CC0")))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("A remit API token (location, private integration or agency)")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    /**
     * Jackson 3 trees (bodies read by RequestBinder, answers built by hand) are plain JSON values;
     * left to itself, springdoc introspects ObjectNode as a bean and logs a warning per operation.
     */
    @Bean
    ModelConverter jacksonTrees() {
        return (type, context, chain) -> {
            Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
            if (ArrayNode.class.isAssignableFrom(raw)) {
                return new ArraySchema().items(new ObjectSchema());
            }
            if (JsonNode.class.isAssignableFrom(raw)) {
                return new ObjectSchema();
            }
            return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        };
    }

    @Bean
    OperationCustomizer highLevelOperations() {
        return (operation, handler) -> {
            HighLevelOperation highLevel = handler.getMethodAnnotation(HighLevelOperation.class);
            if (highLevel == null) {
                return operation;
            }
            if (!highLevel.value().isEmpty()) {
                operation.setOperationId(highLevel.value());
            }
            StringSchema version = new StringSchema();
            versions().forEach(version::addEnumItem);
            version.setDefault(ApiVersions.DEFAULT);
            operation.addParametersItem(new HeaderParameter().name("Version").required(true).schema(version)
                    .description("API version; any of the published values"));
            return operation;
        };
    }

    private static List<String> versions() {
        return ApiVersions.ALL;
    }

    /** The Version header values, in order. */
    static final class ApiVersions {
        static final List<String> ALL = List.of("2021-04-15", "2021-07-28", "2023-02-21");
        static final String DEFAULT = "2021-07-28";

        private ApiVersions() {
        }
    }
}
