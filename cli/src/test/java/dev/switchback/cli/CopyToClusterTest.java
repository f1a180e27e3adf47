package dev.switchback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.Capability;
import dev.switchback.testkit.servers.LocalRedisCluster;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyToClusterTest {

  @Test
  void keysSpreadOverEveryPrimaryOfAClusterModeTargetAreRestoredAndVerified(@TempDir Path dir) {
    String prefix = "cli-" + UUID.randomUUID() + ":";
    try (RedisToElastiCache migration = new RedisToElastiCache(Capability.CACHE,
        LocalRedisCluster.shared(), true)) {
      migration.properties.put("switchback.cache.redis.key-prefix", prefix);
      migration.properties.put("switchback.cache.elasticache.key-prefix", prefix);
      Random random = new Random(9);
      for (int i = 0; i < 1_000; i++) {
        byte[] value = new byte[100 + random.nextInt(900)];
        random.nextBytes(value);
        migration.src().psetex(prefix + i, 600_000, value);
      }

      CliRun copy = CliRun.of(migration.args("copy", "cache", "--state",
          dir.resolve("s").toString(), "--batch", "200"));

      assertThat(copy.exitCode()).as(copy.toString()).isZero();
      assertThat(copy.out()).containsPattern("copied\\s+1,000\\n");
      CliRun verify = CliRun.of(migration.args("verify", "cache"));
      assertThat(verify.exitCode()).as(verify.toString()).isZero();
      assertThat(verify.out()).containsPattern("same\\s+1,000\\n")
          .contains("not checked (target not a single Redis node)");
    }
  }
}
