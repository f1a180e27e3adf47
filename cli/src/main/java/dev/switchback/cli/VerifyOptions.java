package dev.switchback.cli;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The options of {@code verify}: sampling and tolerance. */
final class VerifyOptions {

  @Option(names = "--sample", paramLabel = "N",
      description = "Compare N keys drawn at random from the source instead of all of them.")
  @Nullable Integer sample;

  @Option(names = "--ttl-tolerance", paramLabel = "DURATION", defaultValue = "2s",
      converter = DurationOption.class,
      description = "How far apart two expiries may be and still count as equal (default:"
          + " ${DEFAULT-VALUE}).")
  Duration ttlTolerance;

  void check() {
    if (sample != null && sample < 1) {
      throw new CommandFailure(ExitCodes.USAGE, "--sample=" + sample + " must be at least 1");
    }
  }
}
