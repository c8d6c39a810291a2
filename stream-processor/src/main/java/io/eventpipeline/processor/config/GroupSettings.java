package io.eventpipeline.processor.config;

import io.eventpipeline.schemas.config.Variables;
import java.time.Duration;
import java.util.Optional;

/**
 * How instances of the processor notice each other leave: an instance that stops heart-beating for
 * {@code sessionTimeout} (a crash, a kill -9, a pause) loses its tasks to the others. Kafka's default, 45 s, left
 * a killed instance's shards unprocessed that long; 10 s keeps a failover short without a rebalance per GC pause
 * (ScalingIT measures it, README "Operating it"). Rebalances are cooperative (Kafka Streams' own protocol): only
 * the moving tasks pause.
 *
 * <p>With {@code PROCESSOR_INSTANCE_ID} set (stable per instance, e.g. a StatefulSet pod name) the instance is a
 * static member: a stopped instance leaves the group at once (Kafka Streams 4.1 sends the leave only for static
 * members; a dynamic one is noticed after {@code SESSION_TIMEOUT}), and one restarted within the session timeout
 * gets its own shards back without a rebalance.
 *
 * @param sessionTimeout    {@code SESSION_TIMEOUT}: between 6 s and 30 m (the broker's default bounds)
 * @param heartbeatInterval {@code HEARTBEAT_INTERVAL}: at most a third of {@code SESSION_TIMEOUT}
 * @param instanceId        {@code PROCESSOR_INSTANCE_ID}: unique per instance, letters, digits, '.', '_', '-'; unset
 *                          for dynamic membership
 */
public record GroupSettings(Duration sessionTimeout, Duration heartbeatInterval, Optional<String> instanceId) {

    public static final GroupSettings DEFAULTS = new GroupSettings(Duration.ofSeconds(10), Duration.ofSeconds(3),
            Optional.empty());

    public GroupSettings {
        Variables.require(sessionTimeout != null && sessionTimeout.compareTo(Duration.ofSeconds(6)) >= 0
                && sessionTimeout.compareTo(Duration.ofMinutes(30)) <= 0, "SESSION_TIMEOUT", "must be between 6s and 30m");
        Variables.require(heartbeatInterval != null && heartbeatInterval.isPositive()
                && heartbeatInterval.multipliedBy(3).compareTo(sessionTimeout) <= 0, "HEARTBEAT_INTERVAL",
                "must be > 0 and at most a third of SESSION_TIMEOUT (" + sessionTimeout + ")");
        instanceId = instanceId == null ? Optional.empty() : instanceId;
        Variables.require(instanceId.map(id -> id.matches("[A-Za-z0-9._-]{1,200}")).orElse(true),
                "PROCESSOR_INSTANCE_ID", "must be 1-200 letters, digits, '.', '_' or '-'");
    }

    public static GroupSettings from(Variables v) {
        return new GroupSettings(v.duration("SESSION_TIMEOUT", DEFAULTS.sessionTimeout()),
                v.duration("HEARTBEAT_INTERVAL", DEFAULTS.heartbeatInterval()), v.optional("PROCESSOR_INSTANCE_ID"));
    }

    public GroupSettings withInstanceId(String id) {
        return new GroupSettings(sessionTimeout, heartbeatInterval, Optional.of(id));
    }
}
