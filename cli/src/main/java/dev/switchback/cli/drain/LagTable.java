package dev.switchback.cli.drain;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints a {@link LagReading} as a table: one row per group, topic and partition, a total per
 * group and topic, and the grand total with the verdict.
 *
 * <pre>
 * group    topic   partition  lag
 * billing  orders          0    0
 * billing  orders          1   12
 * billing  orders      total   12
 * total                        12
 * not drained: 12 messages not yet consumed
 * </pre>
 */
public final class LagTable {
  private static final String UNKNOWN = "(unknown topic)";

  private LagTable() {}

  /** Prints {@code reading} to {@code out}. */
  public static void print(PrintWriter out, LagReading reading) {
    int groupWidth = "group".length();
    int topicWidth = "topic".length();
    int lagWidth = Math.max("lag".length(), figure(reading.total()).length());
    for (GroupLag lag : reading.lags()) {
      groupWidth = Math.max(groupWidth, lag.group().length());
      topicWidth = Math.max(topicWidth, lag.topic().length());
      if (!lag.topicKnown()) {
        lagWidth = Math.max(lagWidth, UNKNOWN.length());
      }
    }
    String row = "%-" + groupWidth + "s  %-" + topicWidth + "s  %9s  %" + lagWidth + "s%n";
    out.printf(Locale.ROOT, row, "group", "topic", "partition", "lag");
    for (GroupLag lag : reading.lags()) {
      if (!lag.topicKnown()) {
        out.printf(Locale.ROOT, row, lag.group(), lag.topic(), "-", UNKNOWN);
        continue;
      }
      lag.partitions().forEach((partition, figure) ->
          out.printf(Locale.ROOT, row, lag.group(), lag.topic(), partition, figure(figure)));
      out.printf(Locale.ROOT, row, lag.group(), lag.topic(), "total", figure(lag.total()));
    }
    out.printf(Locale.ROOT, row, "total", "", "", figure(reading.total()));
    out.println(reading.drained()
        ? "drained: every group has consumed every message of these topics"
        : "not drained: " + figure(reading.total()) + " messages not yet consumed");
    out.flush();
  }

  private static String figure(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
