package dev.switchback.aws;

import static java.util.Objects.requireNonNull;

import dev.switchback.ConfigurationException;
import dev.switchback.aws.internal.CredentialsProviders;
import dev.switchback.spi.ProviderContext;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The AWS pieces one {@code Switchback} instance shares between its AWS adapters: the region, one
 * credentials provider, one SDK HTTP client and the endpoint override, all from {@code
 * switchback.aws.*} ({@link AwsConfig}). Adapters get it with {@link #from(ProviderContext)} and
 * apply it to any SDK client builder with {@link #configure}, so no adapter builds its own.
 *
 * <p>Created on the first call of an instance and closed once when the instance closes: the
 * credentials provider (and the STS client of web identity) first, then the HTTP client. SDK
 * clients built with {@link #configure} do not close the shared HTTP client; close them
 * yourself.
 *
 * <p>The HTTP client is the SDK's Apache 5 client ({@code Apache5HttpClient}) with a connect
 * timeout of {@link #CONNECT_TIMEOUT}, a socket read timeout of {@link #SOCKET_TIMEOUT} and a pool
 * of {@link #MAX_CONNECTIONS} connections; adapters bound whole calls with the SDK's {@code
 * apiCallTimeout}. Not {@code UrlConnectionHttpClient}: on Java 17 it probes every reused
 * connection with a 1 ms read before each request, which tripled the latency of a DynamoDB get.
 *
 * <p>Thread safe. {@link #toString()} names the region and the credentials source, never a key.
 */
public final class AwsClients {

  /** The key of the instance in {@link dev.switchback.spi.SharedResources}. */
  public static final String RESOURCE_KEY = "switchback.aws.clients";

  /** How long the HTTP client waits for a connection: 2 seconds. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  /** How long the HTTP client waits for bytes on an open connection: 30 seconds. */
  public static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Connections the shared HTTP client keeps open at most, across every AWS adapter of one
   * instance: 64 (each DynamoDB store runs at most {@code max-concurrency}, 16 by default, calls
   * at once).
   */
  public static final int MAX_CONNECTIONS = 64;

  private final Region region;
  private final CredentialsSource credentialsSource;
  private final AwsCredentialsProvider credentials;
  private final SdkHttpClient httpClient;
  private final Optional<URI> endpointOverride;
  private final List<SdkAutoCloseable> closeables;

  private AwsClients(Region region, CredentialsSource credentialsSource,
      CredentialsProviders.Built credentials, SdkHttpClient httpClient,
      Optional<URI> endpointOverride) {
    this.region = region;
    this.credentialsSource = credentialsSource;
    this.credentials = credentials.provider();
    this.httpClient = httpClient;
    this.endpointOverride = endpointOverride;
    List<SdkAutoCloseable> all = new ArrayList<>(credentials.closeables());
    all.add(httpClient);
    this.closeables = List.copyOf(all);
  }

  /**
   * The instance shared by every adapter of {@code context}'s {@code Switchback}, created on first
   * call from {@code switchback.aws.*}.
   *
   * @throws ConfigurationException naming the key when the region cannot be found, or the chosen
   *     credentials source lacks a setting it needs or has one it does not use
   */
  public static AwsClients from(ProviderContext context) {
    requireNonNull(context, "context");
    AwsConfig config = context.config(AwsConfig.class);
    return context.resources().computeIfAbsent(
        RESOURCE_KEY, AwsClients.class, () -> create(config), AwsClients::close);
  }

  /**
   * A new instance from {@code config}, owned by the caller, who must {@link #close()} it. Most
   * code wants {@link #from(ProviderContext)}.
   *
   * @throws ConfigurationException as {@link #from(ProviderContext)}
   */
  public static AwsClients create(AwsConfig config) {
    requireNonNull(config, "config");
    Region region = config.region().orElseGet(AwsClients::regionFromChain);
    SdkHttpClient http = Apache5HttpClient.builder()
        .connectionTimeout(CONNECT_TIMEOUT)
        .socketTimeout(SOCKET_TIMEOUT)
        .maxConnections(MAX_CONNECTIONS)
        .build();
    try {
      CredentialsProviders.Built credentials =
          CredentialsProviders.build(config, region, http, config.endpointOverride());
      return new AwsClients(region, config.credentials(), credentials, http,
          config.endpointOverride());
    } catch (RuntimeException e) {
      http.close();
      throw e;
    }
  }

  private static Region regionFromChain() {
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException e) {
      throw new ConfigurationException("no AWS region is configured: set " + AwsConfig.PREFIX
          + ".region (a region code such as eu-west-1) or the environment variable AWS_REGION");
    }
  }

  /** The region: {@code switchback.aws.region}, else the one the SDK's chain found at start. */
  public Region region() {
    return region;
  }

  /** Where the credentials come from. */
  public CredentialsSource credentialsSource() {
    return credentialsSource;
  }

  /** The shared credentials provider. Do not close it. */
  public AwsCredentialsProvider credentialsProvider() {
    return credentials;
  }

  /** The shared HTTP client. Do not close it. */
  public SdkHttpClient httpClient() {
    return httpClient;
  }

  /** {@code switchback.aws.endpoint-override}, if set. */
  public Optional<URI> endpointOverride() {
    return endpointOverride;
  }

  /**
   * Sets the region, credentials provider and HTTP client on {@code builder}, and the endpoint:
   * {@code adapterEndpoint} if present, else {@link #endpointOverride()} if set, else the SDK's
   * own for the region.
   *
   * @return {@code builder}
   */
  public <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
      B builder, Optional<URI> adapterEndpoint) {
    requireNonNull(builder, "builder");
    requireNonNull(adapterEndpoint, "adapterEndpoint");
    builder.region(region).credentialsProvider(credentials).httpClient(httpClient);
    adapterEndpoint.or(() -> endpointOverride).ifPresent(builder::endpointOverride);
    return builder;
  }

  /** A token generator signing with these credentials in this region, on the system clock. */
  public IamAuthTokenGenerator iamAuthTokenGenerator() {
    return iamAuthTokenGenerator(Clock.systemUTC());
  }

  /** A token generator signing with these credentials in this region, on {@code clock}. */
  public IamAuthTokenGenerator iamAuthTokenGenerator(Clock clock) {
    return IamAuthTokenGenerator.builder()
        .credentialsProvider(credentials)
        .region(region)
        .clock(clock)
        .build();
  }

  /**
   * Closes the credentials provider and the HTTP client. Called once by the shared resources of
   * the owning instance; call it yourself only on an instance from {@link #create(AwsConfig)}.
   */
  public void close() {
    RuntimeException first = null;
    for (SdkAutoCloseable closeable : closeables) {
      try {
        closeable.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public String toString() {
    return "AwsClients[region=" + region + ", credentials=" + credentialsSource.configName()
        + endpointOverride.map(u -> ", endpointOverride=" + u).orElse("") + "]";
  }
}
