package dev.switchback.elasticache;

import static java.util.Objects.requireNonNull;

import dev.switchback.ConfigurationException;
import dev.switchback.spi.support.SettingChecks;
import dev.switchback.aws.IamAuthTarget;
import dev.switchback.elasticache.internal.Endpoints;
import dev.switchback.redis.RedisClientSettings;
import dev.switchback.spi.support.SettingChecks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The checked settings of one ElastiCache backend: endpoint, cluster mode, TLS, authentication,
 * topology refresh and the Lettuce client settings. Built from configuration with {@link
 * #fromConfig} or in code with {@link #builder(String, int)}. Immutable and thread safe; {@link
 * #toString()} shows no secret.
 */
public final class ElastiCacheSettings {

  /** The port ElastiCache listens on unless told otherwise: 6379. */
  public static final int DEFAULT_PORT = 6379;

  /** How often a cluster-mode client reloads the slot map regardless: 60 seconds. */
  public static final Duration DEFAULT_TOPOLOGY_REFRESH_PERIOD = Duration.ofSeconds(60);

  /** How often an IAM connection authenticates again: 11 hours, under ElastiCache's 12-hour limit. */
  public static final Duration DEFAULT_REAUTHENTICATE_EVERY = Duration.ofHours(11);

  /** The accepted values of {@code auth}. */
  public static final String AUTH_VALUES = "iam, token, none";

  /** The accepted values of {@code cluster-mode}. */
  public static final String CLUSTER_MODE_VALUES = "enabled, disabled";

  private final String host;
  private final int port;
  private final boolean clusterMode;
  private final boolean tls;
  private final Optional<Path> caFile;
  private final ElastiCacheAuth auth;
  private final Duration topologyRefreshPeriod;
  private final boolean adaptiveTopologyRefresh;
  private final RedisClientSettings client;

  private ElastiCacheSettings(Builder builder) {
    this.host = builder.host;
    this.port = builder.port;
    this.clusterMode = builder.clusterMode;
    this.tls = builder.tls;
    this.caFile = builder.caFile;
    this.auth = builder.auth;
    this.topologyRefreshPeriod = builder.topologyRefreshPeriod;
    this.adaptiveTopologyRefresh = builder.adaptiveTopologyRefresh;
    this.client = builder.client;
  }

  /**
   * A builder for the cache at {@code host:port}, with TLS on, cluster mode off, no
   * authentication and the default client settings.
   *
   * @throws IllegalArgumentException if the host is blank or the port out of range
   */
  public static Builder builder(String host, int port) {
    return new Builder(host, port);
  }

  /**
   * The settings in {@code config}, whose keys sit under {@code prefix} (for example {@code
   * switchback.cache.elasticache}). With {@code auth=iam}, {@code iamTokens} turns the target
   * (cache name and user) into a token supplier; it is not called otherwise, so the AWS
   * settings are needed only for IAM.
   *
   * @throws ConfigurationException naming the full key of the first missing, malformed or
   *     contradictory value, with the accepted values
   */
  public static ElastiCacheSettings fromConfig(
      ElastiCacheConfig config,
      String prefix,
      Function<IamAuthTarget, Supplier<String>> iamTokens) {
    requireNonNull(config, "config");
    requireNonNull(prefix, "prefix");
    requireNonNull(iamTokens, "iamTokens");
    String endpointKey = prefix + ".endpoint";
    Endpoints.HostAndPort endpoint = Endpoints.parse(endpointKey, config.endpoint()
        .orElseThrow(() -> new ConfigurationException(endpointKey + " is required: "
            + Endpoints.ACCEPTED_FORM)), DEFAULT_PORT);
    Builder builder = new Builder(endpoint.host(), endpoint.port())
        .clusterMode(clusterMode(prefix + ".cluster-mode", config.clusterMode()))
        .client(RedisClientSettings.fromConfig(config, prefix));

    ElastiCacheConfig.Tls tls = config.tls();
    if (tls.enabled()) {
      tls.caFile().ifPresent(file -> builder.caFile(SettingChecks.caFile(prefix + ".tls.ca-file", file)));
    } else {
      builder.tls(false);
      if (tls.caFile().isPresent()) {
        throw new ConfigurationException(prefix + ".tls.ca-file is set but " + prefix
            + ".tls is false: remove one");
      }
    }

    ElastiCacheConfig.TopologyRefresh refresh = config.topologyRefresh();
    builder.topologyRefresh(
        SettingChecks.positive(prefix + ".topology-refresh.period", refresh.period()),
        refresh.adaptive());

    builder.auth(auth(config, prefix, tls.enabled(), iamTokens));
    return builder.build();
  }

  private static ElastiCacheAuth auth(ElastiCacheConfig config, String prefix, boolean tls,
      Function<IamAuthTarget, Supplier<String>> iamTokens) {
    String authKey = prefix + ".auth";
    String mode = config.auth().map(a -> a.trim().toLowerCase(Locale.ROOT))
        .orElseThrow(() -> new ConfigurationException(authKey + " is required; accepted values: "
            + AUTH_VALUES));
    ElastiCacheConfig.Iam iam = config.iam();
    switch (mode) {
      case "none":
        refuse(config.user(), prefix + ".user", authKey + "=none");
        refuse(config.token(), prefix + ".token", authKey + "=none");
        refuse(iam.cacheName(), prefix + ".iam.cache-name", authKey + "=none");
        return ElastiCacheAuth.none();
      case "token": {
        refuse(iam.cacheName(), prefix + ".iam.cache-name", authKey + "=token");
        String token = config.token().filter(t -> !t.isBlank())
            .orElseThrow(() -> new ConfigurationException(prefix + ".token is required with "
                + authKey + "=token"));
        return ElastiCacheAuth.token(notBlank(prefix + ".user", config.user().orElse(null)),
            token);
      }
      case "iam": {
        refuse(config.token(), prefix + ".token", authKey + "=iam");
        if (!tls) {
          throw new ConfigurationException(authKey + "=iam needs " + prefix + ".tls=true:"
              + " ElastiCache accepts IAM authentication only with encryption in transit");
        }
        String user = required(prefix + ".user", config.user(), authKey + "=iam");
        String cacheName = required(prefix + ".iam.cache-name", iam.cacheName(), authKey + "=iam");
        Duration every = iam.reauthenticateEvery();
        if (every.isNegative() || every.isZero()
            || every.compareTo(ElastiCacheAuth.IAM_CONNECTION_LIMIT) >= 0) {
          throw new ConfigurationException(prefix + ".iam.reauthenticate-every must be positive"
              + " and under 12h (ElastiCache closes IAM connections after 12 hours), got " + every);
        }
        Supplier<String> tokens = iamTokens.apply(IamAuthTarget.elastiCache(cacheName, user));
        return ElastiCacheAuth.iam(user, tokens, every);
      }
      default:
        throw new ConfigurationException("Invalid value for " + authKey + ": '" + mode
            + "'; accepted values: " + AUTH_VALUES);
    }
  }

  private static boolean clusterMode(String key, String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "enabled":
        return true;
      case "disabled":
        return false;
      default:
        throw new ConfigurationException("Invalid value for " + key + ": '" + value.trim()
            + "'; accepted values: " + CLUSTER_MODE_VALUES);
    }
  }

  private static void refuse(Optional<String> value, String key, String setting) {
    if (value.isPresent()) {
      throw new ConfigurationException(key + " is not used with " + setting + ": remove it or"
          + " change the auth mode");
    }
  }

  private static String required(String key, Optional<String> value, String setting) {
    return notBlank(key, value.orElseThrow(() -> new ConfigurationException(
        key + " is required with " + setting)));
  }

  private static @Nullable String notBlank(String key, @Nullable String value) {
    if (value != null && value.isBlank()) {
      throw new ConfigurationException(key + " must not be blank");
    }
    return value;
  }

  /** The host of the endpoint. */
  public String host() {
    return host;
  }

  /** The port of the endpoint. */
  public int port() {
    return port;
  }

  /** {@code host:port}, what messages may say about the cache. */
  public String endpoint() {
    return Endpoints.format(host, port);
  }

  /** Whether the cache runs in cluster mode. */
  public boolean clusterMode() {
    return clusterMode;
  }

  /** Whether connections use TLS (always verifying the server). */
  public boolean tls() {
    return tls;
  }

  /** The PEM file of the authorities to trust instead of the JVM's, if any. */
  public Optional<Path> caFile() {
    return caFile;
  }

  /** How connections authenticate. */
  public ElastiCacheAuth auth() {
    return auth;
  }

  /** How often a cluster-mode client reloads the slot map regardless. */
  public Duration topologyRefreshPeriod() {
    return topologyRefreshPeriod;
  }

  /** Whether redirects, reconnects and unknown nodes trigger a slot map reload at once. */
  public boolean adaptiveTopologyRefresh() {
    return adaptiveTopologyRefresh;
  }

  /** The Lettuce client settings: timeouts, keepalive, queue, reconnect. */
  public RedisClientSettings client() {
    return client;
  }

  @Override
  public String toString() {
    return "ElastiCacheSettings[endpoint=" + endpoint()
        + ", clusterMode=" + (clusterMode ? "enabled" : "disabled")
        + ", tls=" + tls + caFile.map(f -> ", caFile=" + f).orElse("")
        + ", auth=" + auth
        + (clusterMode ? ", topologyRefresh=" + topologyRefreshPeriod
            + (adaptiveTopologyRefresh ? "+adaptive" : "") : "")
        + ", " + client + "]";
  }

  /** Settings of an {@link ElastiCacheSettings}; setters check their argument and return this. */
  public static final class Builder {
    private final String host;
    private final int port;
    private boolean clusterMode;
    private boolean tls = true;
    private Optional<Path> caFile = Optional.empty();
    private ElastiCacheAuth auth = ElastiCacheAuth.none();
    private Duration topologyRefreshPeriod = DEFAULT_TOPOLOGY_REFRESH_PERIOD;
    private boolean adaptiveTopologyRefresh = true;
    private RedisClientSettings client = RedisClientSettings.defaults();

    private Builder(String host, int port) {
      requireNonNull(host, "host");
      if (host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("port must be 1 to 65535, got " + port);
      }
      this.host = host;
      this.port = port;
    }

    /** Cluster mode; default off. */
    public Builder clusterMode(boolean enabled) {
      this.clusterMode = enabled;
      return this;
    }

    /** TLS, always with full verification of the server; default on. */
    public Builder tls(boolean enabled) {
      this.tls = enabled;
      return this;
    }

    /** A PEM file of the authorities to trust instead of the JVM's; default none. */
    public Builder caFile(Path caFile) {
      this.caFile = Optional.of(requireNonNull(caFile, "caFile"));
      return this;
    }

    /** How connections authenticate; default {@link ElastiCacheAuth#none()}. */
    public Builder auth(ElastiCacheAuth auth) {
      this.auth = requireNonNull(auth, "auth");
      return this;
    }

    /**
     * Topology refresh in cluster mode: the period (default {@link
     * #DEFAULT_TOPOLOGY_REFRESH_PERIOD}) and whether redirects and reconnects trigger a refresh
     * (default on).
     *
     * @throws IllegalArgumentException if the period is not positive
     */
    public Builder topologyRefresh(Duration period, boolean adaptive) {
      requireNonNull(period, "period");
      if (period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException("period must be positive, got " + period);
      }
      this.topologyRefreshPeriod = period;
      this.adaptiveTopologyRefresh = adaptive;
      return this;
    }

    /** The Lettuce client settings; default {@link RedisClientSettings#defaults()}. */
    public Builder client(RedisClientSettings client) {
      this.client = requireNonNull(client, "client");
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException for IAM without TLS, or a CA file without TLS
     */
    public ElastiCacheSettings build() {
      if (!tls && auth instanceof ElastiCacheAuth.Iam) {
        throw new IllegalArgumentException("IAM authentication needs TLS");
      }
      if (!tls && caFile.isPresent()) {
        throw new IllegalArgumentException("a CA file needs TLS");
      }
      return new ElastiCacheSettings(this);
    }
  }
}
