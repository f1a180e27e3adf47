package dev.switchback.cli;

import dev.switchback.Capability;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code switchback verify cache|sessions}. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {
        "Compares the source with the migration target, every key or a random --sample.",
        "Values must be equal and expiries within --ttl-tolerance. Lists the first differing"
            + " keys (never values) and exits 1 when anything is missing, different or only in"
            + " the target."})
final class VerifyCommand {

  @Spec CommandSpec spec;

  @Command(name = "cache", mixinStandardHelpOptions = true,
      description = "Verify the cache copy.")
  int cache(@Mixin ConfigOptions config, @Mixin WalkOptions walk, @Mixin VerifyOptions verify)
      throws InterruptedException {
    return run(Capability.CACHE, config, walk, verify);
  }

  @Command(name = "sessions", mixinStandardHelpOptions = true,
      description = "Verify the sessions copy.")
  int sessions(@Mixin ConfigOptions config, @Mixin WalkOptions walk, @Mixin VerifyOptions verify)
      throws InterruptedException {
    return run(Capability.SESSIONS, config, walk, verify);
  }

  private int run(Capability capability, ConfigOptions config, WalkOptions walk,
      VerifyOptions verify) throws InterruptedException {
    return new VerifyRun(capability, config, walk, verify, spec.commandLine().getOut(),
        spec.commandLine().getErr()).run();
  }
}
