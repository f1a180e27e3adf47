package dev.switchback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.Capability;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

  @Test
  void helpListsTheCommandsAndExitCodes() {
    CliRun help = CliRun.of("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("copy").contains("verify").contains("Exit codes:")
        .contains("3   a store could not be reached");
    CliRun copyHelp = CliRun.of("copy", "cache", "--help");
    assertThat(copyHelp.exitCode()).isZero();
    assertThat(copyHelp.out()).contains("--resume").contains("--max-rate").contains("--limit")
        .contains("--config").contains("--no-overwrite");
  }

  @Test
  void anUnknownOptionOrSubcommandIsAUsageError() {
    CliRun unknown = CliRun.of("copy", "cache", "--frobnicate");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("--frobnicate");
    assertThat(CliRun.of("copy", "queues").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(CliRun.of("verify", "cache", "--sample", "many").exitCode())
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void outOfRangeValuesNameTheOption() {
    CliRun batch = CliRun.of("copy", "cache", "--batch", "0");
    assertThat(batch.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(batch.err()).contains("--batch=0 is out of range; accepted values: 1 to 2000");
    CliRun rate = CliRun.of("verify", "cache", "--max-rate", "-5");
    assertThat(rate.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(rate.err()).contains("--max-rate=-5.0 must be a positive number");
    CliRun timeout = CliRun.of("copy", "cache", "--timeout", "soon");
    assertThat(timeout.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(timeout.err()).contains("'soon' is not a duration");
  }

  @Test
  void badConfigurationNamesTheKeyAndNothingIsDone(@TempDir Path dir) throws Exception {
    CliRun noTarget = CliRun.of("copy", "cache", "-D", "switchback.cache.backend=redis");
    assertThat(noTarget.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(noTarget.err()).contains("switchback.cache.migration.target is not set");

    CliRun badUri = CliRun.of("copy", "cache", "-D", "switchback.cache.backend=redis",
        "-D", "switchback.cache.migration.target=elasticache",
        "-D", "switchback.cache.elasticache.endpoint=127.0.0.1:1",
        "-D", "switchback.cache.redis.uri=http://user:hunter2@somewhere");
    assertThat(badUri.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badUri.err()).contains("switchback.cache.redis.uri").doesNotContain("hunter2");

    Path missing = dir.resolve("nope.properties");
    CliRun noFile = CliRun.of("copy", "cache", "--config", missing.toString());
    assertThat(noFile.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(noFile.err()).contains("cannot read --config " + missing);
    assertThat(Files.list(dir)).isEmpty();
  }

  @Test
  void aSourceThatDoesNotSpeakRedisIsRefusedBeforeAnythingIsCopied() {
    RedisToDynamoDb migration = new RedisToDynamoDb(Capability.CACHE.key());
    CliRun run = CliRun.of("copy", "cache",
        "-D", "switchback.cache.backend=dynamodb",
        "-D", "switchback.cache.migration.target=redis",
        "-D", "switchback.cache.dynamodb.table=" + migration.properties.get(
            "switchback.cache.dynamodb.table"),
        "-D", "switchback.cache.dynamodb.endpoint=" + migration.properties.get(
            "switchback.cache.dynamodb.endpoint"),
        "-D", "switchback.aws.region=eu-west-1",
        "-D", "switchback.aws.credentials=static",
        "-D", "switchback.aws.static.access-key-id=AKIDEXAMPLE",
        "-D", "switchback.aws.static.secret-access-key=secret");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("copy reads the source's keys with SCAN, and the source"
        + " (dynamodb) does not speak the Redis protocol");
  }

  @Test
  void aGlobInTheKeyPrefixIsEscapedAndMatchMustStayUnderIt() {
    WalkOptions options = new WalkOptions();
    assertThat(options.pattern("a*b[1]:")).isEqualTo("a\\*b\\[1\\]:*");
    options.match = "other:*";
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> options.pattern("app:")))
        .isInstanceOf(CommandFailure.class).hasMessageContaining("must start with the source's"
            + " key prefix 'app:'");
  }
}
