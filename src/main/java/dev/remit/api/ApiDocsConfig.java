package dev.remit.api;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.method.HandlerMethod;

import dev.remit.tenancy.Caller;
import dev.remit.tenancy.Location;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
        // The caller is resolved from the bearer token and the location from altId: neither is a parameter.
        // Bound records are described by highLevelOperations below, as HighLevelBinding reads them.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class, Location.class)
                .addAnnotationsToIgnore(HighLevelBody.class, HighLevelQuery.class);
    }

    /** The schemas bound records refer to, added to the document's components once every operation is read. */
    private final Map<String, Schema> referenced = new ConcurrentHashMap<>();

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
     * Jackson 3 trees (free-form values: meta, attachments, stored details) are plain JSON values; left to
     * itself, springdoc introspects ObjectNode as a bean and logs a warning per operation.
     */
    private static final ModelConverter TREES = (type, context, chain) -> {
        Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
        if (ArrayNode.class.isAssignableFrom(raw)) {
            return new ArraySchema().items(new ObjectSchema());
        }
        if (JsonNode.class.isAssignableFrom(raw)) {
            return new ObjectSchema();
        }
        return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
    };

    @Bean
    ModelConverter jacksonTrees() {
        return TREES;
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
            describeInput(operation, handler);
            StringSchema version = new StringSchema();
            versions().forEach(version::addEnumItem);
            version.setDefault(ApiVersions.DEFAULT);
            operation.addParametersItem(new HeaderParameter().name("Version").required(true).schema(version)
                    .description("API version; any of the published values"));
            return operation;
        };
    }

    /** A {@link HighLevelBody} record as the JSON body; a {@link HighLevelQuery} record (or a Location's altId) as the query. */
    private void describeInput(Operation operation, HandlerMethod handler) {
        boolean query = false;
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(HighLevelBody.class)) {
                operation.requestBody(new RequestBody().required(true).content(new Content().addMediaType(
                        "application/json", new MediaType().schema(schema(parameter.getParameterType())))));
                query = true; // its altId is in the body
            } else if (parameter.hasParameterAnnotation(HighLevelQuery.class)) {
                queryParameters(operation, parameter.getParameterType());
                query = true;
            }
        }
        boolean takesLocation = java.util.Arrays.stream(handler.getMethodParameters())
                .anyMatch(p -> p.getParameterType() == Location.class);
        if (takesLocation && !query) {
            queryParameters(operation, LocationAccess.LocationQuery.class);
        }
    }

    private void queryParameters(Operation operation, Class<?> type) {
        for (RecordComponent component : type.getRecordComponents()) {
            Schema<?> schema = new StringSchema();
            OneOf oneOf = component.getAnnotation(OneOf.class);
            if (oneOf != null) {
                ((StringSchema) schema).setEnum(List.of(oneOf.value()));
            }
            boolean required = component.isAnnotationPresent(NotNull.class) || component.isAnnotationPresent(NotBlank.class);
            operation.addParametersItem(new QueryParameter().name(component.getName()).required(required).schema(schema));
        }
    }

    private Schema<?> schema(Class<?> type) {
        ModelConverters converters = ModelConverters.getInstance(true);
        if (!converters.getConverters().contains(TREES)) {
            converters.addConverter(TREES);
        }
        ResolvedSchema resolved = converters.resolveAsResolvedSchema(new AnnotatedType(type).resolveAsRef(true));
        if (resolved.referencedSchemas != null) {
            referenced.putAll(resolved.referencedSchemas);
        }
        return resolved.schema;
    }

    /**
     * The bound records' schemas in the components; and each operation once, under its operationId: a path
     * served with and without its trailing slash ({@code /invoices/} and {@code /invoices}) is described as the
     * spec writes it, and springdoc's {@code _1} for the second mapping of an operationId is taken off.
     */
    @Bean
    OpenApiCustomizer highLevelDocument() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            referenced.forEach((name, schema) -> openApi.getComponents().addSchemas(name, schema));
            // the spec's path is /invoices/; /invoices is served too, as HighLevel does
            List<String> unslashed = openApi.getPaths().keySet().stream()
                    .filter(path -> !path.endsWith("/") && openApi.getPaths().containsKey(path + "/")).toList();
            unslashed.forEach(openApi.getPaths()::remove);
            openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
                String id = operation.getOperationId();
                if (id != null) {
                    operation.setOperationId(id.replaceAll("(_\\d+)+$", ""));
                }
            }));
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
