package io.eventpipeline.read.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.access.AccessDenied;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.GetMapping;

/** The OpenAPI document names every route the controllers serve and every problem type the read-api answers. */
class OpenApiDocumentTest {

    @Test
    void shouldDocumentEveryRouteAndEveryProblemType() throws IOException {
        String doc = document();

        for (Class<?> controller : List.of(ReadController.class, StatsController.class, OpenApiController.class)) {
            for (Method method : controller.getDeclaredMethods()) {
                GetMapping get = method.getAnnotation(GetMapping.class);
                if (get != null) {
                    assertThat(doc).as(method.getName()).contains("  " + get.value()[0] + ":");
                }
            }
        }
        for (AccessDenied.Reason reason : AccessDenied.Reason.values()) {
            assertThat(doc).as(reason.name()).contains(AccessDenied.TYPE_BASE + reason.slug() + " (" + reason.status());
        }
        for (String slug : List.of("not-found (404)", "invalid-parameter (400", "query-timeout (503)", "database-unavailable (503)")) {
            assertThat(doc).contains(Problems.BASE + slug);
        }
    }

    private static String document() throws IOException {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream(OpenApiController.DOCUMENT)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
