package dev.remit.api;

import java.lang.reflect.Type;
import java.util.List;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import tools.jackson.databind.JsonNode;

/**
 * Every JSON body an operation reads passes here before its controller sees it: a value (or a
 * property name) anywhere in it that looks like a full card or bank account number makes the
 * request a 422 naming where it was, never what it was, so such a number is never validated,
 * stored, logged or echoed. remit keeps references (a payment method id) and the last 4 digits.
 *
 * <p>Query strings are not checked: nothing of a query is stored or logged.
 */
@ControllerAdvice
public class AccountNumberRefusal extends RequestBodyAdviceAdapter {

    public static final String MESSAGE =
            "looks like a full card or bank account number; send only references and the last 4 digits";

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return JsonNode.class.isAssignableFrom(parameter.getParameterType()) || targetType == JsonNode.class;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        if (body instanceof JsonNode json) {
            List<String> paths = AccountNumbers.find(json);
            if (!paths.isEmpty()) {
                Violations violations = new Violations();
                paths.forEach(path -> violations.add(path, MESSAGE));
                violations.throwIfAny();
            }
        }
        return body;
    }
}
