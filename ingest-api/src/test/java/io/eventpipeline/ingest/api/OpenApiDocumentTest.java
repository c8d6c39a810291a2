package io.eventpipeline.ingest.api;

import io.eventpipeline.access.AccessDenied;
import io.eventpipeline.ingest.problem.ProblemType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class OpenApiDocumentTest {

    @Test
    void shouldDocumentEveryProblemTypeAndStatus() throws IOException {
        String doc;
        try (InputStream in = getClass().getResourceAsStream("/static/openapi.yaml")) {
            doc = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        for (ProblemType type : ProblemType.values()) {
            assertThat(doc).as(type.name()).contains(type.uri().toString());
            assertThat(doc).as(type.name()).contains("'" + type.status() + "':");
        }
        for (AccessDenied.Reason reason : AccessDenied.Reason.values()) {
            assertThat(doc).as(reason.name()).contains(AccessDenied.TYPE_BASE + reason.slug());
            assertThat(doc).as(reason.name()).contains("'" + reason.status() + "':");
        }
    }
}
