package dev.remit.api;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.remit.tenancy.Caller;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

@Configuration
class ApiWebConfig implements WebMvcConfigurer {

    private final ApiGate gate;
    private final HighLevelBinding binding;

    public ApiWebConfig(ApiGate gate, JsonMapper json, AccountNumberRefusal accountNumbers, RequestBinder binder,
            LocationAccess access) {
        this.gate = gate;
        this.binding = new HighLevelBinding(json, accountNumbers, binder, access);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(gate).addPathPatterns("/invoices", "/invoices/**", "/webhooks", "/webhooks/**")
                // the public keys that verify remit's webhooks are for anyone
                .excludePathPatterns("/webhooks/public-key", "/webhooks/public-keys");
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(binding);
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == Caller.class;
            }

            @Override
            public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                    NativeWebRequest request, WebDataBinderFactory binderFactory) {
                return ApiGate.caller(request.getNativeRequest(HttpServletRequest.class));
            }
        });
    }
}
