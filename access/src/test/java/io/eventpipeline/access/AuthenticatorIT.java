package io.eventpipeline.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the authenticator refuses, and what it costs Postgres, against a real database and Redis. */
class AuthenticatorIT {

    private static final AccessSettings SETTINGS =
            new AccessSettings(Duration.ofMinutes(1), Duration.ofSeconds(1), 1000, 5, Duration.ofMinutes(1));
    private static AccessServers servers;
    private static ApiKeyStore store;

    @BeforeAll
    static void start() {
        servers = new AccessServers();
        store = servers.store(KeyChanges.NONE, new SimpleMeterRegistry());
    }

    @AfterAll
    static void stop() throws Exception {
        servers.close();
    }

    @Test
    void shouldRefuseAMalformedTokenBeforeAnyDatabaseCall() {
        AccessServers.Instance instance = servers.instance(servers.redis, SETTINGS);

        for (String header : new String[] {null, "", "Basic abc", "Bearer ", "Bearer short", "Bearer has space inside",
                "Bearer " + "x".repeat(257), "Bearer caf\u00e9-caf\u00e9-caf\u00e9"}) {
            assertThatThrownBy(() -> instance.auth().authenticate(header, "client-" + header))
                    .isInstanceOfSatisfying(AccessDenied.class, d -> assertThat(d.status()).isEqualTo(401));
        }

        assertThat(instance.lookups()).isZero();
    }

    @Test
    void shouldQueryPostgresOnceForARepeatedUnknownToken() throws InterruptedException {
        AccessServers.Instance instance = servers.instance(servers.redis, SETTINGS);
        // until announcements arrive, cached entries expire after the 1 s fallback and the first
        // subscription drops the cache: on a slow machine either would add a second lookup
        awaitLive(instance.changes());

        for (int i = 0; i < 50; i++) {
            int client = i;
            assertThatThrownBy(() -> instance.auth().authenticate("Bearer ik_not-a-key-of-anyone", "10.0.0." + client))
                    .isInstanceOfSatisfying(AccessDenied.class, d -> {
                        assertThat(d.reason()).isEqualTo(AccessDenied.Reason.UNAUTHORIZED);
                        assertThat(d.headers()).containsKey("WWW-Authenticate");
                    });
        }

        assertThat(instance.lookups()).isEqualTo(1);
    }

    private static void awaitLive(KeyChanges changes) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!changes.live()) {
            assertThat(System.nanoTime()).as("key-change announcements live within 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void shouldLimitRepeatedFailuresFromOneClientAndNotFromOthers() {
        AccessServers.Instance instance = servers.instance(servers.redis, SETTINGS);
        String valid = "Bearer " + store.create("tenant-l", null, Set.of(Scope.PRODUCE)).plainKey();
        for (int i = 0; i < SETTINGS.failureLimit(); i++) {
            String guess = "Bearer ik_guess-" + i;
            assertThatThrownBy(() -> instance.auth().authenticate(guess, "attacker")).isInstanceOf(AccessDenied.class);
        }
        long lookups = instance.lookups();

        assertThatThrownBy(() -> instance.auth().authenticate(valid, "attacker"))
                .isInstanceOfSatisfying(AccessDenied.class, d -> {
                    assertThat(d.status()).isEqualTo(429);
                    assertThat(Long.parseLong(d.headers().get("Retry-After"))).isBetween(1L, 60L);
                });
        assertThat(instance.lookups()).as("a limited client costs no lookup").isEqualTo(lookups);
        assertThat(instance.auth().authenticate(valid, "someone-else").producerId()).isEqualTo("tenant-l");
    }

    @Test
    void shouldRefuseRevokedExpiredAndScopeLessKeysWithForbidden() {
        AccessServers.Instance instance = servers.instance(servers.redis, SETTINGS);
        ApiKeyStore.Created revoked = store.create("tenant-s", null, Set.of(Scope.PRODUCE));
        store.revoke(revoked.key().id());
        String expired = store.create("tenant-s", OffsetDateTime.now().minusMinutes(1), Set.of(Scope.PRODUCE)).plainKey();
        String readOnly = store.create("tenant-s", null, Set.of(Scope.READ)).plainKey();

        assertThatThrownBy(() -> instance.auth().authenticate("Bearer " + revoked.plainKey(), "c"))
                .isInstanceOfSatisfying(AccessDenied.class, d -> assertThat(d.getMessage()).contains("revoked"));
        assertThatThrownBy(() -> instance.auth().authenticate("Bearer " + expired, "c"))
                .isInstanceOfSatisfying(AccessDenied.class, d -> assertThat(d.getMessage()).contains("expired"));
        assertThatThrownBy(() -> instance.auth().authorize("Bearer " + readOnly, "c", Scope.PRODUCE))
                .isInstanceOfSatisfying(AccessDenied.class, d -> {
                    assertThat(d.reason()).isEqualTo(AccessDenied.Reason.INSUFFICIENT_SCOPE);
                    assertThat(d.status()).isEqualTo(403);
                    assertThat(new String(d.problemJson())).contains("insufficient-scope").contains("'produce'");
                });
        assertThat(instance.auth().authorize("Bearer " + readOnly, "c", Scope.READ))
                .isEqualTo(new Principal("tenant-s", Set.of(Scope.READ)));
    }

    @Test
    void shouldCreateTheBootstrapKeyOnlyWhenAbsentAndNeverReactivateIt() {
        String token = "ik_bootstrap-" + System.nanoTime();

        assertThat(store.ensureBootstrap("local", token, Set.of(Scope.PRODUCE, Scope.READ)))
                .isEqualTo(ApiKeyStore.Bootstrap.CREATED);
        assertThat(store.ensureBootstrap("local", token, Set.of(Scope.PRODUCE))).isEqualTo(ApiKeyStore.Bootstrap.PRESENT);
        ApiKey stored = store.findByHash(KeyTokens.hash(token)).orElseThrow();
        store.revoke(stored.id());

        assertThat(store.ensureBootstrap("local", token, Set.of(Scope.PRODUCE))).isEqualTo(ApiKeyStore.Bootstrap.NOT_USABLE);
        ApiKey after = store.findByHash(KeyTokens.hash(token)).orElseThrow();
        assertThat(after.status()).isEqualTo(ApiKey.REVOKED);
        assertThat(after.scopes()).containsExactlyInAnyOrder(Scope.PRODUCE, Scope.READ);
    }
}
