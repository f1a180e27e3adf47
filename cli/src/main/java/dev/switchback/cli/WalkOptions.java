package dev.switchback.cli;

import dev.switchback.cli.walk.KeyWalk;
import dev.switchback.cli.walk.Progress;
import dev.switchback.cli.walk.RateLimiter;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** How a command walks the source's keys; shared by copy and verify. */
final class WalkOptions {

  /** The largest batch: each key of a batch holds a few commands in the connection's queue. */
  static final int MAX_BATCH = 2_000;

  @Option(names = "--batch", paramLabel = "N", defaultValue = "" + KeyWalk.DEFAULT_BATCH,
      description = "Keys per SCAN page and per pipelined batch, 1 to " + MAX_BATCH
          + " (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--max-rate", paramLabel = "KEYS_PER_SECOND",
      description = "At most this many keys per second, to spare the service (default: no"
          + " limit).")
  @Nullable Double maxRate;

  @Option(names = "--match", paramLabel = "PATTERN",
      description = "The source keys to take, as a Redis glob (default: every key under the"
          + " backend's key prefix).")
  @Nullable String match;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s",
      converter = DurationOption.class,
      description = "How long one batch may take (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = {"-q", "--quiet"},
      description = "No progress line (it is shown only on a terminal anyway).")
  boolean quiet;

  /** Checks the values picocli cannot. */
  void check() {
    if (batch < 1 || batch > MAX_BATCH) {
      throw new CommandFailure(ExitCodes.USAGE,
          "--batch=" + batch + " is out of range; accepted values: 1 to " + MAX_BATCH);
    }
    if (maxRate != null && !(maxRate > 0)) {
      throw new CommandFailure(ExitCodes.USAGE,
          "--max-rate=" + maxRate + " must be a positive number of keys per second");
    }
  }

  Optional<RateLimiter> rateLimiter() {
    return maxRate == null ? Optional.empty() : Optional.of(new RateLimiter(maxRate));
  }

  Progress progress(PrintWriter err, String verb, OptionalLong total) {
    return new Progress(err, !quiet && System.console() != null, verb, total);
  }

  /**
   * The pattern of the keys to take from a source whose keys start with {@code prefix}.
   *
   * @throws CommandFailure when {@code --match} would take keys outside the prefix
   */
  String pattern(String prefix) {
    String escaped = escapeGlob(prefix);
    if (match == null) {
      return escaped + "*";
    }
    if (!match.startsWith(escaped)) {
      throw new CommandFailure(ExitCodes.USAGE, "--match=" + match + " must start with the"
          + " source's key prefix '" + escaped + "': only keys the backend wrote are copied");
    }
    return match;
  }

  /** {@code text} with Redis glob characters escaped, so it matches only itself. */
  static String escapeGlob(String text) {
    StringBuilder escaped = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        escaped.append('\\');
      }
      escaped.append(c);
    }
    return escaped.toString();
  }
}
