package dev.switchback.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code switchback drain status}. */
@Command(name = "drain", mixinStandardHelpOptions = true,
    description = "Whether the consumer groups of a messaging migration have consumed the old"
        + " backend: run it in rampdown, before moving to complete.")
final class DrainCommand {

  @Spec CommandSpec spec;

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = {
          "Prints the lag of each --group on each --topic, per partition, read from the old"
              + " backend (switchback.messaging.backend) or with --side new from the migration"
              + " target.",
          "Exits 0 when every lag is 0, 1 when messages are left; --wait reads again until"
              + " they are consumed or --timeout passes."},
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
          "0:drained: every group consumed every message of the topics",
          "1:messages are left (after --timeout with --wait)",
          "2:bad command line or configuration, an unknown topic, or a backend that cannot"
              + " report lag",
          "3:the backend could not be reached or did not answer in time"})
  int status(@Mixin ConfigOptions config, @Mixin DrainOptions drain) throws InterruptedException {
    return new DrainRun(config, drain, spec.commandLine().getOut(), spec.commandLine().getErr())
        .run();
  }
}
