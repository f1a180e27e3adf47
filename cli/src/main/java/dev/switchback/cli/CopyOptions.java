package dev.switchback.cli;

import dev.switchback.cli.walk.KeyWalk;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The options of {@code copy}: resuming, checkpoints, overwriting. */
final class CopyOptions {

  @Option(names = "--state", paramLabel = "FILE",
      description = "Where the copy saves its cursor and counts (default:"
          + " switchback-copy-<capability>.state in the working directory).")
  @Nullable Path state;

  @Option(names = "--resume",
      description = "Continue the copy saved in the state file instead of starting over.")
  boolean resume;

  @Option(names = "--checkpoint-every", paramLabel = "N",
      defaultValue = "" + KeyWalk.DEFAULT_CHECKPOINT_EVERY,
      description = "Keys between two saves of the state file (default: ${DEFAULT-VALUE}).")
  long checkpointEvery;

  @Option(names = "--limit", paramLabel = "N",
      description = "Stop after N keys, as a trial run; continue later with --resume.")
  @Nullable Long limit;

  @Option(names = "--no-overwrite",
      description = "Leave keys the target already has as they are (counted 'kept') instead of"
          + " replacing them with the source's value.")
  boolean noOverwrite;

  /** The state file for {@code capability}. */
  Path stateFile(String capability) {
    return state != null ? state : Path.of("switchback-copy-" + capability + ".state");
  }

  /** Checks the values picocli cannot. */
  void check() {
    if (checkpointEvery < 1) {
      throw new CommandFailure(ExitCodes.USAGE,
          "--checkpoint-every=" + checkpointEvery + " must be at least 1");
    }
    if (limit != null && limit < 0) {
      throw new CommandFailure(ExitCodes.USAGE, "--limit=" + limit + " must not be negative");
    }
  }
}
