package io.eventpipeline.read.access;

import io.eventpipeline.access.Principal;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Hands a handler's {@link Principal} parameter the caller {@link ReadAccessInterceptor} authenticated. A
 * handler reached without one (a route the interceptor does not cover) fails instead of reading unscoped.
 */
final class CallerResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Principal.class.equals(parameter.getParameterType());
    }

    @Override
    public Principal resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        Object caller = request.getAttribute(ReadAccessInterceptor.CALLER, RequestAttributes.SCOPE_REQUEST);
        if (caller instanceof Principal principal) {
            return principal;
        }
        throw new IllegalStateException("no authenticated caller for " + parameter.getExecutable()
                + ": the route is not covered by ReadAccessInterceptor");
    }
}
