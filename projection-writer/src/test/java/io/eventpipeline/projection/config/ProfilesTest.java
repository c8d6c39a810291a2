package io.eventpipeline.projection.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

class ProfilesTest {

    @Test
    void shouldLowerTheSlowQueryThresholdButNeverExplainWhenTheDevProfileIsActive() {
        assertThat(yaml("projection-writer.yml").getProperty("SLOW_QUERY_THRESHOLD")).isNull();
        assertThat(yaml("projection-writer-dev.yml").getProperty("SLOW_QUERY_THRESHOLD")).isEqualTo("50ms");
        assertThat(yaml("projection-writer-dev.yml").stringPropertyNames()).noneMatch(name -> name.contains("EXPLAIN"));
    }

    @Test
    void shouldKeepOnlySpringsOwnSettingsInTheFileWhenVariablesAreReadByName() {
        Properties base = yaml("projection-writer.yml");

        assertThat(base.getProperty("server.port")).isEqualTo("${HTTP_PORT:8082}");
        assertThat(base.stringPropertyNames()).allMatch(name -> name.startsWith("server.") || name.startsWith("spring.")
                || name.startsWith("management."));
    }

    private static Properties yaml(String name) {
        YamlPropertiesFactoryBean factory = new YamlPropertiesFactoryBean();
        factory.setResources(new ClassPathResource(name));
        return factory.getObject();
    }
}
