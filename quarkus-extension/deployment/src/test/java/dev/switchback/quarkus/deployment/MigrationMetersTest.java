package dev.switchback.quarkus.deployment;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.Capability;
import dev.switchback.Switchback;
import dev.switchback.cache.Cache;
import dev.switchback.migration.Stage;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With Micrometer (a Prometheus registry here), each migration's status is in /q/metrics. */
class MigrationMetersTest {

  @RegisterExtension
  static final QuarkusUnitTest APP = new QuarkusUnitTest()
      .overrideConfigKey("switchback.cache.backend", "memory")
      .overrideConfigKey("switchback.cache.migration.target", "memory");

  @Inject Switchback switchback;
  @Inject Cache cache;

  @TestHTTPResource("/q/metrics")
  URI metrics;

  @Test
  void theStageOperationsAndVerdictOfEachMigrationAreMeters() throws Exception {
    switchback.migration(Capability.CACHE).orElseThrow().moveTo(Stage.DUALWRITE);
    for (int i = 0; i < 3; i++) {
      cache.put("k" + i, "v".getBytes(UTF_8), Duration.ofMinutes(1)).toCompletableFuture().join();
    }

    String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body();

    assertThat(text)
        .contains("switchback_migration_stage{capability=\"cache\"} 1.0")
        .contains("switchback_migration_canary_percent{capability=\"cache\"} 100.0")
        .contains("switchback_migration_operations_total{capability=\"cache\",side=\"old\"} 3.0")
        .contains("switchback_migration_operations_total{capability=\"cache\",side=\"new\"} 3.0")
        .contains("switchback_migration_errors_total{capability=\"cache\",side=\"new\"} 0.0")
        .contains("switchback_migration_guard_tripped{capability=\"cache\"} 0.0")
        .contains("switchback_migration_latency_p50_seconds{capability=\"cache\",side=\"old\"}")
        .doesNotContain("capability=\"sessions\"");
  }
}
