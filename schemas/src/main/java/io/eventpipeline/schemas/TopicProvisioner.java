package io.eventpipeline.schemas;

import io.eventpipeline.schemas.config.KafkaSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the pipeline's topics when they are missing; existing topics keep their partitions (an
 * operator's count wins). {@code cache.invalidations} is compacted: only the newest message per cache key
 * matters. The event topics are created with the {@link SizeBudget}'s {@code max.message.bytes}, and an
 * existing one that allows less refuses the start, naming the topic and the command that fixes it
 * (docs/decisions.md D2): a record the budget lets in must never be refused by a topic further down.
 */
public final class TopicProvisioner {

    private static final List<Topic<String, ?>> EVENT_TOPICS = List.of(Topics.EVENTS_RAW, Topics.EVENTS_LOG,
            Topics.EVENTS_REJECTED);

    private TopicProvisioner() {
    }

    /** {@link #ensureTopics(String, String, int, short, SizeBudget)} with the default budget. */
    public static void ensureTopics(String bootstrapServers, String prefix, int partitions, short replicationFactor) {
        ensureTopics(bootstrapServers, prefix, partitions, replicationFactor, SizeBudget.DEFAULT);
    }

    /**
     * Creates what is missing, then checks every event topic allows {@link SizeBudget#recordMaxBytes()}.
     *
     * @throws IllegalStateException when the cluster cannot be reached or a topic allows less than the budget
     */
    public static void ensureTopics(String bootstrapServers, String prefix, int partitions, short replicationFactor,
            SizeBudget budget) {
        ensureTopics(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), bootstrapServers, prefix,
                partitions, replicationFactor, budget);
    }

    /**
     * The same for the shared Kafka settings: the admin client starts from {@link KafkaSettings#clientProperties()}
     * (security included), topics take its prefix, partitions and replication factor.
     */
    public static void ensureTopics(KafkaSettings kafka, SizeBudget budget) {
        ensureTopics(kafka.clientProperties(), kafka.bootstrapServers(), kafka.topicPrefix(), kafka.topicPartitions(),
                kafka.replicationFactor(), budget);
    }

    private static void ensureTopics(Map<String, Object> adminConfig, String bootstrapServers, String prefix,
            int partitions, short replicationFactor, SizeBudget budget) {
        try (Admin admin = Admin.create(adminConfig)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            createMissing(admin, existing, prefix, partitions, replicationFactor, budget);
            // only topics that existed before: a created one has the budget's config (and may not be described yet)
            List<String> tooSmall = tooSmall(admin, existing, prefix, budget);
            if (!tooSmall.isEmpty()) {
                throw new IllegalStateException(String.join("\n", tooSmall));
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create or describe topics on " + bootstrapServers + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    private static void createMissing(Admin admin, Set<String> existing, String prefix, int partitions,
            short replicationFactor, SizeBudget budget) throws ExecutionException, TimeoutException, InterruptedException {
        List<NewTopic> missing = Topics.ALL.stream()
                .filter(t -> !existing.contains(t.prefixed(prefix).name()))
                .map(t -> new NewTopic(t.prefixed(prefix).name(), Optional.of(partitions),
                        Optional.of(replicationFactor)).configs(configOf(t, budget)))
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        try {
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** One message per event topic whose {@code max.message.bytes} is below the budget, with the fix. */
    static List<String> tooSmall(Admin admin, Set<String> existing, String prefix, SizeBudget budget)
            throws ExecutionException, TimeoutException, InterruptedException {
        Collection<ConfigResource> resources = EVENT_TOPICS.stream().map(t -> t.prefixed(prefix).name())
                .filter(existing::contains).map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        if (resources.isEmpty()) {
            return List.of();
        }
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
        List<String> problems = new ArrayList<>();
        configs.forEach((resource, config) -> {
            var entry = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            int allowed = entry == null || entry.value() == null ? 0 : Integer.parseInt(entry.value());
            if (allowed < budget.recordMaxBytes()) {
                problems.add(problem(resource.name(), allowed, budget));
            }
        });
        return problems;
    }

    static String problem(String topic, int allowed, SizeBudget budget) {
        return "topic " + topic + " allows max.message.bytes=" + allowed + ", less than the " + budget.recordMaxBytes()
                + " that " + SizeBudget.VARIABLE + "=" + budget.eventMaxBytes() + " needs (the event plus "
                + SizeBudget.HEADROOM_BYTES + " bytes of headroom). Fix: kafka-configs.sh --bootstrap-server <broker>"
                + " --alter --entity-type topics --entity-name " + topic + " --add-config max.message.bytes="
                + budget.recordMaxBytes() + " (or lower " + SizeBudget.VARIABLE + ")";
    }

    private static Map<String, String> configOf(Topic<?, ?> topic, SizeBudget budget) {
        if (topic.name().equals(Topics.CACHE_INVALIDATIONS.name())) {
            return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        return budget.topicConfigs();
    }
}
