package dev.switchback;

import static java.util.Objects.requireNonNull;

import dev.switchback.internal.BackendCatalog;
import dev.switchback.internal.BackendChoice;
import dev.switchback.internal.CapabilityContext;
import dev.switchback.internal.CapabilityInstances;
import dev.switchback.internal.CapabilityTypes;
import dev.switchback.internal.ConfigReader;
import dev.switchback.internal.ControlSourceSchemes;
import dev.switchback.internal.ReadConfiguration;
import dev.switchback.migration.Side;
import dev.switchback.spi.AdapterProvider;
import dev.switchback.spi.ProviderContext;
import io.smallrye.config.PropertiesConfigSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The two backends of one capability's migration, each on its own: the {@linkplain Side#OLD old}
 * one named by {@code switchback.<capability>.backend} and the {@linkplain Side#NEW new} one named
 * by {@code switchback.<capability>.migration.target}, created by their providers from the same
 * configuration a service uses, with no router between them. For operator tools that copy or
 * compare data between the two stores; services use {@link Switchback}.
 *
 * <pre>{@code
 * try (MigrationBackends backends = MigrationBackends.fromConfig(Capability.CACHE, properties)) {
 *   Cache source = backends.backend(Side.OLD, Cache.class);
 *   Cache target = backends.backend(Side.NEW, Cache.class);
 * }
 * }</pre>
 *
 * <p>Configuration is read as by {@link Switchback#fromConfig(Map)} (the properties above the
 * default sources) and validated the same way, but only for {@code capability}: keys of the other
 * capabilities are ignored, so a service's whole configuration file can be given even when the
 * modules of its other backends are absent. The stage, control source and other migration
 * settings are read and validated but not acted on.
 *
 * <p>Each backend is created on its first {@link #backend} call, so a failure tells which side
 * it was; both are closed by {@link #closeAsync()}. Thread safe.
 */
public final class MigrationBackends implements AsyncCloseable {

  private final Capability capability;
  private final BackendChoice choice;
  private final CapabilityInstances instances;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<Side, Object> created = new EnumMap<>(Side.class); // guarded by lock
  private boolean closed; // guarded by lock

  private MigrationBackends(
      Capability capability, BackendChoice choice, CapabilityInstances instances) {
    this.capability = capability;
    this.choice = choice;
    this.instances = instances;
  }

  /**
   * Reads the configuration of {@code capability} from {@code properties} and the default
   * sources, and checks that it names both backends; creates neither yet.
   *
   * @throws ConfigurationException naming the key, when the configuration of {@code capability}
   *     is wrong, names a backend whose module is missing, or sets no migration target
   */
  public static MigrationBackends fromConfig(
      Capability capability, Map<String, String> properties) {
    requireNonNull(properties, "properties");
    return create(capability, List.of(new PropertiesConfigSource(Map.copyOf(properties),
        "MigrationBackends.fromConfig(Map)", Switchback.PROPERTIES_ORDINAL)), true);
  }

  /** Reads only {@code sources}, without the default ones; for tests. */
  static MigrationBackends fromSources(Capability capability, List<ConfigSource> sources) {
    return create(capability, sources, false);
  }

  private static MigrationBackends create(
      Capability capability, List<ConfigSource> sources, boolean defaultSources) {
    requireNonNull(capability, "capability");
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = MigrationBackends.class.getClassLoader();
    }
    ConfigReader reader = new ConfigReader(BackendCatalog.discover(loader),
        ConfigReader.discoverGroups(loader), ControlSourceSchemes.known());
    ReadConfiguration configuration =
        reader.read(sources, defaultSources, loader, Set.of(capability));
    BackendChoice choice = configuration.choice(capability);
    if (choice.target().isEmpty()) {
      throw new ConfigurationException(choice.targetKey() + " is not set; name the backend to"
          + " move to (accepted values: " + String.join(", ", choice.acceptedNames()) + ")");
    }
    choice.requireBackend();
    return new MigrationBackends(capability, choice, new CapabilityInstances(configuration));
  }

  /** The capability whose backends these are. */
  public Capability capability() {
    return capability;
  }

  /** The configured name of the backend on {@code side}, such as {@code redis}. */
  public String name(Side side) {
    return provider(side).name();
  }

  /**
   * The backend on {@code side}, created by its provider on the first call. A cache is a {@link
   * dev.switchback.cache.Cache}; sessions are a {@link dev.switchback.sessions.spi.SessionStore}.
   *
   * @throws IllegalArgumentException if {@code type} is not what providers of this capability
   *     make, or a supertype of it
   * @throws ConfigurationException when the backend's configuration is wrong
   * @throws SwitchbackException when it cannot be created, naming the side and backend
   * @throws IllegalStateException after close
   */
  public <T> T backend(Side side, Class<T> type) {
    requireNonNull(side, "side");
    requireNonNull(type, "type");
    Class<?> product = CapabilityTypes.productType(capability);
    if (!type.isAssignableFrom(product)) {
      throw new IllegalArgumentException(capability.key() + " backends are "
          + product.getName() + ", not " + type.getName());
    }
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("these migration backends are closed");
      }
      Object made = created.get(side);
      if (made == null) {
        made = instances.createBackend(capability, role(side), provider(side));
        created.put(side, made);
      }
      return type.cast(made);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The context the provider of {@code side} creates its backend with: its configuration mapping
   * ({@link ProviderContext#config}) and the resources shared by both sides. For tools that need
   * more of a backend than its capability interface offers and build it from the adapter
   * module's public pieces with the same settings.
   *
   * @throws IllegalStateException after close
   */
  public ProviderContext context(Side side) {
    requireNonNull(side, "side");
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("these migration backends are closed");
      }
      return instances.providerContext(capability, role(side), provider(side));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Closes the backends created, in the reverse order of creation, then the resources they
   * share. Calling it again returns the same stage.
   */
  @Override
  public CompletionStage<Void> closeAsync() {
    lock.lock();
    try {
      closed = true;
    } finally {
      lock.unlock();
    }
    return instances.closeAsync();
  }

  private static String role(Side side) {
    return side == Side.OLD ? CapabilityContext.OLD : CapabilityContext.NEW;
  }

  private AdapterProvider<?> provider(Side side) {
    requireNonNull(side, "side");
    return side == Side.OLD ? choice.requireBackend() : choice.target().orElseThrow();
  }
}
