package io.eventpipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The published JSON Schema of cache.invalidations describes what the writer really sends. */
class CacheInvalidationSchemaTest {

    private static final String FILE = "/schemas/cache-invalidation.schema.json";

    @Test
    void shouldAcceptWhatTheSerdeWritesWhenAnInvalidationIsPublished() {
        CacheInvalidation message = new CacheInvalidation(List.of("aggregate:p1/order/o-17", "memories:p1/u-1"),
                "p1/order/o-17", 3, Instant.parse("2026-11-29T10:15:30.123Z"));
        String json = new String(JsonSerde.of(CacheInvalidation.class).serialize("t", message), StandardCharsets.UTF_8);

        assertThat(schema().validate(json, InputFormat.JSON)).isEmpty();
    }

    @Test
    void shouldRefuseAMessageWithoutKeysOrWithAWrongVersion() {
        assertThat(schema().validate("""
                {"keys":[],"aggregate":"a","version":1,"committedAt":"2026-11-29T10:15:30Z"}""", InputFormat.JSON))
                .isNotEmpty();
        assertThat(schema().validate("""
                {"keys":["k"],"aggregate":"a","version":-1,"committedAt":"2026-11-29T10:15:30Z"}""", InputFormat.JSON))
                .isNotEmpty();
    }

    @Test
    void shouldAllowMembersItDoesNotKnowSoTheMessageCanGrow() {
        assertThat(schema().validate("""
                {"keys":["k"],"aggregate":"a","version":1,"committedAt":"2026-11-29T10:15:30Z","traceparent":"00-x"}""",
                InputFormat.JSON)).isEmpty();
    }

    private static Schema schema() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        InputStream in = CacheInvalidationSchemaTest.class.getResourceAsStream(FILE);
        return registry.getSchema(SchemaLocation.of("classpath:" + FILE), in, InputFormat.JSON);
    }
}
