package dev.switchback.quarkus.deployment;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.Capability;
import dev.switchback.Switchback;
import dev.switchback.auth.Auth;
import dev.switchback.cache.Cache;
import dev.switchback.messaging.Messaging;
import dev.switchback.migration.Stage;
import dev.switchback.sessions.Sessions;
import dev.switchback.tracing.Tracing;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SwitchbackBeansTest {

  @RegisterExtension
  static final QuarkusUnitTest APP = new QuarkusUnitTest()
      .overrideConfigKey("switchback.cache.backend", "memory")
      // The test profile's value wins; the prod profile's unknown backend is never read.
      .overrideConfigKey("%test.switchback.cache.migration.target", "memory")
      .overrideConfigKey("%prod.switchback.cache.migration.target", "no-such-backend")
      .overrideConfigKey("%test.switchback.cache.migration.stage", "dualwrite");

  @Inject Switchback switchback;
  @Inject Cache cache;
  @Inject Sessions sessions;
  @Inject Messaging messaging;
  @Inject Auth auth;
  @Inject Tracing tracing;

  @Test
  void injectedCapabilitiesAreTheSwitchbackOnes() {
    assertThat(cache).isSameAs(switchback.cache());
    assertThat(sessions).isSameAs(switchback.sessions());
    assertThat(messaging).isSameAs(switchback.messaging());
    assertThat(auth).isSameAs(switchback.auth());
    assertThat(tracing).isSameAs(switchback.tracing());
  }

  @Test
  void injectedCacheStoresAndReads() {
    cache.put("greeting", "hello".getBytes(UTF_8), Duration.ofMinutes(1))
        .toCompletableFuture().join();

    assertThat(cache.get("greeting").toCompletableFuture().join())
        .hasValueSatisfying(value -> assertThat(new String(value, UTF_8)).isEqualTo("hello"));
  }

  @Test
  void profileSpecificKeysApply() {
    assertThat(switchback.migration(Capability.CACHE))
        .hasValueSatisfying(m -> assertThat(m.status().stage()).isEqualTo(Stage.DUALWRITE));
    assertThat(switchback.migration(Capability.SESSIONS)).isEmpty();
  }

  @Test
  void migratingCapabilityListsBothBackends() {
    assertThat(switchback.backends())
        .filteredOn(b -> b.capability() == Capability.CACHE)
        .extracting(Object::toString)
        .containsExactly("cache memory (old)", "cache memory (new)");
  }

  @Test
  void sessionsAreCreatedWithTheDefaultBackend() {
    String id = sessions.create("alice", Map.of("theme", "dark"), Duration.ofMinutes(5))
        .toCompletableFuture().join().id();

    assertThat(sessions.get(id).toCompletableFuture().join()).isPresent();
  }
}
