package dev.switchback.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A subscriber in a process of its own, for tests that kill it: it joins the group, and for each
 * message prints {@code HANDLED <id>} (its effect) and never acknowledges, as a process that dies
 * after processing and before its commit. Arguments: bootstrap servers, topic, group.
 */
public final class ConsumerProcessMain {
  /** The line printed for each handled message, followed by its id. */
  static final String HANDLED = "HANDLED ";

  private ConsumerProcessMain() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, UTF_8);
    KafkaMessaging messaging = KafkaMessaging.builder(KafkaConnection.to(args[0]))
        .settings(TestKafka.settings().consumerProperties(fastFailover()).build())
        .build();
    messaging.subscribe(args[1], args[2], message -> {
      out.println(HANDLED + message.id());
      return new CompletableFuture<>();
    });
    Thread.sleep(Long.MAX_VALUE);
  }

  /** Consumer settings under which a dead member leaves its group within seconds. */
  static Map<String, String> fastFailover() {
    return Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1000");
  }
}
