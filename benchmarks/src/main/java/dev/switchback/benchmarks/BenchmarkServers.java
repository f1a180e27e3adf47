package dev.switchback.benchmarks;

import dev.switchback.testkit.servers.LocalDynamoDb;
import dev.switchback.testkit.servers.LocalKafka;
import dev.switchback.testkit.servers.LocalRedis;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The servers the benchmarks run against, found or started once by {@link Main} in the JVM that
 * drives the run and handed to every forked JVM as system properties, so each path of a
 * comparison measures the same server process. A benchmark run without them (by JMH's own main,
 * or with {@code -f 0}) finds or starts its servers itself, once per JVM.
 *
 * <p>The property names stay outside {@code switchback.}: {@code Switchback.fromConfig} reads
 * system properties and refuses unknown keys under its own prefix.
 */
enum BenchmarkServers {
  /** The Redis on {@code 127.0.0.1:6379} if it answers, else one started from redis-server. */
  REDIS("benchmarks.redis"),
  /** A second Redis, always started for the run: the new store of a migration. */
  SECOND_REDIS("benchmarks.redis.second"),
  /** dynalite, a DynamoDB implementation on Node.js, started for the run. */
  DYNAMODB("benchmarks.dynamodb"),
  /** A Kafka broker (KRaft, its own controller), started for the run. */
  KAFKA("benchmarks.kafka"),
  /** A second, independent Kafka cluster, started for the run: the new side of a migration. */
  SECOND_KAFKA("benchmarks.kafka.second");

  private final String property;

  BenchmarkServers(String property) {
    this.property = property;
  }

  /** This server's URI: from its system property, else found or started in this JVM now. */
  URI uri() {
    String given = System.getProperty(property);
    if (given != null && !given.isBlank()) {
      return URI.create(given);
    }
    synchronized (BenchmarkServers.class) {
      given = System.getProperty(property);
      if (given == null || given.isBlank()) {
        given = start().toString();
        System.setProperty(property, given);
      }
    }
    return URI.create(given);
  }

  /** This server's {@code host:port}, as Kafka's {@code bootstrap.servers} takes it. */
  String hostAndPort() {
    URI uri = uri();
    return uri.getHost() + ":" + uri.getPort();
  }

  /**
   * Finds or starts each of {@code servers} in this JVM (they stop when it exits) and returns the
   * {@code -D} arguments that hand them to forked JVMs.
   */
  static List<String> provide(Set<BenchmarkServers> servers) {
    List<String> jvmArgs = new ArrayList<>();
    for (BenchmarkServers server : values()) {
      if (servers.contains(server)) {
        jvmArgs.add("-D" + server.property + "=" + server.uri());
      }
    }
    return jvmArgs;
  }

  private URI start() {
    if (this == KAFKA || this == SECOND_KAFKA) {
      BenchmarkTopics.quietKafkaLogs(); // the readiness probe logs every failed attempt
    }
    return switch (this) {
      case REDIS -> LocalRedis.shared().uri();
      case SECOND_REDIS -> LocalRedis.start().uri();
      case DYNAMODB -> LocalDynamoDb.shared().uri();
      case KAFKA -> LocalKafka.shared().uri();
      case SECOND_KAFKA -> LocalKafka.second().uri();
    };
  }
}
