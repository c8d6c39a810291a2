package io.eventpipeline.projection.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

class ProfilesTest {

    @Test
    void shouldExplainSlowQueriesOnlyWhenTheDevProfileIsActive() {
        assertThat(yaml("projection-writer.yml").getProperty("writer.query.explain")).isEqualTo("${QUERY_EXPLAIN_ENABLED:false}");
        assertThat(yaml("projection-writer-dev.yml").getProperty("writer.query.explain")).isEqualTo("${QUERY_EXPLAIN_ENABLED:true}");
    }

    @Test
    void shouldReadEveryServiceSettingFromAnEnvironmentVariableWhenConfigured() {
        Properties base = yaml("projection-writer.yml");

        assertThat(base.getProperty("server.port")).isEqualTo("${HTTP_PORT:8082}");
        assertThat(base.getProperty("writer.group-id")).isEqualTo("${WRITER_GROUP_ID:event-pipeline-projection-writer}");
        assertThat(base.getProperty("writer.database.url")).startsWith("${DATABASE_URL:");
        assertThat(base.getProperty("writer.kafka-bootstrap-servers")).startsWith("${KAFKA_BOOTSTRAP_SERVERS:");
    }

    private static Properties yaml(String name) {
        YamlPropertiesFactoryBean factory = new YamlPropertiesFactoryBean();
        factory.setResources(new ClassPathResource(name));
        return factory.getObject();
    }
}
