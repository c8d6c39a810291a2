package io.eventpipeline.processor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventpipeline.schemas.SizeBudget;
import io.eventpipeline.schemas.TopicProvisioner;
import io.eventpipeline.testsupport.TestServers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** The size budget against a real broker: topics are created with it, and a topic that allows less refuses the start. */
class TopicBudgetIT {

    private final String bootstrap = TestServers.shared().kafkaBootstrapServers();

    @Test
    void shouldCreateTheEventTopicsWithTheBudgetsMaxMessageBytes() throws Exception {
        String prefix = "budget-" + UUID.randomUUID().toString().substring(0, 8) + ".";

        TopicProvisioner.ensureTopics(bootstrap, prefix, 1, (short) 1, new SizeBudget(2_000_000));

        try (Admin admin = admin()) {
            for (String topic : List.of("events.raw", "events.log", "events.rejected")) {
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, prefix + topic);
                String allowed = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS)
                        .get(resource).get("max.message.bytes").value();
                assertThat(allowed).as(topic).isEqualTo(Integer.toString(2_000_000 + 65_536));
            }
        }
        // a second start finds them in order
        TopicProvisioner.ensureTopics(bootstrap, prefix, 1, (short) 1, new SizeBudget(2_000_000));
    }

    @Test
    void shouldRefuseToStartNamingTheTopicAndTheFixWhenAnExistingTopicAllowsLess() throws Exception {
        String prefix = "budget-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        try (Admin admin = admin()) {
            // as an older version (or an operator) created it: the broker's default, about 1 MiB
            admin.createTopics(List.of(new NewTopic(prefix + "events.rejected", 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }

        assertThatThrownBy(() -> TopicProvisioner.ensureTopics(bootstrap, prefix, 1, (short) 1, SizeBudget.DEFAULT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("topic " + prefix + "events.rejected allows max.message.bytes=")
                .hasMessageContaining("--entity-name " + prefix + "events.rejected --add-config max.message.bytes=1114112")
                .hasMessageNotContaining(prefix + "events.raw");
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }
}
