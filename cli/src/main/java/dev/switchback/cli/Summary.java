package dev.switchback.cli;

import dev.switchback.cli.walk.Outcome;
import dev.switchback.cli.walk.Tally;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The report printed at the end of a command: counts, time, rate, first keys of each problem. */
final class Summary {
  private final PrintWriter out;

  Summary(PrintWriter out) {
    this.out = out;
  }

  void title(String title) {
    out.println(title);
  }

  void line(String label, String value) {
    out.printf(Locale.ROOT, "  %-22s %s%n", label, value);
  }

  void count(String label, long count) {
    line(label, String.format(Locale.ROOT, "%,d", count));
  }

  void timing(long keys, Duration elapsed) {
    double seconds = elapsed.toNanos() / 1e9;
    line("elapsed", String.format(Locale.ROOT, "%.1f s", seconds));
    line("rate", String.format(Locale.ROOT, "%,.0f keys/s", seconds > 0 ? keys / seconds : 0));
  }

  /** The first keys of {@code outcome}, if any; keys only, never values. */
  void examples(Tally tally, Outcome outcome, String label) {
    List<String> keys = tally.examples(outcome);
    if (!keys.isEmpty()) {
      line(label, String.join(", ", keys)
          + (tally.count(outcome) > keys.size() ? ", ..." : ""));
    }
  }

  void errors(Tally tally) {
    for (String error : tally.errors()) {
      line("failure", error);
    }
  }

  void flush() {
    out.flush();
  }
}
