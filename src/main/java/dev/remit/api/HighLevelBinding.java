package dev.remit.api;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

import org.springframework.core.MethodParameter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.AbstractMessageConverterMethodArgumentResolver;

import dev.remit.tenancy.Caller;
import dev.remit.tenancy.Ids;
import dev.remit.tenancy.Location;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binds every HighLevel operation's input the way HighLevel's guard and NestJS ValidationPipe do, in the
 * order docs/api-contract.md lists: a {@link HighLevelBody} (or {@link HighLevelQuery}) record gets the
 * {@code altId} it names checked against the token (403) first, then every unknown property, wrong type
 * and violated constraint in one 422; a {@link Location} parameter is that {@code altId}'s location (of the
 * query's {@code altId}/{@code altType} when the handler takes no body). Constraints that need the location
 * (a phone number's default region, a user of the location) read it as Hibernate Validator's constraint
 * validator payload ({@link #location(jakarta.validation.ConstraintValidatorContext)}).
 */
public final class HighLevelBinding extends AbstractMessageConverterMethodArgumentResolver {

    private static final String BOUND = HighLevelBinding.class.getName() + ".bound";
    /** The body is read as a JSON tree first (so every problem can be named), as a {@code JsonNode} parameter is. */
    private static final MethodParameter TREE;

    static {
        try {
            TREE = new MethodParameter(HighLevelBinding.class.getDeclaredMethod("tree", JsonNode.class), 0);
        } catch (NoSuchMethodException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @SuppressWarnings("unused")
    private static void tree(JsonNode body) {
    }

    private final RequestBinder binder;
    private final LocationAccess access;

    HighLevelBinding(JsonMapper json, AccountNumberRefusal accountNumbers, RequestBinder binder, LocationAccess access) {
        super(List.of(new JacksonJsonHttpMessageConverter(json)), List.of(accountNumbers));
        this.binder = binder;
        this.access = access;
    }

    /** The location a validated request names (the payload {@link HighLevelBinding} validates with), or null. */
    public static Location location(jakarta.validation.ConstraintValidatorContext context) {
        return RequestBinder.payload(context, Location.class);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(HighLevelBody.class)
                || parameter.hasParameterAnnotation(HighLevelQuery.class)
                || parameter.getParameterType() == Location.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
            WebDataBinderFactory binderFactory) throws Exception {
        Bound bound = bound(parameter.getMethod(), request);
        return parameter.getParameterType() == Location.class ? bound.location() : bound.value();
    }

    private record Bound(Object value, Location location) {
    }

    /** Binds once per request, whichever of the handler's parameters asks first. */
    private Bound bound(Method method, NativeWebRequest request) throws Exception {
        HttpServletRequest http = request.getNativeRequest(HttpServletRequest.class);
        Bound bound = (Bound) http.getAttribute(BOUND);
        if (bound == null) {
            bound = bind(method, request, http);
            http.setAttribute(BOUND, bound);
        }
        return bound;
    }

    @SuppressWarnings("unchecked")
    private Bound bind(Method method, NativeWebRequest request, HttpServletRequest http) throws Exception {
        Caller caller = ApiGate.caller(http);
        MethodParameter input = inputOf(method);
        Class<? extends Record> type = input == null ? LocationAccess.LocationQuery.class
                : (Class<? extends Record>) input.getParameterType();
        Violations violations = new Violations();
        Record value;
        String altId;
        Location named;
        if (input != null && input.hasParameterAnnotation(HighLevelBody.class)) {
            JsonNode body = readBody(request);
            JsonNode given = body.get("altId");
            altId = given != null && given.isString() ? given.asString() : null;
            access.requireIfPresent(caller, altId);
            named = payload(altId);
            value = binder.bind(body, type, violations, named);
        } else {
            Map<String, String[]> query = http.getParameterMap();
            String[] given = query.get("altId");
            altId = given == null || given.length == 0 ? null : given[given.length - 1];
            access.requireIfPresent(caller, altId);
            named = payload(altId);
            value = binder.bindQuery(query, type, violations, named);
        }
        violations.throwIfAny();
        Location location = null;
        if (hasAltId(type)) {
            access.require(caller, altId);
            location = named != null ? named : access.location(altId);
        }
        return new Bound(value, location);
    }

    /** The location a well-formed altId names (already checked against the token), to validate with. */
    private Location payload(String altId) {
        return altId != null && Ids.isValid(altId) ? access.find(altId) : null;
    }

    private static boolean hasAltId(Class<?> type) {
        for (var component : type.getRecordComponents()) {
            if (component.getName().equals("altId")) {
                return true;
            }
        }
        return false;
    }

    private JsonNode readBody(NativeWebRequest request) throws Exception {
        ServletServerHttpRequest message = new ServletServerHttpRequest(request.getNativeRequest(HttpServletRequest.class));
        Object body = readWithMessageConverters(message, TREE, JsonNode.class);
        if (body == null) {
            throw new HttpMessageNotReadableException("Required request body is missing", message);
        }
        return (JsonNode) body;
    }

    private static MethodParameter inputOf(Method method) {
        for (int i = 0; i < method.getParameterCount(); i++) {
            MethodParameter parameter = new MethodParameter(method, i);
            if (parameter.hasParameterAnnotation(HighLevelBody.class) || parameter.hasParameterAnnotation(HighLevelQuery.class)) {
                return parameter;
            }
        }
        return null;
    }
}
