package dev.switchback.testkit.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A real Redis Cluster for tests: {@code redis-server --cluster-enabled yes} nodes on loopback
 * ports, joined with {@code redis-cli --cluster create}. Nodes are {@link LocalRedis} instances,
 * so a test can {@link LocalRedis#kill() kill} and {@link LocalRedis#restart() restart} one; a
 * restarted node rejoins from its {@code nodes.conf} (as a replica if it lost its slots in a
 * failover). Nodes run with {@code --cluster-node-timeout} {@value #NODE_TIMEOUT_MILLIS} ms so
 * a failover takes seconds, not the default 15 s.
 *
 * <ul>
 *   <li>{@link #shared()}: three primaries without replicas, one per JVM, stopped at exit.
 *       Every test uses it, so its nodes are not handed out.
 *   <li>{@link #start(int, int)}: a dedicated cluster, for example 3 primaries with 1 replica
 *       each, so that killing a primary fails over to its replica. Stop it with {@link
 *       #close()}; it is also stopped at JVM exit.
 * </ul>
 *
 * <p>Ports are picked from a range below the ephemeral ports, with the bus port (port + 10000)
 * free as well. Thread safe.
 */
public final class LocalRedisCluster implements TestServer, AutoCloseable {

  /** How long a node may be unreachable before the cluster fails it over. */
  public static final int NODE_TIMEOUT_MILLIS = 2_000;

  /** The number of hash slots a cluster divides keys into. */
  public static final int SLOTS = 16_384;

  private static final int BUS_PORT_OFFSET = 10_000;
  private static final int START_ATTEMPTS = 3;
  private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration HEALTHY_TIMEOUT = Duration.ofSeconds(30);
  private static final SharedServer<LocalRedisCluster> SHARED =
      new SharedServer<>(() -> launch(true, 3, 0));

  private final boolean shareable;
  private final Path directory;
  // Written only while launching; CopyOnWrite so readers on other threads see every node.
  private final List<LocalRedis> nodes = new CopyOnWriteArrayList<>();
  private final ServerLifecycle lifecycle;

  private LocalRedisCluster(boolean shareable, Path directory) {
    this.shareable = shareable;
    this.directory = directory;
    this.lifecycle = new ServerLifecycle(
        "Redis cluster", "LocalRedisCluster.start(3, 1)", shareable, this::stopForGood);
  }

  /**
   * The cluster of three primaries, without replicas, that every test in this JVM shares.
   *
   * @throws IllegalStateException if {@code redis-server} or {@code redis-cli} is missing, or
   *     the cluster does not form
   */
  public static LocalRedisCluster shared() {
    return SHARED.get();
  }

  /**
   * Starts a dedicated cluster of {@code primaries} primaries with {@code replicasPerPrimary}
   * replicas each and waits until every node reports {@code cluster_state:ok}.
   *
   * @throws IllegalArgumentException if {@code primaries} is below 3 (Redis's minimum) or
   *     {@code replicasPerPrimary} is negative
   * @throws IllegalStateException if the binaries are missing or the cluster does not form
   */
  public static LocalRedisCluster start(int primaries, int replicasPerPrimary) {
    if (primaries < 3) {
      throw new IllegalArgumentException("a Redis cluster needs at least 3 primaries");
    }
    if (replicasPerPrimary < 0) {
      throw new IllegalArgumentException("replicasPerPrimary must not be negative");
    }
    return launch(false, primaries, replicasPerPrimary);
  }

  private static LocalRedisCluster launch(boolean shareable, int primaries, int replicas) {
    Path cli = Executables.onPath("redis-cli").orElseThrow(() -> new IllegalStateException(
        "redis-cli is not on the PATH; install it (Debian package redis-tools)"));
    Path directory;
    try {
      directory = Files.createTempDirectory("switchback-redis-cluster");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for a Redis cluster", e);
    }
    LocalRedisCluster cluster = new LocalRedisCluster(shareable, directory);
    cluster.lifecycle.launch(
        "stop-redis-cluster-" + directory.getFileName(),
        () -> {
          List<String> create = new ArrayList<>(List.of(cli.toString(), "--cluster", "create"));
          for (int i = 0; i < primaries * (1 + replicas); i++) {
            LocalRedis node = startNode();
            cluster.nodes.add(node);
            create.add(LocalRedis.HOST + ":" + node.port());
          }
          create.addAll(List.of("--cluster-replicas", Integer.toString(replicas), "--cluster-yes"));
          ServerProcess.run(create, directory, directory.resolve("create.log"), CREATE_TIMEOUT);
          cluster.awaitHealthy(HEALTHY_TIMEOUT);
        });
    return cluster;
  }

  private static LocalRedis startNode() {
    @Nullable IllegalStateException last = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      int port = FreePort.pickWithNeighbour(BUS_PORT_OFFSET);
      try {
        return LocalRedis.startOn(port, List.of("--cluster-enabled", "yes",
            "--cluster-config-file", "nodes.conf",
            "--cluster-node-timeout", Integer.toString(NODE_TIMEOUT_MILLIS),
            // A replica syncs at once instead of after 5 s; until then it cannot take over.
            "--repl-diskless-sync-delay", "0"));
      } catch (IllegalStateException e) {
        last = e; // most likely another process took the port between the check and the bind
      }
    }
    throw Objects.requireNonNull(last, "last");
  }

  /** The first node's host: every node listens on {@code 127.0.0.1}. */
  @Override
  public String host() {
    return LocalRedis.HOST;
  }

  /** The first node's port; a cluster client discovers the others from it. */
  @Override
  public int port() {
    return nodes.get(0).port();
  }

  /** {@code redis://127.0.0.1:<first node's port>}. */
  @Override
  public URI uri() {
    return URI.create("redis://" + LocalRedis.HOST + ":" + port());
  }

  /** Every node's {@code host:port}, for clients that take several seeds. */
  public List<String> addresses() {
    return nodes.stream().map(n -> n.host() + ":" + n.port()).toList();
  }

  /**
   * The nodes, in the order they were created (with replicas, the first ones started as
   * primaries; roles change after a failover, see {@link #primaryFor(String)}).
   *
   * @throws IllegalStateException for the shared cluster, whose nodes every test relies on
   */
  public List<LocalRedis> nodes() {
    if (shareable) {
      throw new IllegalStateException("the shared Redis cluster's nodes are not handed out;"
          + " every test uses them. Use LocalRedisCluster.start(3, 1) for a dedicated one");
    }
    return List.copyOf(nodes);
  }

  /**
   * The node that serves {@code key}'s hash slot now, in the view of a running node.
   *
   * @throws IllegalStateException if no running node knows (for example all are down)
   */
  public LocalRedis primaryFor(String key) {
    return query(control -> {
      long slot = (Long) control.call("CLUSTER", "KEYSLOT", key);
      for (Object range : (List<?>) control.call("CLUSTER", "SLOTS")) {
        List<?> entry = (List<?>) range;
        if ((Long) entry.get(0) <= slot && slot <= (Long) entry.get(1)) {
          int port = ((Long) ((List<?>) entry.get(2)).get(1)).intValue();
          return nodes.stream().filter(n -> n.port() == port).findFirst();
        }
      }
      return Optional.empty();
    }).orElseThrow(() -> new IllegalStateException("no running node knows who serves " + key));
  }

  /** {@code CLUSTER INFO} of the first running node, for example {@code cluster_state:ok ...}. */
  public String info() {
    return query(control -> Optional.of(control.text("CLUSTER", "INFO")))
        .orElseThrow(() -> new IllegalStateException("no node of the cluster is running"));
  }

  /**
   * Waits until every running node reports {@code cluster_state:ok} with all {@value #SLOTS}
   * slots served by running primaries, and every running replica is in sync with its primary,
   * as after a failover completes.
   *
   * @throws IllegalStateException if that does not happen within {@code timeout}
   */
  public void awaitHealthy(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = unhealthyNodes();
      if (last.isEmpty()) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the cluster", e);
      }
    }
    throw new IllegalStateException("the Redis cluster was not healthy within " + timeout + ": "
        + last + ServerProcess.tail(directory.resolve("create.log")));
  }

  /** Stops every node of a dedicated cluster for good; does nothing for the shared one. */
  @Override
  public void close() {
    lifecycle.close();
  }

  @Override
  public String toString() {
    return "LocalRedisCluster" + nodes.stream().map(n -> n.host() + ":" + n.port()).toList();
  }

  private String unhealthyNodes() {
    List<LocalRedis> running = nodes.stream().filter(LocalRedis::isRunning).toList();
    StringBuilder unhealthy = new StringBuilder();
    for (LocalRedis node : running) {
      try (RespConnection control = RespConnection.tcp(node.host(), node.port())) {
        String info = control.text("CLUSTER", "INFO");
        if (!info.contains("cluster_state:ok") || !info.contains("cluster_slots_ok:" + SLOTS)) {
          unhealthy.append(node.port()).append(" is not ok; ");
        }
        String replication = control.text("INFO", "replication");
        if (replication.contains("role:slave") && !replication.contains("master_link_status:up")) {
          unhealthy.append(node.port()).append(" is a replica not in sync; ");
        }
        // Until the node timeout passes, nodes still report ok with slots on a dead primary.
        for (Object range : (List<?>) control.call("CLUSTER", "SLOTS")) {
          int primary = ((Long) ((List<?>) ((List<?>) range).get(2)).get(1)).intValue();
          if (running.stream().noneMatch(n -> n.port() == primary)) {
            unhealthy.append(node.port()).append(" sees slots on stopped ").append(primary)
                .append("; ");
          }
        }
      } catch (IOException e) {
        unhealthy.append(node.port()).append(": ").append(e.getMessage()).append("; ");
      }
    }
    return unhealthy.toString().trim();
  }

  private interface Query<T> {
    Optional<T> ask(RespConnection control) throws IOException;
  }

  private <T> Optional<T> query(Query<T> query) {
    @Nullable IOException failure = null;
    for (LocalRedis node : nodes) {
      if (!node.isRunning()) {
        continue;
      }
      try (RespConnection control = RespConnection.tcp(node.host(), node.port())) {
        return query.ask(control);
      } catch (IOException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw new UncheckedIOException("no running node of the cluster answered", failure);
    }
    return Optional.empty();
  }

  private void stopForGood() {
    for (LocalRedis node : nodes) {
      node.close();
    }
    ServerProcess.deleteTree(directory);
  }
}
