package dev.remit.api;

import dev.remit.text.TextRule;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.hibernate.validator.HibernateValidatorFactory;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a JSON body (or a query string) into a request record the way HighLevel's NestJS
 * ValidationPipe does (whitelist, forbidNonWhitelisted), reporting every problem at once:
 * unknown properties, values of the wrong type, then the record's Jakarta constraints.
 * Values of the wrong shape are left out of the record (null), so later checks can go on.
 */
@Component
public class RequestBinder {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The most elements any array of a request may have (line items, taxes, recipients, ...). */
    public static final int MAX_ARRAY = 1000;
    /** class-validator's words for a value that is not a number, or not one within {@link NumberBounds}. */
    public static final String NOT_A_NUMBER = "must be a number conforming to the specified constraints";

    private final ObjectMapper mapper;
    private final Validator validator;
    private final Map<Class<?>, List<Property>> properties = new ConcurrentHashMap<>();

    public RequestBinder(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    /** Binds a JSON body; a body that is not an object is itself one violation. */
    public <T extends Record> T bind(JsonNode body, Class<T> type, Violations violations) {
        return bind(body, type, violations, null);
    }

    /**
     * As {@link #bind(JsonNode, Class, Violations)}, validating with a payload that constraint validators read
     * through {@link #payload(ConstraintValidatorContext, Class)} (the request's location, say).
     */
    public <T extends Record> T bind(JsonNode body, Class<T> type, Violations violations, Object payload) {
        ObjectNode clean = NODES.objectNode();
        if (body == null || !body.isObject()) {
            violations.addMessage("request body must be a JSON object");
        } else {
            checkObject(body, type, "", clean, violations);
        }
        T value = convert(clean, type, violations);
        validate(value, type, violations, payload);
        return value;
    }

    /** Binds query parameters; numbers and booleans are read from their text as class-transformer does. */
    public <T extends Record> T bindQuery(Map<String, String[]> parameters, Class<T> type, Violations violations) {
        return bindQuery(parameters, type, violations, null);
    }

    public <T extends Record> T bindQuery(Map<String, String[]> parameters, Class<T> type, Violations violations,
            Object payload) {
        ObjectNode node = NODES.objectNode();
        Map<String, Property> byName = new java.util.HashMap<>();
        for (Property property : propertiesOf(type)) {
            byName.put(property.wireName(), property);
        }
        parameters.forEach((name, values) -> {
            String text = values.length == 0 ? "" : values[values.length - 1];
            Property property = byName.get(name);
            node.set(name, property == null ? NODES.stringNode(text) : queryValue(text, property.type()));
        });
        return bind(node, type, violations, payload);
    }

    private static JsonNode queryValue(String text, Type type) {
        if (isNumber(type)) {
            return NumberBounds.parse(text).<JsonNode>map(NODES::numberNode).orElseGet(() -> NODES.stringNode(text));
        }
        if ((type == Boolean.class || type == boolean.class) && (text.equals("true") || text.equals("false"))) {
            return NODES.booleanNode(Boolean.parseBoolean(text));
        }
        return NODES.stringNode(text);
    }

    private void checkObject(JsonNode node, Class<?> type, String path, ObjectNode clean, Violations violations) {
        List<Property> known = propertiesOf(type);
        Set<String> names = new java.util.HashSet<>();
        known.forEach(p -> names.add(p.wireName()));
        for (String name : node.propertyNames()) {
            if (!names.contains(name)) {
                violations.addMessage(prefix(path) + "property " + name + " should not exist");
            }
        }
        for (Property property : known) {
            JsonNode value = node.get(property.wireName());
            if (value == null || value.isNull() || value.isMissingNode()) {
                continue;
            }
            JsonNode checked = checkValue(value, property.type(), join(path, property.wireName()), violations);
            if (checked != null) {
                clean.set(property.wireName(), checked);
            }
        }
    }

    private JsonNode checkValue(JsonNode value, Type type, String path, Violations violations) {
        Class<?> raw = rawClass(type);
        if (raw == String.class) {
            if (!value.isString()) {
                return broken(path, "must be a string", violations);
            }
            return TextRule.allowed(value.asString()) ? value : broken(path, TextRule.MESSAGE, violations);
        }
        if (isNumber(type)) {
            BigDecimal number = value.isNumber() ? boundedNumber(value) : null;
            if (number == null) {
                return broken(path, NOT_A_NUMBER, violations);
            }
            if ((raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class
                    || raw == java.math.BigInteger.class) && !isWholeNumberInRange(number, raw)) {
                return broken(path, "must be an integer number", violations);
            }
            return number.signum() == 0 ? NODES.numberNode(BigDecimal.ZERO) : value;
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return value.isBoolean() ? value : broken(path, "must be a boolean value", violations);
        }
        if (raw.isEnum()) {
            return checkEnum(value, raw, path, violations);
        }
        if (raw == List.class || raw == Set.class || raw == java.util.Collection.class) {
            if (!value.isArray()) {
                return broken(path, "must be an array", violations);
            }
            if (value.size() > MAX_ARRAY) {
                // class-validator's @ArrayMaxSize words; beyond this the validator's own bookkeeping grows
                // quadratically (20,000 wrong elements took 30 s to answer; found by the fuzzing campaign, issue 7)
                return broken(path, "must contain no more than " + MAX_ARRAY + " elements", violations);
            }
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            ArrayNode clean = NODES.arrayNode();
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = checkValue(value.get(i), element, path + "." + i, violations);
                clean.add(item == null ? NODES.nullNode() : item);
            }
            return clean;
        }
        if (raw.isRecord()) {
            if (!value.isObject()) {
                violations.addMessage("nested property " + path + " must be either object or array");
                violations.markBroken(path);
                return null;
            }
            ObjectNode clean = NODES.objectNode();
            checkObject(value, raw, path, clean, violations);
            return clean;
        }
        if (Map.class.isAssignableFrom(raw) && !value.isObject()) {
            return broken(path, "must be an object", violations);
        }
        if (Map.class.isAssignableFrom(raw) || raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
            if (!checkFreeForm(value, path, violations)) {
                violations.markBroken(path);
                return null;
            }
            return value; // free-form, kept as sent
        }
        try {
            mapper.treeToValue(value, raw); // any other value type (a date, say) as Jackson reads it
            return value;
        } catch (RuntimeException unreadable) {
            return broken(path, "is invalid", violations);
        }
    }

    /**
     * A free-form value (meta, attachments, ...) is kept as sent, but its strings (property names too)
     * follow {@link TextRule} and its numbers {@link NumberBounds}, as every other value of a request.
     * Each offending value is named; true when there was none.
     */
    private static boolean checkFreeForm(JsonNode value, String path, Violations violations) {
        if (value.isString()) {
            if (!TextRule.allowed(value.asString())) {
                violations.add(path, TextRule.MESSAGE);
                return false;
            }
        } else if (value.isNumber()) {
            if (boundedNumber(value) == null) {
                violations.add(path, NOT_A_NUMBER);
                return false;
            }
        } else if (value.isArray()) {
            boolean fine = true;
            for (int i = 0; i < value.size(); i++) {
                fine &= checkFreeForm(value.get(i), path + "." + i, violations);
            }
            return fine;
        } else if (value.isObject()) {
            boolean fine = true;
            for (Map.Entry<String, JsonNode> property : value.properties()) {
                String at = join(path, property.getKey());
                if (!TextRule.allowed(property.getKey())) {
                    violations.add(at, TextRule.MESSAGE);
                    fine = false;
                }
                fine &= checkFreeForm(property.getValue(), at, violations);
            }
            return fine;
        }
        return true;
    }

    /**
     * The number within {@link NumberBounds}, or null: a double that is not finite (read without
     * USE_BIG_DECIMAL_FOR_FLOATS) or a decimal beyond the bounds, told from its precision and scale alone.
     */
    private static BigDecimal boundedNumber(JsonNode value) {
        if (value.isFloatingPointNumber() && !value.isBigDecimal()) {
            double number = value.doubleValue();
            return Double.isFinite(number) && NumberBounds.within(BigDecimal.valueOf(number)) ? BigDecimal.valueOf(number) : null;
        }
        BigDecimal number = value.decimalValue();
        return NumberBounds.within(number) ? number : null;
    }

    /** An enum as class-validator's @IsEnum: its constants (or their @JsonProperty names) are the values. */
    private static JsonNode checkEnum(JsonNode value, Class<?> raw, String path, Violations violations) {
        List<String> allowed = new java.util.ArrayList<>();
        for (Object constant : raw.getEnumConstants()) {
            String name = ((Enum<?>) constant).name();
            try {
                JsonProperty renamed = raw.getField(name).getAnnotation(JsonProperty.class);
                allowed.add(renamed != null && !renamed.value().isEmpty() ? renamed.value() : name);
            } catch (NoSuchFieldException impossible) {
                allowed.add(name);
            }
        }
        if (value.isString() && allowed.contains(value.asString())) {
            return value;
        }
        return broken(path, "must be one of the following values: " + String.join(", ", allowed), violations);
    }

    private static JsonNode broken(String path, String message, Violations violations) {
        violations.add(path, message);
        violations.markBroken(path);
        return null;
    }

    private <T> T convert(ObjectNode clean, Class<T> type, Violations violations) {
        try {
            return mapper.treeToValue(clean, type);
        } catch (RuntimeException unexpected) {
            violations.addMessage("request body could not be read");
            try {
                return mapper.treeToValue(NODES.objectNode(), type);
            } catch (RuntimeException again) {
                return null;
            }
        }
    }

    private void validate(Object value, Class<?> type, Violations violations, Object payload) {
        if (value == null) {
            return;
        }
        Validator validating = payload != null && validator instanceof ValidatorFactory factory
                ? factory.unwrap(HibernateValidatorFactory.class).usingContext().constraintValidatorPayload(payload).getValidator()
                : validator;
        validating.validate(value).stream()
                .map(violation -> new String[] {wirePath(type, violation), violation.getMessage()})
                .sorted(Comparator.comparing(pair -> pair[0]))
                .filter(pair -> !violations.isBroken(pair[0]))
                .forEach(pair -> violations.add(pair[0], pair[1]));
    }

    /** The payload the request was bound with, when it is of that type; else null. */
    public static <P> P payload(ConstraintValidatorContext context, Class<P> type) {
        return context.unwrap(HibernateConstraintValidatorContext.class).getConstraintValidatorPayload(type);
    }

    /** Jakarta's {@code items[0].taxes[1].rate} in class-validator's words: {@code items.0.taxes.1.rate}. */
    private String wirePath(Class<?> root, ConstraintViolation<?> violation) {
        StringBuilder path = new StringBuilder();
        Type current = root;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.isInIterable() && node.getIndex() != null) {
                path.append('.').append(node.getIndex());
                current = elementType(current);
            }
            if (node.getName() == null || node.getKind() == jakarta.validation.ElementKind.CONTAINER_ELEMENT) {
                continue;
            }
            Property property = findProperty(rawClass(current), node.getName());
            String name = property == null ? node.getName() : property.wireName();
            path.append(path.isEmpty() ? "" : ".").append(name);
            current = property == null ? Object.class : property.type();
        }
        return path.toString();
    }

    private Property findProperty(Class<?> type, String javaName) {
        if (!type.isRecord()) {
            return null;
        }
        return propertiesOf(type).stream().filter(p -> p.javaName().equals(javaName)).findFirst().orElse(null);
    }

    private List<Property> propertiesOf(Class<?> type) {
        return properties.computeIfAbsent(type, t -> {
            RecordComponent[] components = t.getRecordComponents();
            if (components == null) {
                return List.of();
            }
            return java.util.Arrays.stream(components).map(component -> {
                JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
                String wire = renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
                return new Property(component.getName(), wire, component.getGenericType());
            }).toList();
        });
    }

    private static Type elementType(Type type) {
        return type instanceof ParameterizedType parameterized ? parameterized.getActualTypeArguments()[0] : Object.class;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        return Object.class;
    }

    private static boolean isNumber(Type type) {
        Class<?> raw = rawClass(type);
        return raw == BigDecimal.class || raw == Integer.class || raw == int.class || raw == Long.class
                || raw == long.class || raw == Double.class || raw == double.class || raw == Float.class
                || raw == float.class || raw == java.math.BigInteger.class;
    }

    private static boolean isWholeNumberInRange(BigDecimal number, Class<?> raw) {
        try {
            long whole = number.longValueExact();
            return raw == Long.class || raw == long.class || raw == java.math.BigInteger.class || (whole >= Integer.MIN_VALUE && whole <= Integer.MAX_VALUE);
        } catch (ArithmeticException notWhole) {
            return false;
        }
    }

    private static String prefix(String path) {
        return path.isEmpty() ? "" : path + ".";
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private record Property(String javaName, String wireName, Type type) {
    }
}
