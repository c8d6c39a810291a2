package io.eventpipeline.admin.partitions;

import io.eventpipeline.admin.config.AdminSettings;
import io.eventpipeline.admin.config.Refusal;
import io.eventpipeline.admin.config.ServiceHealth;
import io.eventpipeline.schemas.Topics;

/**
 * When a partition change is unsafe, and why. Each check throws a {@link Refusal} naming what to do
 * instead; nothing has been changed when one does.
 */
final class PartitionRules {

    private final AdminSettings settings;

    PartitionRules(AdminSettings settings) {
        this.settings = settings;
    }

    void refuseWrongTopic(String topic, ProcessorFootprint processor) {
        if (processor.isInternal(topic) || topic.endsWith("-changelog") || topic.endsWith("-repartition")
                || topic.startsWith("__")) {
            throw new Refusal(topic + " is an internal topic: its partitions are the processor's shards or Kafka's own, "
                    + "and state is stored per partition; changing them in place breaks versions and dedup. The shard "
                    + "count (PROCESSOR_SHARDS) cannot change in place (docs/decisions.md D4).");
        }
        boolean pipeline = Topics.ALL.stream().anyMatch(t -> t.prefixed(settings.topicPrefix()).name().equals(topic));
        if (!pipeline) {
            throw new Refusal(topic + " is not one of the pipeline's topics (TOPIC_PREFIX='" + settings.topicPrefix() + "')");
        }
    }

    static void refuseShrinking(String topic, int current, int wanted) {
        if (wanted < current) {
            throw new Refusal(topic + " has " + current + " partitions; Kafka cannot remove partitions, and fewer would "
                    + "move every aggregate to another partition. To shrink, create new topics and re-run from events.log.");
        }
    }

    void refuseUnreadyProcessor(ServiceHealth health) {
        if (!health.ready()) {
            throw new Refusal("the processor is not ready (" + health.status() + "): grow partitions only while it runs "
                    + "healthy, so it picks them up and the change can be followed (PROCESSOR_MANAGEMENT_URL)");
        }
    }

    static void refuseUnshardedProcessor(String topic, ProcessorFootprint processor) {
        if (processor.shards().isEmpty()) {
            throw new Refusal("the processor keeps its versions and dedup per partition of " + topic + " (no repartition "
                    + "topic " + processor.group() + "-...-repartition with one shard count exists, found "
                    + processor.internalTopics().keySet() + "): more partitions would send an aggregate's next events to a "
                    + "task without its state, restarting versions and dedup. Upgrade the processor to one with "
                    + "PROCESSOR_SHARDS (docs/decisions.md D4) first.");
        }
    }

    static void refuseLogWhileMoving(String topic, ProcessorFootprint processor, long writerLag) {
        if (processor.members() > 0) {
            throw new Refusal(topic + " is written by the processor (" + processor.members() + " member(s) in group "
                    + processor.group() + "): the writer keeps an aggregate's order only while no event of a moved "
                    + "aggregate is in flight. Stop the processor, wait until ./admin topics shows the writer's lag 0, grow "
                    + topic + ", then start the processor again.");
        }
        if (writerLag > 0) {
            throw new Refusal("the writer still has " + writerLag + " records of " + topic + " to write: an aggregate that "
                    + "moves could be written out of order. Wait until ./admin topics shows its lag 0.");
        }
    }
}
