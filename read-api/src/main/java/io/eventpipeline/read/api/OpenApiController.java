package io.eventpipeline.read.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the read-api's OpenAPI document, kept in the repository next to this class (not under
 * {@code static/}: in the all-in-one JVM that path is the ingest-api's). Public, like the ingest-api's.
 */
@RestController
class OpenApiController {

    static final String DOCUMENT = "/io/eventpipeline/read/api/openapi.yaml";
    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private final byte[] document;

    OpenApiController() {
        try (InputStream in = OpenApiController.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the jar");
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/v1/openapi.yaml")
    ResponseEntity<byte[]> openApi() {
        return ResponseEntity.ok().contentType(YAML).cacheControl(CacheControl.noCache()).body(document);
    }
}
