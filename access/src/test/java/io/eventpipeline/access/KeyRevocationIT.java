package io.eventpipeline.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventpipeline.servers.RedisProcess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Revocation reaches every instance: through the Redis broadcast, or through the fallback bound without it. */
class KeyRevocationIT {

    /** The broadcast alone must do it: the fallback bound is far longer than the one second allowed. */
    private static final AccessSettings BROADCAST_ONLY =
            new AccessSettings(Duration.ofMinutes(10), Duration.ofMinutes(5), 1000, 1000, Duration.ofMinutes(1));
    private static AccessServers servers;

    @BeforeAll
    static void start() {
        servers = new AccessServers();
    }

    @AfterAll
    static void stop() throws Exception {
        servers.close();
    }

    @Test
    void shouldRefuseARevokedKeyOnTwoInstancesWithinASecondWhenRevokedElsewhere() {
        AccessServers.Instance first = servers.instance(servers.redis, BROADCAST_ONLY);
        AccessServers.Instance second = servers.instance(servers.redis, BROADCAST_ONLY);
        await("both subscribed", Duration.ofSeconds(10), () -> first.changes().live() && second.changes().live());
        ApiKeyStore operator = servers.store(servers.changes(servers.redis), new SimpleMeterRegistry());
        ApiKeyStore.Created key = operator.create("tenant-r", null, Set.of(Scope.PRODUCE));
        String bearer = "Bearer " + key.plainKey();
        assertThat(first.auth().authenticate(bearer, "c").producerId()).isEqualTo("tenant-r");
        assertThat(second.auth().authenticate(bearer, "c").producerId()).isEqualTo("tenant-r");

        long start = System.nanoTime();
        operator.revoke(key.key().id());
        await("first refuses", Duration.ofSeconds(5), () -> refuses(first, bearer));
        await("second refuses", Duration.ofSeconds(5), () -> refuses(second, bearer));
        Duration latency = Duration.ofNanos(System.nanoTime() - start);

        System.out.printf("revocation latency across two instances: %d ms%n", latency.toMillis());
        assertThat(latency).isLessThan(Duration.ofSeconds(1));
        assertThat(first.lookups()).as("one lookup before, one after the revocation").isEqualTo(2);
    }

    @Test
    void shouldRefuseARevokedKeyWithinTheFallbackBoundWhileRedisIsDown() {
        RedisProcess ownRedis = RedisProcess.start(null, 0);
        AccessSettings settings = new AccessSettings(Duration.ofMinutes(10), Duration.ofSeconds(1), 1000, 1000,
                Duration.ofMinutes(1));
        AccessServers.Instance instance = servers.instance(ownRedis, settings);
        await("subscribed", Duration.ofSeconds(10), () -> instance.changes().live());
        ApiKeyStore.Created key = servers.store(KeyChanges.NONE, new SimpleMeterRegistry())
                .create("tenant-f", null, Set.of(Scope.READ));
        String bearer = "Bearer " + key.plainKey();
        assertThat(instance.auth().authenticate(bearer, "c").scopes()).containsExactly(Scope.READ);
        ownRedis.close();
        await("subscription seen down", Duration.ofSeconds(10), () -> !instance.changes().live());

        long start = System.nanoTime();
        servers.store(KeyChanges.NONE, new SimpleMeterRegistry()).revoke(key.key().id());
        await("refuses without a broadcast", Duration.ofSeconds(5), () -> refuses(instance, bearer));
        Duration latency = Duration.ofNanos(System.nanoTime() - start);

        System.out.printf("revocation latency without the broadcast: %d ms%n", latency.toMillis());
        assertThat(latency).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void shouldAcceptANewKeyAtOnceWhereItsTokenWasRememberedAsUnknown() {
        AccessServers.Instance instance = servers.instance(servers.redis, BROADCAST_ONLY);
        await("subscribed", Duration.ofSeconds(10), () -> instance.changes().live());
        String token = "ik_operator-chosen-bootstrap-token";
        assertThatThrownBy(() -> instance.auth().authenticate("Bearer " + token, "c1")).isInstanceOf(AccessDenied.class);

        ApiKeyStore.Bootstrap created = servers.store(servers.changes(servers.redis), new SimpleMeterRegistry())
                .ensureBootstrap("tenant-b", token, Set.of(Scope.PRODUCE));

        assertThat(created).isEqualTo(ApiKeyStore.Bootstrap.CREATED);
        await("known", Duration.ofSeconds(2), () -> !refuses(instance, "Bearer " + token));
    }

    private static boolean refuses(AccessServers.Instance instance, String bearer) {
        try {
            instance.auth().authenticate(bearer, "probe");
            return false;
        } catch (AccessDenied denied) {
            return true;
        }
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
