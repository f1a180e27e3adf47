package dev.switchback.cli;

import dev.switchback.InvalidInputException;
import dev.switchback.messaging.Topics;
import dev.switchback.migration.Side;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The options of {@code drain status}: which groups and topics, which side, and waiting. */
final class DrainOptions {

  /** How long a reading may take without {@code --wait}. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** How long {@code --wait} waits for the drain. */
  static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofMinutes(10);

  @Option(names = "--group", paramLabel = "GROUP", required = true,
      description = "A consumer group of the service; repeatable.")
  List<String> groups = new ArrayList<>();

  @Option(names = "--topic", paramLabel = "TOPIC", required = true,
      description = "A topic the groups consume; repeatable.")
  List<String> topics = new ArrayList<>();

  @Option(names = "--side", paramLabel = "old|new", defaultValue = "old",
      converter = SideOption.class,
      description = "Which backend to read: old (switchback.messaging.backend) or new"
          + " (switchback.messaging.migration.target) (default: ${DEFAULT-VALUE}).")
  Side side = Side.OLD;

  @Option(names = "--wait",
      description = "Read again every --interval until every lag is 0, or --timeout passes.")
  boolean waitForDrain;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationOption.class,
      description = "The longest the command runs: one reading, or with --wait the whole wait"
          + " (default: 30s, with --wait 10m).")
  @Nullable Duration timeout;

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "5s",
      converter = DurationOption.class,
      description = "Pause between two readings with --wait (default: ${DEFAULT-VALUE}).")
  Duration interval;

  /**
   * Checks the values picocli cannot: names the backend would refuse, durations of zero.
   *
   * @throws CommandFailure with {@link ExitCodes#USAGE}
   */
  void check() {
    for (String group : groups) {
      checkName("--group", group, () -> Topics.requireValidGroup(group));
    }
    for (String topic : topics) {
      checkName("--topic", topic, () -> Topics.requireValidTopic(topic));
    }
    if (timeout != null && timeout.isZero()) {
      throw new CommandFailure(ExitCodes.USAGE, "--timeout must be longer than 0");
    }
    if (interval.isZero()) {
      throw new CommandFailure(ExitCodes.USAGE, "--interval must be longer than 0");
    }
  }

  /** How long the command may run. */
  Duration timeout() {
    if (timeout != null) {
      return timeout;
    }
    return waitForDrain ? DEFAULT_WAIT_TIMEOUT : DEFAULT_TIMEOUT;
  }

  private static void checkName(String option, String value, Runnable check) {
    try {
      check.run();
    } catch (InvalidInputException e) {
      throw new CommandFailure(ExitCodes.USAGE, option + "=" + value + ": " + e.getMessage(), e);
    }
  }

  /** {@code old} or {@code new}, in any case. */
  static final class SideOption implements ITypeConverter<Side> {
    @Override
    public Side convert(String value) {
      switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "old":
          return Side.OLD;
        case "new":
          return Side.NEW;
        default:
          throw new TypeConversionException(
              "'" + value + "' is not a side; accepted values: old, new");
      }
    }
  }
}
