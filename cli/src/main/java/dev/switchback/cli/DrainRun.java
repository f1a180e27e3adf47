package dev.switchback.cli;

import static java.util.Objects.requireNonNull;

import dev.switchback.BackendUnavailableException;
import dev.switchback.Capability;
import dev.switchback.InvalidInputException;
import dev.switchback.OperationTimeoutException;
import dev.switchback.SwitchbackException;
import dev.switchback.cli.drain.LagReading;
import dev.switchback.cli.drain.LagTable;
import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.MessagingLag;
import dev.switchback.migration.Side;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One {@code drain status}: builds one side of the messaging migration from the service's
 * configuration, reads the lag of the groups on the topics through its {@link MessagingLag}
 * (again every {@code --interval} with {@code --wait}), prints the table and exits {@link
 * ExitCodes#OK} when drained, {@link ExitCodes#DIFFERENCES} when messages are left.
 */
final class DrainRun {
  private final ConfigOptions config;
  private final DrainOptions drain;
  private final PrintWriter out;
  private final PrintWriter err;

  DrainRun(ConfigOptions config, DrainOptions drain, PrintWriter out, PrintWriter err) {
    this.config = requireNonNull(config, "config");
    this.drain = requireNonNull(drain, "drain");
    this.out = requireNonNull(out, "out");
    this.err = requireNonNull(err, "err");
  }

  int run() throws InterruptedException {
    drain.check();
    try (Sides sides = Sides.open(Capability.MESSAGING, config.properties())) {
      Side side = drain.side;
      String label = sides.label(side);
      String key = side == Side.OLD ? Capability.MESSAGING.prefix() + ".backend"
          : Capability.MESSAGING.prefix() + ".migration.target";
      MessagingLag lag = sides.backend(side, Messaging.class).ability(MessagingLag.class)
          .orElseThrow(() -> new CommandFailure(ExitCodes.USAGE, label + " cannot report"
              + " consumer lag (it does not offer MessagingLag), so drain status cannot tell"
              + " whether it is drained"));
      long deadline = System.nanoTime() + drain.timeout().toNanos();
      LagReading reading = readUntilDrained(lag, label, deadline);
      out.println("drain status of " + label + ", the " + side + " side (" + key + ")");
      LagTable.print(out, reading);
      if (!reading.unknownTopics().isEmpty()) {
        throw new CommandFailure(ExitCodes.USAGE, label + " has no topic "
            + String.join(", ", reading.unknownTopics()) + "; check the --topic names");
      }
      if (!reading.drained() && drain.waitForDrain) {
        err.println("switchback: still not drained after --timeout " + text(drain.timeout()));
        err.flush();
      }
      return reading.drained() ? ExitCodes.OK : ExitCodes.DIFFERENCES;
    }
  }

  /**
   * One reading, or with {@code --wait} readings every {@code --interval} until drained, an
   * unknown topic, or the deadline. While waiting, a reading that finds the backend unavailable
   * is reported and tried again; the last one decides.
   */
  private LagReading readUntilDrained(MessagingLag lag, String label, long deadline)
      throws InterruptedException {
    while (true) {
      LagReading reading;
      try {
        reading = read(lag, deadline);
        if (!drain.waitForDrain || reading.drained() || !reading.unknownTopics().isEmpty()
            || !timeForAnother(deadline)) {
          return reading;
        }
        report("lag " + String.format(Locale.ROOT, "%,d", reading.total()) + " messages left");
      } catch (BackendUnavailableException e) {
        if (!drain.waitForDrain || !timeForAnother(deadline)) {
          throw new CommandFailure(ExitCodes.UNAVAILABLE, label + ": " + e.getMessage(), e);
        }
        report("reading failed: " + e.getMessage());
      }
      TimeUnit.NANOSECONDS.sleep(drain.interval.toNanos());
    }
  }

  private boolean timeForAnother(long deadline) {
    return System.nanoTime() + drain.interval.toNanos() < deadline;
  }

  private void report(String what) {
    err.println("switchback: " + what + "; reading again in " + text(drain.interval));
    err.flush();
  }

  private LagReading read(MessagingLag lag, long deadline) throws InterruptedException {
    long left = deadline - System.nanoTime();
    try {
      return LagReading.read(lag, drain.groups, drain.topics).toCompletableFuture()
          .get(Math.max(1, left), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new OperationTimeoutException("no answer within --timeout " + text(drain.timeout()));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof InvalidInputException invalid) {
        throw new CommandFailure(ExitCodes.USAGE, invalid.getMessage(), invalid);
      }
      if (cause instanceof BackendUnavailableException unavailable) {
        throw unavailable;
      }
      if (cause instanceof SwitchbackException refused) {
        throw new CommandFailure(ExitCodes.UNAVAILABLE, refused.getMessage(), refused);
      }
      throw new IllegalStateException("reading the lag failed unexpectedly: " + cause, cause);
    }
  }

  /** {@code 500ms}, {@code 30s}: as the options are written. */
  private static String text(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
