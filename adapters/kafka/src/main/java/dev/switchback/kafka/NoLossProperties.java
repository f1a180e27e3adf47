package dev.switchback.kafka;

import dev.switchback.ConfigurationException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The Kafka client properties a user may not pass through, because they would silently give up
 * the promise that an acknowledged message is never lost (idempotence, {@code acks=all}, commits
 * only after handling), or because Switchback sets them itself.
 */
final class NoLossProperties {

  /** One property and what it may be set to. */
  private record Rule(String property, Predicate<String> accepts, String accepted) {
    static Rule only(String property, String... values) {
      List<String> allowed = List.of(values);
      return new Rule(property, value -> allowed.contains(value.trim().toLowerCase(Locale.ROOT)),
          "accepted values: " + String.join(", ", values));
    }

    static Rule intRange(String property, int min, int max, String accepted) {
      return new Rule(property, value -> {
        try {
          int number = Integer.parseInt(value.trim());
          return number >= min && number <= max;
        } catch (NumberFormatException e) {
          return false;
        }
      }, "accepted values: " + accepted);
    }

    static Rule refused(String property, String why) {
      return new Rule(property, value -> false, why);
    }
  }

  private static final List<Rule> COMMON = List.of(
      Rule.refused("bootstrap.servers", "the servers are the backend's own setting"));

  private static final List<Rule> PRODUCER = List.of(
      Rule.only("acks", "all", "-1"),
      Rule.only("enable.idempotence", "true"),
      Rule.intRange("max.in.flight.requests.per.connection", 1, 5, "1 to 5"),
      Rule.intRange("retries", 1, Integer.MAX_VALUE, "1 or more"),
      Rule.refused("transactional.id", "Kafka transactions are not supported"),
      Rule.refused("key.serializer", "keys are sent as UTF-8 bytes"),
      Rule.refused("value.serializer", "payloads are sent as bytes"),
      Rule.refused("delivery.timeout.ms", "set delivery-timeout instead"),
      Rule.refused("request.timeout.ms", "set request-timeout instead"),
      Rule.refused("linger.ms", "set linger instead"),
      Rule.refused("max.block.ms", "set max-block instead"),
      Rule.refused("max.request.size", "set max-request-size instead"));

  private static final List<Rule> CONSUMER = List.of(
      Rule.only("enable.auto.commit", "false"),
      Rule.only("auto.offset.reset", "earliest"),
      Rule.refused("group.id", "the group is the one given to subscribe"),
      Rule.refused("key.deserializer", "keys are read as UTF-8 bytes"),
      Rule.refused("value.deserializer", "payloads are read as bytes"));

  private NoLossProperties() {}

  /**
   * Returns {@code properties}, the producer properties under {@code prefix} (for example {@code
   * switchback.messaging.kafka.producer}), if none is refused.
   *
   * @throws ConfigurationException naming the full key and the accepted values otherwise
   */
  static Map<String, String> checkProducer(String prefix, Map<String, String> properties) {
    check(prefix, properties, COMMON);
    check(prefix, properties, PRODUCER);
    return properties;
  }

  /** As {@link #checkProducer}, for consumer properties. */
  static Map<String, String> checkConsumer(String prefix, Map<String, String> properties) {
    check(prefix, properties, COMMON);
    check(prefix, properties, CONSUMER);
    return properties;
  }

  /** As {@link #checkProducer}, for properties given to every client. */
  static Map<String, String> checkEveryClient(String prefix, Map<String, String> properties) {
    checkProducer(prefix, properties);
    return checkConsumer(prefix, properties);
  }

  private static void check(String prefix, Map<String, String> properties, List<Rule> rules) {
    for (Rule rule : rules) {
      String value = properties.get(rule.property());
      if (value != null && !rule.accepts().test(value)) {
        throw new ConfigurationException("Invalid value for " + prefix + "." + rule.property()
            + ": '" + value + "'; " + rule.accepted()
            + " (Switchback promises that an acknowledged message is never lost)");
      }
    }
  }
}
