package io.eventpipeline.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactedTest {

    @Test
    void shouldHideRedisCredentialsButKeepTheServer() {
        assertThat(Redacted.url("rediss://default:hunter2@cache.internal:6380/2")).isEqualTo("rediss://***@cache.internal:6380/2");
        assertThat(Redacted.url("redis://:hunter2@localhost:6379")).isEqualTo("redis://***@localhost:6379");
        assertThat(Redacted.url("redis://localhost:6379")).isEqualTo("redis://localhost:6379");
    }

    @Test
    void shouldHidePasswordParametersOfAJdbcUrl() {
        assertThat(Redacted.url("jdbc:postgresql://db:5432/events?user=app&password=s3cret&sslmode=require"))
                .isEqualTo("jdbc:postgresql://db:5432/events?user=app&password=***&sslmode=require");
    }

    @Test
    void shouldValidateAndRedactRedisUrls() {
        RedisUrl url = RedisUrl.from(Variables.of(Map.of("REDIS_URL", "rediss://app:hunter2@cache:6380")));

        assertThat(url.tls()).isTrue();
        assertThat(url.toString()).isEqualTo("rediss://***@cache:6380");
        assertThat(RedisUrl.from(Variables.of(Map.of())).value()).isEqualTo("redis://localhost:6379");
        assertThatThrownBy(() -> new RedisUrl("http://:hunter2@cache:6379"))
                .hasMessage("REDIS_URL must be a redis:// or rediss:// URL, got 'http://***@cache:6379'");
    }
}
