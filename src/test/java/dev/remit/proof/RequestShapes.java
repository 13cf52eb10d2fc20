package dev.remit.proof;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.remit.api.IsoDate;
import dev.remit.api.MongoId;
import dev.remit.api.OneOf;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;

/**
 * Every property an operation's request record accepts, so that the sweeps put their values in
 * every field and not only in those the fixtures set. A fixture's body is kept as it is and the
 * properties it leaves out are added with plausible values (an email where {@code @Email} asks for
 * one, the first of a {@code @OneOf}); references to other records ({@code @MongoId}) are left out.
 * Whatever the server still refuses is dropped when the campaign first sends the body.
 */
final class RequestShapes {

    private RequestShapes() {
    }

    /** The request record of each operation with a body (an operation not named here keeps its fixture's fields). */
    static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("create-invoice", "dev.remit.invoice.web.InvoiceRequests$CreateInvoice"),
            Map.entry("update-invoice", "dev.remit.invoice.web.InvoiceRequests$UpdateInvoice"),
            Map.entry("record-invoice", "dev.remit.invoice.web.InvoiceRequests$RecordPayment"),
            Map.entry("void-invoice", "dev.remit.invoice.web.InvoiceRequests$VoidInvoice"),
            Map.entry("update-invoice-last-visited-at", "dev.remit.invoice.web.InvoiceRequests$LastVisited"),
            Map.entry("put-invoice-settings", "dev.remit.invoice.web.InvoiceRequests$UpdateSettings"),
            Map.entry("send-invoice", "dev.remit.send.SendRequests$SendInvoice"),
            Map.entry("text2pay-invoice", "dev.remit.send.Text2PayController$Text2Pay"),
            Map.entry("create-new-estimate", "dev.remit.estimate.web.EstimateRequests$CreateEstimate"),
            Map.entry("update-estimate", "dev.remit.estimate.web.EstimateRequests$UpdateEstimate"),
            Map.entry("send-estimate", "dev.remit.send.SendRequests$SendEstimate"));

    /** The fixture's body with every property of the operation's request record present. */
    static Object fill(String operationId, Object body) {
        Object copy = Operations.copy(body);
        String type = TYPES.get(operationId);
        if (type == null || !(copy instanceof Map<?, ?>)) {
            return copy;
        }
        try {
            return fillValue(copy, Class.forName(type), null, "");
        } catch (ClassNotFoundException renamed) {
            throw new IllegalStateException("RequestShapes.TYPES names a request record that is gone: " + type, renamed);
        }
    }

    private static Map<String, Object> fillRecord(Map<?, ?> present, Class<?> type) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (present != null) {
            present.forEach((k, v) -> out.put(String.valueOf(k), v));
        }
        for (RecordComponent component : type.getRecordComponents()) {
            AnnotatedElement accessor = component.getAccessor();
            JsonProperty renamed = accessor.getAnnotation(JsonProperty.class);
            String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
            Object current = out.get(name);
            if (current != null) {
                out.put(name, fillValue(current, component.getGenericType(), component.getAnnotatedType(), name));
            } else if (!out.containsKey(name) && accessor.getAnnotation(MongoId.class) == null) {
                out.put(name, sample(component.getGenericType(), component.getAnnotatedType(), accessor, name));
            }
        }
        return out;
    }

    private static Object fillValue(Object current, Type type, AnnotatedType annotated, String name) {
        Class<?> raw = raw(type);
        if (raw.isRecord() && current instanceof Map<?, ?> map) {
            return fillRecord(map, raw);
        }
        if (List.class.isAssignableFrom(raw) && current instanceof List<?> list && type instanceof ParameterizedType p) {
            Type element = p.getActualTypeArguments()[0];
            AnnotatedType annotatedElement = annotated instanceof AnnotatedParameterizedType ap
                    ? ap.getAnnotatedActualTypeArguments()[0] : null;
            List<Object> out = new ArrayList<>();
            if (list.isEmpty()) {
                out.add(sample(element, annotatedElement, annotatedElement, name));
            } else {
                list.forEach(value -> out.add(fillValue(value, element, annotatedElement, name)));
            }
            return out;
        }
        return current;
    }

    private static Object sample(Type type, AnnotatedType annotated, AnnotatedElement constraints, String name) {
        Class<?> raw = raw(type);
        if (raw == String.class) {
            return text(constraints, name);
        }
        if (Number.class.isAssignableFrom(raw) || raw == int.class || raw == long.class) {
            return raw == BigDecimal.class ? new BigDecimal("1") : 1;
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return false;
        }
        if (raw.isEnum()) {
            return ((Enum<?>) raw.getEnumConstants()[0]).name();
        }
        if (raw.isRecord()) {
            return fillRecord(null, raw);
        }
        if (List.class.isAssignableFrom(raw) && type instanceof ParameterizedType p) {
            return fillValue(new ArrayList<>(), p, annotated, name);
        }
        // free-form JSON (meta, provider, configurations): an object with text in it, so text sweeps reach it too
        return new LinkedHashMap<>(Map.of("note", "text"));
    }

    private static String text(AnnotatedElement constraints, String name) {
        if (constraints != null) {
            if (constraints.getAnnotation(Email.class) != null) {
                return "alex@example.com";
            }
            if (constraints.getAnnotation(IsoDate.class) != null) {
                return "2026-01-10";
            }
            OneOf oneOf = constraints.getAnnotation(OneOf.class);
            if (oneOf != null) {
                return oneOf.value()[0];
            }
            if (constraints.getAnnotation(Pattern.class) != null) {
                return "4242"; // the only patterns are the last four digits of a card or account
            }
        }
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("phone")) {
            return "+12145596993";
        }
        if (lower.contains("email")) {
            return "alex@example.com";
        }
        if (lower.equals("currency")) {
            return "USD";
        }
        if (lower.equals("countrycode")) {
            return "US";
        }
        if (lower.endsWith("url") || lower.equals("website")) {
            return "https://www.example.com/logo.png";
        }
        return "text";
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }
}
