package dev.switchback.cli.walk;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar redrawn on a terminal: keys done, keys per second and, when the
 * source's size is known, a bar and the time left. Redrawn at most every {@link #REDRAW}. A
 * disabled progress prints nothing (not a terminal, or {@code --quiet}). Not thread safe.
 */
public final class Progress {

  /** The shortest time between two redraws: 200 ms. */
  public static final Duration REDRAW = Duration.ofMillis(200);

  private static final int BAR_WIDTH = 24;

  private final PrintWriter out;
  private final boolean enabled;
  private final String verb;
  private final OptionalLong total;
  private final LongSupplier nanoTime;
  private final long started;
  private long lastDrawn;
  private int lastWidth;

  /**
   * A progress line on {@code out}, labelled with {@code verb} ({@code copied}, {@code
   * checked}), against {@code total} keys when known.
   */
  public Progress(PrintWriter out, boolean enabled, String verb, OptionalLong total) {
    this(out, enabled, verb, total, System::nanoTime);
  }

  Progress(PrintWriter out, boolean enabled, String verb, OptionalLong total,
      LongSupplier nanoTime) {
    this.out = requireNonNull(out, "out");
    this.enabled = enabled;
    this.verb = requireNonNull(verb, "verb");
    this.total = requireNonNull(total, "total");
    this.nanoTime = requireNonNull(nanoTime, "nanoTime");
    this.started = nanoTime.getAsLong();
    this.lastDrawn = started - REDRAW.toNanos();
  }

  /** Reports {@code done} keys so far in this run, of which {@code failed} failed. */
  public void update(long done, long failed) {
    if (!enabled) {
      return;
    }
    long now = nanoTime.getAsLong();
    if (now - lastDrawn < REDRAW.toNanos()) {
      return;
    }
    lastDrawn = now;
    draw(line(done, failed, now - started));
  }

  /** Clears the line, so the summary starts on a clean one. */
  public void finish() {
    if (enabled && lastWidth > 0) {
      out.print("\r" + " ".repeat(lastWidth) + "\r");
      out.flush();
      lastWidth = 0;
    }
  }

  String line(long done, long failed, long elapsedNanos) {
    double seconds = elapsedNanos / 1e9;
    double rate = seconds > 0 ? done / seconds : 0;
    StringBuilder line = new StringBuilder();
    if (total.isPresent() && total.getAsLong() > 0) {
      long all = total.getAsLong();
      double share = Math.min(1.0, (double) done / all);
      int filled = (int) Math.round(share * BAR_WIDTH);
      line.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled))
          .append("] ").append(String.format(Locale.ROOT, "%3d%% ", Math.round(share * 100)));
      line.append(String.format(Locale.ROOT, "%,d/%,d keys %s", done, all, verb));
    } else {
      line.append(String.format(Locale.ROOT, "%,d keys %s", done, verb));
    }
    line.append(String.format(Locale.ROOT, "  %,.0f keys/s", rate));
    if (total.isPresent() && rate > 0 && done < total.getAsLong()) {
      long left = (long) ((total.getAsLong() - done) / rate);
      line.append("  ETA ").append(clock(left));
    }
    if (failed > 0) {
      line.append(String.format(Locale.ROOT, "  %,d failed", failed));
    }
    return line.toString();
  }

  /** {@code seconds} as {@code h:mm:ss} or {@code m:ss}. */
  static String clock(long seconds) {
    long h = seconds / 3600;
    long m = (seconds % 3600) / 60;
    long s = seconds % 60;
    return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
        : String.format(Locale.ROOT, "%d:%02d", m, s);
  }

  private void draw(String line) {
    int pad = Math.max(0, lastWidth - line.length());
    out.print("\r" + line + " ".repeat(pad));
    out.flush();
    lastWidth = line.length();
  }
}
