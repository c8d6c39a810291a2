package io.eventpipeline.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventpipeline.schemas.config.Variables;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessSettingsTest {

    @Test
    void shouldDefaultToAOneSecondFallbackBound() {
        AccessSettings settings = AccessSettings.from(Variables.of(Map.of()));

        assertThat(settings.fallbackTtl()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.failureLimit()).isEqualTo(20);
    }

    @Test
    void shouldNameTheVariableWhenAValueIsWrong() {
        assertThatThrownBy(() -> AccessSettings.from(Variables.of(Map.of("API_KEY_CACHE_TTL", "soon"))))
                .hasMessageStartingWith("API_KEY_CACHE_TTL");
        assertThatThrownBy(() -> AccessSettings.from(Variables.of(Map.of("API_KEY_FALLBACK_TTL", "5m"))))
                .hasMessageStartingWith("API_KEY_FALLBACK_TTL");
        assertThatThrownBy(() -> AccessSettings.from(Variables.of(Map.of("AUTH_FAILURE_LIMIT", "0"))))
                .hasMessageStartingWith("AUTH_FAILURE_LIMIT");
    }
}
