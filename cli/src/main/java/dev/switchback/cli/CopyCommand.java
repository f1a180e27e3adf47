package dev.switchback.cli;

import dev.switchback.Capability;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code switchback copy cache|sessions}. */
@Command(name = "copy", mixinStandardHelpOptions = true,
    description = {
        "Copies every key from the capability's backend (the source) to its migration target.",
        "Start it once the migration is in dualwrite: writes made during the copy reach the"
            + " target through the dual write. Resumable with --resume; safe to repeat."})
final class CopyCommand {

  @Spec CommandSpec spec;

  @Command(name = "cache", mixinStandardHelpOptions = true,
      description = "Copy the cache: switchback.cache.backend -> switchback.cache.migration.target.")
  int cache(@Mixin ConfigOptions config, @Mixin WalkOptions walk, @Mixin CopyOptions copy)
      throws InterruptedException {
    return run(Capability.CACHE, config, walk, copy);
  }

  @Command(name = "sessions", mixinStandardHelpOptions = true,
      description = "Copy the sessions: switchback.sessions.backend ->"
          + " switchback.sessions.migration.target.")
  int sessions(@Mixin ConfigOptions config, @Mixin WalkOptions walk, @Mixin CopyOptions copy)
      throws InterruptedException {
    return run(Capability.SESSIONS, config, walk, copy);
  }

  private int run(Capability capability, ConfigOptions config, WalkOptions walk,
      CopyOptions copy) throws InterruptedException {
    return new CopyRun(capability, config, walk, copy, spec.commandLine().getOut(),
        spec.commandLine().getErr()).run();
  }
}
