package io.eventpipeline.ingest.tracing;

import io.eventpipeline.schemas.config.Variables;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Tracing on Spring Boot's OpenTelemetry auto-configuration (W3C propagation, the HTTP server observation),
 * shaped by {@link TracingSettings}: the sampler, an OTLP exporter only when {@code OTEL_EXPORTER_OTLP_ENDPOINT}
 * is set, the response's {@code traceparent}, the records' spans; with {@code TRACING_ENABLED=false} a no-op
 * tracer replaces it all.
 */
@Configuration(proxyBeanMethods = false)
class TracingBeans {

    private static final Logger log = LoggerFactory.getLogger(TracingBeans.class);
    /** Right inside the HTTP observation filter (HIGHEST_PRECEDENCE + 1), which opens the request's span. */
    private static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

    @Bean
    TracingSettings tracingSettings(Environment env) {
        TracingSettings settings = TracingSettings.from(Variables.of(env::getProperty));
        log.info("tracing {}, sampling {} of new traces, OTLP export {}", settings.enabled() ? "on" : "off",
                settings.samplingProbability(), settings.tracesUrl().orElse("off"));
        return settings;
    }

    @Bean
    Sampler otelSampler(TracingSettings settings) {
        return Sampler.parentBased(Sampler.traceIdRatioBased(settings.samplingProbability()));
    }

    @Bean(destroyMethod = "close")
    @Conditional(ExportWanted.class)
    OtlpHttpSpanExporter otlpHttpSpanExporter(TracingSettings settings) {
        return OtlpHttpSpanExporter.builder().setEndpoint(settings.tracesUrl().orElseThrow()).build();
    }

    @Bean
    FilterRegistrationBean<TraceparentResponseFilter> traceparentResponseFilter(Tracer tracer) {
        var registration = new FilterRegistrationBean<>(new TraceparentResponseFilter(tracer));
        registration.setOrder(FILTER_ORDER);
        return registration;
    }

    @Bean
    RecordTracing recordTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new RecordTracing(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    /** Tracing off: the no-op tracer and propagator take the place of OpenTelemetry's. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(TracingOff.class)
    static class Off {

        @Bean
        Tracer noopTracer() {
            return Tracer.NOOP;
        }

        @Bean
        Propagator noopPropagator() {
            return Propagator.NOOP;
        }
    }

    static final class TracingOff implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !settings(context).enabled();
        }
    }

    static final class ExportWanted implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            TracingSettings settings = settings(context);
            return settings.enabled() && settings.otlpEndpoint().isPresent();
        }
    }

    private static TracingSettings settings(ConditionContext context) {
        return TracingSettings.from(Variables.of(context.getEnvironment()::getProperty));
    }
}
