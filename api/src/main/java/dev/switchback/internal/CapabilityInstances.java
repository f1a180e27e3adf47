package dev.switchback.internal;

import static java.util.Objects.requireNonNull;

import dev.switchback.AsyncCloseable;
import dev.switchback.Capability;
import dev.switchback.SwitchbackException;
import dev.switchback.cache.Cache;
import dev.switchback.config.ControlConfig;
import dev.switchback.migration.Migration;
import dev.switchback.migration.internal.StageCommands;
import dev.switchback.migration.spi.StageSource;
import dev.switchback.migration.spi.StageSourceProvider;
import dev.switchback.sessions.Sessions;
import dev.switchback.spi.AdapterProvider;
import dev.switchback.spi.ProviderContext;
import dev.switchback.tracing.Tracing;
import dev.switchback.tracing.spi.TracingBackend;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Creates the capabilities of one {@code Switchback} and closes them. Configured capabilities are
 * created by {@link #createConfigured()}, tracing first so the others are instrumented through
 * it; the others on first {@link #get}. Everything created is closed in the reverse order of
 * creation, then the shared resources.
 *
 * <p>Thread safe: creation is serialised, lookups of created instances are not.
 */
public final class CapabilityInstances {
  private static final System.Logger LOG = System.getLogger(CapabilityInstances.class.getName());

  /** How long closing the capabilities may take, leaving time for the shared resources. */
  public static final Duration CAPABILITY_CLOSE_BUDGET =
      AsyncCloseable.CLOSE_TIMEOUT.minusSeconds(2);

  /** How long closing the shared resources may take after the capabilities. */
  public static final Duration RESOURCE_CLOSE_BUDGET = Duration.ofMillis(1500);

  private final ReadConfiguration configuration;
  private final SharedResourceRegistry resources = new SharedResourceRegistry();
  private final Duration capabilityBudget;
  private final Duration resourceBudget;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<Capability, Object> instances = new ConcurrentHashMap<>();
  private final Map<Capability, Migration> migrations = new ConcurrentHashMap<>();
  private volatile @Nullable StageSource controlSource;
  private final List<CloseSequence.Step> created = new ArrayList<>(); // guarded by lock
  private final List<CreatedBackend> backends = new CopyOnWriteArrayList<>();
  private final @Nullable OpenTelemetry appOpenTelemetry;
  private volatile @Nullable CompletableFuture<Void> closing; // written under lock

  /** Instances closed within {@link #CAPABILITY_CLOSE_BUDGET} and {@link #RESOURCE_CLOSE_BUDGET}. */
  public CapabilityInstances(ReadConfiguration configuration) {
    this(configuration, CAPABILITY_CLOSE_BUDGET, RESOURCE_CLOSE_BUDGET, null);
  }

  /**
   * Instances that instrument through the application's {@code appOpenTelemetry} (when not null)
   * instead of a tracing backend: tracing is then that instance, and no SDK is set up.
   */
  public CapabilityInstances(
      ReadConfiguration configuration, @Nullable OpenTelemetry appOpenTelemetry) {
    this(configuration, CAPABILITY_CLOSE_BUDGET, RESOURCE_CLOSE_BUDGET, appOpenTelemetry);
  }

  /** Instances whose close is bounded by the given budgets. */
  public CapabilityInstances(
      ReadConfiguration configuration, Duration capabilityBudget, Duration resourceBudget) {
    this(configuration, capabilityBudget, resourceBudget, null);
  }

  private CapabilityInstances(ReadConfiguration configuration, Duration capabilityBudget,
      Duration resourceBudget, @Nullable OpenTelemetry appOpenTelemetry) {
    this.configuration = requireNonNull(configuration, "configuration");
    this.capabilityBudget = requireNonNull(capabilityBudget, "capabilityBudget");
    this.resourceBudget = requireNonNull(resourceBudget, "resourceBudget");
    this.appOpenTelemetry = appOpenTelemetry;
  }

  /**
   * Creates every capability whose backend or migration target is configured, tracing first. On
   * failure, closes what was created and rethrows.
   */
  public void createConfigured() {
    List<Capability> order = new ArrayList<>();
    order.add(Capability.TRACING);
    for (Capability capability : Capability.values()) {
      if (capability != Capability.TRACING) {
        order.add(capability);
      }
    }
    try {
      for (Capability capability : order) {
        if (configuration.choice(capability).configured()) {
          get(capability);
        }
      }
    } catch (RuntimeException e) {
      try {
        closeAsync().toCompletableFuture()
            .get(capabilityBudget.plus(resourceBudget).toMillis() + 500, TimeUnit.MILLISECONDS);
      } catch (Exception closeFailure) {
        if (closeFailure instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        e.addSuppressed(closeFailure);
      }
      throw e;
    }
  }

  /**
   * The instance of {@code capability}, created now with its configured or default backend if it
   * does not exist yet.
   *
   * @throws dev.switchback.ConfigurationException if it has no backend to create
   * @throws IllegalStateException after close
   */
  public Object get(Capability capability) {
    requireNonNull(capability, "capability");
    requireOpen();
    Object existing = instances.get(capability);
    if (existing != null) {
      return existing;
    }
    lock.lock();
    try {
      requireOpen();
      existing = instances.get(capability);
      if (existing != null) {
        return existing;
      }
      Object made = create(capability);
      instances.put(capability, made);
      return made;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Creates one backend of {@code capability} with {@code provider} in {@code role}, alone: no
   * router, no migration, not returned by {@link #get}. It is closed with everything else. For
   * tools that work on each side of a migration separately.
   *
   * @throws dev.switchback.ConfigurationException when its configuration is wrong
   * @throws SwitchbackException when it cannot be created; one thrown by the provider as is,
   *     anything else wrapped in a message naming the capability, role and backend
   * @throws IllegalStateException after close
   */
  public Object createBackend(Capability capability, String role, AdapterProvider<?> provider) {
    requireNonNull(capability, "capability");
    requireNonNull(role, "role");
    requireNonNull(provider, "provider");
    lock.lock();
    try {
      requireOpen();
      List<CloseSequence.Step> pieces = new ArrayList<>();
      Object made;
      try {
        made = make(capability, provider, role, pieces, new ArrayList<>());
      } catch (SwitchbackException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new SwitchbackException("creating the " + role + " " + capability.key()
            + " backend " + provider.name() + " failed: " + e, e);
      }
      created.addAll(pieces);
      return made;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The context {@code provider} gets when it creates a backend of {@code capability} in {@code
   * role}: its configuration mapping, the shared groups and the shared resources.
   */
  public ProviderContext providerContext(
      Capability capability, String role, AdapterProvider<?> provider) {
    requireOpen();
    return context(requireNonNull(capability, "capability"), requireNonNull(role, "role"),
        requireNonNull(provider, "provider"));
  }

  /** The migration of {@code capability}, if one is configured and created. */
  public Optional<Migration> migration(Capability capability) {
    requireOpen();
    return Optional.ofNullable(migrations.get(capability));
  }

  /**
   * Starts the control source named by {@code switchback.control.source}, which moves the
   * stages of the migrations created so far; closed first when this closes.
   */
  public void startControlSource(ClassLoader loader) {
    ControlConfig control = configuration.switchback().control();
    String source = control.source().trim();
    if (source.equalsIgnoreCase("none")) {
      return;
    }
    if (migrations.isEmpty()) {
      LOG.log(Level.INFO, "switchback.control.source is set but no migration is configured");
      return;
    }
    int colon = source.indexOf(':');
    StageSourceProvider provider = ControlSourceSchemes.provider(source.substring(0, colon), loader);
    StageSource stageSource = provider.create(
        source.substring(colon + 1), control.pollInterval(), resources.scheduler());
    StageCommands commands = new StageCommands(Map.copyOf(migrations));
    stageSource.start(commands::apply);
    commands.started();
    controlSource = stageSource;
  }

  /**
   * The backends created so far by {@link #get} (not those of {@link #createBackend}), in the
   * order of creation.
   *
   * @throws IllegalStateException after close
   */
  public List<CreatedBackend> backends() {
    requireOpen();
    return List.copyOf(backends);
  }

  /** The shared resources handed to providers. */
  public SharedResourceRegistry resources() {
    return resources;
  }

  /**
   * Closes every instance in the reverse order of creation, then the shared resources; later
   * calls return the same stage.
   */
  public CompletionStage<Void> closeAsync() {
    CompletableFuture<Void> current = closing;
    if (current != null) {
      return current;
    }
    lock.lock();
    try {
      if (closing != null) {
        return closing;
      }
      StageSource source = controlSource;
      if (source != null) {
        source.close();
      }
      List<CloseSequence.Step> steps = new ArrayList<>(created);
      java.util.Collections.reverse(steps);
      CompletableFuture<Void> result = CloseSequence.run(steps, capabilityBudget)
          .handle((ignored, error) -> error)
          .thenCompose(capabilityError -> resources.closeAsync(resourceBudget)
              .handle((ignored, resourceError) -> {
                Throwable first = unwrap(capabilityError);
                Throwable second = unwrap(resourceError);
                if (first == null && second == null) {
                  return null;
                }
                if (first != null && second != null) {
                  first.addSuppressed(second);
                }
                throw new CompletionException(first != null ? first : second);
              }));
      closing = result;
      return result;
    } finally {
      lock.unlock();
    }
  }

  private Object create(Capability capability) {
    if (capability == Capability.TRACING && appOpenTelemetry != null) {
      return new AppTracing(appOpenTelemetry);
    }
    BackendChoice choice = configuration.choice(capability);
    AdapterProvider<?> backend = choice.requireBackend();
    List<CloseSequence.Step> pieces = new ArrayList<>();
    List<CreatedBackend> made = new ArrayList<>();
    try {
      Object result;
      Optional<AdapterProvider<?>> target = choice.target();
      if (target.isEmpty()) {
        result = make(capability, backend, CapabilityContext.PRIMARY, pieces, made);
      } else {
        Object oldInstance = make(capability, backend, CapabilityContext.OLD, pieces, made);
        Object newInstance =
            make(capability, target.get(), CapabilityContext.NEW, pieces, made);
        MigrationWiring.Routed routed = MigrationWiring.wrap(capability, backend.name(),
            target.get().name(), oldInstance, newInstance,
            configuration.switchback().capability(capability).migration(),
            context(capability, CapabilityContext.PRIMARY, null),
            () -> (Cache) get(Capability.CACHE),
            configuration.choice(Capability.CACHE).configured());
        result = routed.instance();
        migrations.put(capability, routed.migration());
        requireType(capability, result, "the migration wiring",
            capability == Capability.SESSIONS ? Sessions.class
                : CapabilityTypes.productType(capability));
        if (result != oldInstance && result != newInstance) {
          closeStep(capability.key() + " (migration)", result).ifPresent(pieces::add);
        }
      }
      if (capability == Capability.TRACING) {
        if (target.isEmpty()) {
          pieces.clear(); // the assembled tracing owns the backend's exporter from here
        }
        Tracing tracing = TracingAssembly.assemble(
            (TracingBackend) result, configuration.switchback().tracing().serviceName());
        pieces.add(CloseSequence.of(capability.key() + " (sdk)", tracing));
        result = tracing;
      }
      created.addAll(pieces);
      backends.addAll(made);
      LOG.log(Level.INFO, "{0}: backend {1}{2}", capability.key(), backend.name(),
          target.map(t -> ", migrating to " + t.name()).orElse(""));
      return result;
    } catch (RuntimeException e) {
      List<CloseSequence.Step> undo = new ArrayList<>(pieces);
      java.util.Collections.reverse(undo);
      try {
        CloseSequence.run(undo, capabilityBudget).get(capabilityBudget.toMillis() + 500,
            TimeUnit.MILLISECONDS);
      } catch (Exception closeFailure) {
        if (closeFailure instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        e.addSuppressed(closeFailure);
      }
      if (e instanceof SwitchbackException) {
        throw e;
      }
      throw new SwitchbackException("creating " + capability.key() + " with backend "
          + backend.name() + " failed: " + e, e);
    }
  }

  private Object make(
      Capability capability, AdapterProvider<?> provider, String role,
      List<CloseSequence.Step> pieces, List<CreatedBackend> made) {
    Object instance = provider.create(context(capability, role, provider));
    String who = provider.getClass().getName() + " (" + capability.key() + " backend "
        + provider.name() + ")";
    requireType(capability, instance, who, CapabilityTypes.productType(capability));
    closeStep(capability.key() + " (" + role + ", " + provider.name() + ")", instance)
        .ifPresent(pieces::add);
    made.add(new CreatedBackend(capability, role, provider.name(), instance));
    return instance;
  }

  private CapabilityContext context(
      Capability capability, String role, @Nullable AdapterProvider<?> provider) {
    Map<Class<?>, String> prefixes = new HashMap<>(configuration.groupPrefixes());
    if (provider != null) {
      provider.configMapping()
          .ifPresent(m -> prefixes.put(m, ConfigReader.prefix(capability, provider)));
    }
    Object tracing = instances.get(Capability.TRACING);
    OpenTelemetry openTelemetry = appOpenTelemetry != null ? appOpenTelemetry
        : tracing instanceof Tracing t ? t.openTelemetry() : OpenTelemetry.noop();
    return new CapabilityContext(
        capability, role, configuration.config(), prefixes, openTelemetry, resources);
  }

  private static void requireType(
      Capability capability, @Nullable Object made, String who, Class<?> type) {
    if (made == null) {
      throw new SwitchbackException(who + " returned null");
    }
    if (!type.isInstance(made)) {
      throw new SwitchbackException(who + " returned a " + made.getClass().getName()
          + ", which is not a " + type.getName() + " as " + capability.key() + " requires");
    }
  }

  private static Optional<CloseSequence.Step> closeStep(String name, Object instance) {
    if (instance instanceof AsyncCloseable closeable) {
      return Optional.of(CloseSequence.of(name, closeable));
    }
    if (instance instanceof TracingBackend backend) {
      return Optional.of(new CloseSequence.Step(name, () -> shutdown(backend)));
    }
    if (instance instanceof AutoCloseable closeable) {
      return Optional.of(CloseSequence.ofBlocking(name, () -> {
        try {
          closeable.close();
        } catch (Exception e) {
          throw new SwitchbackException("closing " + name + " failed", e);
        }
      }));
    }
    return Optional.empty();
  }

  private static CompletableFuture<Void> shutdown(TracingBackend backend) {
    CompletableResultCode code = backend.exporter().shutdown();
    CompletableFuture<Void> done = new CompletableFuture<>();
    code.whenComplete(() -> done.complete(null));
    return done;
  }

  private void requireOpen() {
    if (closing != null) {
      throw new IllegalStateException("this Switchback is closed");
    }
  }

  private static @Nullable Throwable unwrap(@Nullable Throwable error) {
    Throwable t = error;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
