package io.eventpipeline.read.access;

import io.eventpipeline.access.Authenticator;
import io.eventpipeline.access.Principal;
import io.eventpipeline.access.Scope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Every read needs an API key with the {@code read} scope: runs before the handler (and before any parameter
 * is parsed) for every {@code /v1/**} route but the OpenAPI document. A refusal is thrown as the access
 * module's {@code AccessDenied} and answered as problem+json by the read-api's exception handler; a database
 * failure propagates (503). The caller's principal is kept on the request for {@link CallerResolver}.
 */
final class ReadAccessInterceptor implements HandlerInterceptor {

    static final String CALLER = ReadAccessInterceptor.class.getName() + ".caller";

    private final Authenticator authenticator;

    ReadAccessInterceptor(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Principal caller = authenticator.authorize(request.getHeader(HttpHeaders.AUTHORIZATION), request.getRemoteAddr(),
                Scope.READ);
        request.setAttribute(CALLER, caller);
        return true;
    }
}
