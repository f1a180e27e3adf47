package dev.switchback.elasticache;

import static java.util.Objects.requireNonNull;

import dev.switchback.BackendUnavailableException;
import dev.switchback.elasticache.internal.ConnectFailures;
import dev.switchback.elasticache.internal.IamCredentials;
import dev.switchback.elasticache.internal.LettuceConnection;
import dev.switchback.redis.RedisConnection;
import dev.switchback.redis.StandaloneRedisConnection;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.StaticCredentialsProvider;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import reactor.core.scheduler.Schedulers;

/**
 * Opens connections to ElastiCache (Redis OSS or Valkey) that the Redis module's cache and
 * session store take: the same adapters as for a self-run Redis, over a client set up for what
 * ElastiCache adds.
 *
 * <ul>
 *   <li><b>TLS</b> ({@code rediss}) with {@link SslVerifyMode#FULL}: the chain must lead to a
 *       trusted authority (the JVM's, or those of the CA file) and the certificate must name the
 *       host connected to. A failed handshake fails the connection; there is no plaintext retry.
 *   <li><b>Authentication</b>: an AUTH token (static credentials) or IAM (a token from the
 *       supplier for every new connection, and re-authentication of open connections with a
 *       fresh token every {@code reauthenticateEvery}, through Lettuce's streaming credentials
 *       and {@link ClientOptions.ReauthenticateBehavior#ON_NEW_CREDENTIALS}).
 *   <li><b>Cluster mode</b>: a {@link RedisClusterClient} seeded with the configuration endpoint,
 *       refreshing the slot map periodically and, when adaptive refresh is on, at once on {@code
 *       MOVED}/{@code ASK} redirects, reconnect attempts and unknown nodes; stale node
 *       connections are closed and the refresh asks every node, not only the seed.
 *   <li>The Redis module's client settings (timeouts, keepalive, bounded queue, disconnected
 *       behaviour, reconnect) on every connection.
 * </ul>
 *
 * <p>Thread safe; each call opens its own client on the given resources.
 */
public final class ElastiCacheConnections {

  /**
   * How long a topology refresh triggered by a redirect or reconnect waits before another may
   * run: 1 second, so a failover is followed quickly without a refresh storm.
   */
  public static final Duration ADAPTIVE_REFRESH_TIMEOUT = Duration.ofSeconds(1);

  private static final Duration CLIENT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

  private ElastiCacheConnections() {}

  /**
   * Connects to the cache {@code settings} describe, on {@code resources} (which the connection
   * does not shut down), and checks the connection with a {@code PING} after authenticating.
   *
   * @throws BackendUnavailableException if the cache cannot be reached, the TLS handshake fails,
   *     or the credentials are refused; the message says which and never holds a token
   */
  public static RedisConnection open(ClientResources resources, ElastiCacheSettings settings) {
    requireNonNull(resources, "resources");
    requireNonNull(settings, "settings");
    RedisURI uri = uri(settings);
    return settings.clusterMode()
        ? openCluster(resources, uri, settings)
        : openStandalone(resources, uri, settings);
  }

  private static RedisConnection openStandalone(
      ClientResources resources, RedisURI uri, ElastiCacheSettings settings) {
    RedisClient client = RedisClient.create(resources, uri);
    client.setOptions(options(settings, ClientOptions.builder()).build());
    try {
      StatefulRedisConnection<String, byte[]> connection =
          client.connect(StandaloneRedisConnection.CODEC);
      return new LettuceConnection(client, connection, connection.async(),
          self -> LettuceConnection.disconnect(
              ((RedisChannelHandler<?, ?>) connection).getChannelWriter()),
          settings.endpoint(), settings.client().commandTimeout());
    } catch (RedisException e) {
      client.shutdownAsync(0, CLIENT_SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      throw ConnectFailures.translate(settings, e);
    }
  }

  private static RedisConnection openCluster(
      ClientResources resources, RedisURI uri, ElastiCacheSettings settings) {
    RedisClusterClient client = RedisClusterClient.create(resources, uri);
    ClusterTopologyRefreshOptions.Builder refresh = ClusterTopologyRefreshOptions.builder()
        .enablePeriodicRefresh(settings.topologyRefreshPeriod())
        .dynamicRefreshSources(true)
        .closeStaleConnections(true);
    if (settings.adaptiveTopologyRefresh()) {
      refresh.enableAllAdaptiveRefreshTriggers()
          .adaptiveRefreshTriggersTimeout(ADAPTIVE_REFRESH_TIMEOUT);
    }
    client.setOptions(options(settings, ClusterClientOptions.builder())
        .topologyRefreshOptions(refresh.build())
        .build());
    try {
      StatefulRedisClusterConnection<String, byte[]> connection =
          client.connect(StandaloneRedisConnection.CODEC);
      connectToPrimaries(connection, settings);
      return new LettuceConnection(client, connection, connection.async(),
          self -> dropNodeSockets(client, connection),
          settings.endpoint(), settings.client().commandTimeout());
    } catch (RedisException e) {
      client.shutdownAsync(0, CLIENT_SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      throw ConnectFailures.translate(settings, e);
    }
  }

  // Lettuce opens a node's connection on the first command for it, and with commands rejected
  // while disconnected that first command fails. Opening them now (keyed by host and port, as
  // slot routing looks them up) leaves that only to nodes that join later (after a failover or
  // resharding).
  private static void connectToPrimaries(
      StatefulRedisClusterConnection<String, byte[]> connection, ElastiCacheSettings settings) {
    CompletableFuture<?>[] opening = connection.getPartitions().stream()
        .filter(node -> node.is(RedisClusterNode.NodeFlag.UPSTREAM))
        .map(node -> connection.getConnectionAsync(node.getUri().getHost(), node.getUri().getPort()))
        .toArray(CompletableFuture<?>[]::new);
    try {
      CompletableFuture.allOf(opening)
          .get(settings.client().connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      connection.close();
      throw new RedisException("cannot connect to every primary", e.getCause());
    } catch (TimeoutException e) {
      connection.close();
      throw new RedisException("cannot connect to every primary within "
          + settings.client().connectTimeout(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      connection.close();
      throw new RedisException("interrupted while connecting to the primaries", e);
    }
  }

  // A timeout does not say which node's link failed: drop every node's socket and reload the
  // slot map, so a dead node is found out and replaced rather than waited on.
  private static void dropNodeSockets(
      RedisClusterClient client, StatefulRedisClusterConnection<String, byte[]> connection) {
    for (RedisClusterNode node : connection.getPartitions()) {
      connection.getConnectionAsync(node.getNodeId()).thenAccept(nodeConnection ->
          LettuceConnection.disconnect(
              ((RedisChannelHandler<?, ?>) nodeConnection).getChannelWriter()));
    }
    client.refreshPartitionsAsync();
  }

  private static RedisURI uri(ElastiCacheSettings settings) {
    RedisURI.Builder uri = RedisURI.builder()
        .withHost(settings.host())
        .withPort(settings.port())
        .withTimeout(settings.client().commandTimeout())
        .withSsl(settings.tls());
    if (settings.tls()) {
      uri.withVerifyPeer(SslVerifyMode.FULL);
    }
    credentials(settings.auth()).ifPresent(uri::withAuthentication);
    return uri.build();
  }

  private static Optional<RedisCredentialsProvider> credentials(ElastiCacheAuth auth) {
    if (auth instanceof ElastiCacheAuth.Token token) {
      return Optional.of(new StaticCredentialsProvider(
          RedisCredentials.just(token.user().orElse(null), token.token())));
    }
    if (auth instanceof ElastiCacheAuth.Iam iam) {
      // Signing may resolve AWS credentials over the network: never on an event loop.
      return Optional.of(new IamCredentials(iam.user(), iam.tokens(), iam.reauthenticateEvery(),
          Schedulers.boundedElastic()));
    }
    return Optional.empty();
  }

  private static <B extends ClientOptions.Builder> B options(
      ElastiCacheSettings settings, B builder) {
    settings.client().applyTo(builder);
    if (settings.tls()) {
      SslOptions.Builder ssl = SslOptions.builder().jdkSslProvider()
          .handshakeTimeout(settings.client().connectTimeout());
      settings.caFile().ifPresent(file -> ssl.trustManager(file.toFile()));
      builder.sslOptions(ssl.build());
    }
    if (settings.auth() instanceof ElastiCacheAuth.Iam) {
      builder.reauthenticateBehavior(ClientOptions.ReauthenticateBehavior.ON_NEW_CREDENTIALS);
    }
    return builder;
  }
}
