package dev.switchback.cli;

import dev.switchback.SwitchbackException;
import java.io.PrintWriter;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code switchback}: operator tools for a migration. Run as {@code java -jar
 * switchback-cli.jar copy cache --config application.properties}; see {@link ExitCodes}.
 */
@Command(name = "switchback", mixinStandardHelpOptions = true,
    versionProvider = SwitchbackCli.Version.class,
    subcommands = {CopyCommand.class, VerifyCommand.class, DrainCommand.class},
    description = "Copies and verifies a capability's data between its backend and its"
        + " migration target, and tells when a messaging backend is drained, configured by the"
        + " service's own configuration.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:done: everything copied, no difference found, or drained",
        "1:keys failed to copy, the verification found differences, or messages are left",
        "2:bad command line, configuration or state file",
        "3:a store could not be reached or failed part way"})
public final class SwitchbackCli {
  /**
   * Kafka's clients log every setting when they start and every failed connection; the command
   * says what failed in its own words, so only their errors are shown. Held here because
   * java.util.logging keeps loggers weakly, and a collected logger loses its level.
   */
  private static final Logger KAFKA_LOG = Logger.getLogger("org.apache.kafka");

  private SwitchbackCli() {}

  /** Runs the command line {@code args} and exits with its code. */
  public static void main(String[] args) {
    KAFKA_LOG.setLevel(Level.SEVERE);
    System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true))
        .execute(args));
  }

  /**
   * The command line, printing reports to {@code out} and progress and errors to {@code err}.
   * Failures print one line naming what failed and give their exit code; no stack traces.
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine line = new CommandLine(new SwitchbackCli());
    line.setOut(out);
    line.setErr(err);
    line.setExitCodeExceptionMapper(SwitchbackCli::exitCode);
    line.setExecutionExceptionHandler((error, failed, parsed) -> {
      // Expected failures say what failed in their message; anything else is a fault to report.
      boolean expected = error instanceof CommandFailure
          || error instanceof SwitchbackException;
      failed.getErr().println("switchback: " + (expected ? error.getMessage() : error.toString()));
      failed.getErr().flush();
      return exitCode(error);
    });
    return line;
  }

  private static int exitCode(Throwable error) {
    if (error instanceof CommandFailure failure) {
      return failure.exitCode();
    }
    if (error instanceof CommandLine.ParameterException) {
      return ExitCodes.USAGE;
    }
    return ExitCodes.UNAVAILABLE;
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = SwitchbackCli.class.getPackage().getImplementationVersion();
      return new String[] {"switchback " + (version == null ? "(development)" : version)};
    }
  }
}
