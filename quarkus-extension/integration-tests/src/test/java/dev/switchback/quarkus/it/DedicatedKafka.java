package dev.switchback.quarkus.it;

import dev.switchback.testkit.servers.LocalKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A Kafka cluster of the application's own, which its test may stop and restart (the shared one
 * cannot be), with the shared Redis. The test gets the cluster in its {@link LocalKafka} field.
 *
 * <p>Stopping the broker is the outage, rather than cutting a proxy in front of it: once clients
 * have the cluster's metadata they connect to the address the broker advertises, not to the
 * bootstrap address a proxy would hold.
 */
public final class DedicatedKafka implements QuarkusTestResourceLifecycleManager {

  /**
   * Kafka's request timeout for the application: the ping of a stopped cluster fails after it, so
   * it is kept well under the readiness check's wait for a quick answer.
   */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

  private LocalKafka kafka;

  @Override
  public Map<String, String> start() {
    kafka = LocalKafka.start();
    Map<String, String> config = new HashMap<>(RealServers.addresses(kafka));
    config.put("switchback.messaging.kafka.request-timeout", REQUEST_TIMEOUT.toSeconds() + "s");
    return config;
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(kafka, new TestInjector.MatchesType(LocalKafka.class));
  }

  @Override
  public void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }
}
