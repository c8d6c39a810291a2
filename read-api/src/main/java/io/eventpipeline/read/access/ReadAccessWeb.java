package io.eventpipeline.read.access;

import io.eventpipeline.access.Authenticator;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts {@link ReadAccessInterceptor} in front of every read route and lets handlers take the caller's principal. */
@Configuration(proxyBeanMethods = false)
class ReadAccessWeb implements WebMvcConfigurer {

    /** Public: the contract itself, as the ingest-api serves its own. */
    static final String OPENAPI = "/v1/openapi.yaml";

    private final Authenticator authenticator;

    ReadAccessWeb(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ReadAccessInterceptor(authenticator)).addPathPatterns("/v1/**").excludePathPatterns(OPENAPI);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerResolver());
    }
}
