package dev.switchback.testkit.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LocalRedisClusterTest {

  @Test
  void theSharedClusterHasThreePrimariesServingEverySlot() throws Exception {
    LocalRedisCluster cluster = LocalRedisCluster.shared();
    assertThat(LocalRedisCluster.shared()).isSameAs(cluster);

    assertThat(cluster.info()).contains("cluster_state:ok").contains("cluster_slots_ok:16384")
        .contains("cluster_size:3").contains("cluster_known_nodes:3");
    assertThat(cluster.addresses()).hasSize(3)
        .allSatisfy(a -> assertThat(Integer.parseInt(a.split(":")[1])).isLessThanOrEqualTo(55_535));
    Set<Integer> owners = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      owners.add(cluster.primaryFor("key-" + i).port());
    }
    assertThat(owners).hasSize(3);
  }

  @Test
  void aKeyIsWrittenOnTheNodeThatServesItsSlotAndRedirectedElsewhere() throws Exception {
    LocalRedisCluster cluster = LocalRedisCluster.shared();
    LocalRedis owner = cluster.primaryFor("cluster:k");
    try (RespConnection client = RespConnection.tcp(owner.host(), owner.port())) {
      assertThat(client.call("SET", "cluster:k", "v")).isEqualTo("OK");
    }
    String other = cluster.addresses().stream()
        .filter(a -> !a.endsWith(":" + owner.port())).findFirst().orElseThrow();
    try (RespConnection client =
        RespConnection.tcp("127.0.0.1", Integer.parseInt(other.split(":")[1]))) {
      assertThatThrownBy(() -> client.call("GET", "cluster:k")).hasMessageStartingWith("MOVED");
    }
  }

  @Test
  void theSharedClusterDoesNotHandOutItsNodes() {
    assertThatThrownBy(() -> LocalRedisCluster.shared().nodes())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("start(3, 1)");
  }

  @Test
  void killingAPrimaryFailsItsSlotsOverToItsReplicaAndTheNodeRejoins() throws Exception {
    try (LocalRedisCluster cluster = LocalRedisCluster.start(3, 1)) {
      assertThat(cluster.nodes()).hasSize(6);
      assertThat(cluster.info()).contains("cluster_size:3").contains("cluster_known_nodes:6");
      LocalRedis primary = cluster.primaryFor("failover:k");

      primary.kill();
      cluster.awaitHealthy(Duration.ofSeconds(30));

      LocalRedis promoted = cluster.primaryFor("failover:k");
      assertThat(promoted.port()).isNotEqualTo(primary.port());
      try (RespConnection client = RespConnection.tcp(promoted.host(), promoted.port())) {
        assertThat(client.call("SET", "failover:k", "v")).isEqualTo("OK");
      }

      primary.restart();
      cluster.awaitHealthy(Duration.ofSeconds(30));
      assertThat(cluster.primaryFor("failover:k").port()).isEqualTo(promoted.port());
    }
  }
}
