package dev.switchback.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.testkit.Eventually;
import dev.switchback.testkit.HeaderMapGetter;
import dev.switchback.testkit.Stages;
import dev.switchback.tracing.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every tracing backend must show once Switchback has assembled its SDK. Subclass
 * it, return a {@link Tracing} from {@link #createTracing()}, and report what the backend's
 * receiver got through {@link #receivedSpans()}.
 *
 * <p>One instance serves the whole class: it is created on first use and closed after the last
 * test; a test that closes tracing makes its own through {@link #createTracing()}, so every
 * instance must export to the same receiver. Span names carry a random suffix per test, so a shared
 * receiver may hold other spans: tests look only at their own.
 */
public abstract class TracingContract extends ContractSuite<Tracing> {

  /** How long a test waits for spans to arrive before it fails. */
  protected static final Duration DEADLINE = Duration.ofSeconds(30);

  /** For subclasses. */
  protected TracingContract() {
    super("createTracing()");
  }

  /**
   * Creates a tracing instance that exports to the receiver {@link #receivedSpans()} reads. The
   * shared instance is created on first use, after the subclass's {@code @BeforeAll} methods.
   */
  protected abstract Tracing createTracing();

  /** Every span the receiver has got since the last {@link #clearReceived()}. */
  protected abstract List<ReceivedSpan> receivedSpans();

  /** Forgets the spans received so far. */
  protected abstract void clearReceived();

  /** The instance shared by the tests. */
  protected final Tracing tracing() {
    return backend();
  }

  @Override
  final Tracing newBackend() {
    return createTracing();
  }

  @Override
  final void closeBackend(Tracing tracing) {
    join(tracing.closeAsync());
  }

  @BeforeEach
  final void forgetReceived() {
    clearReceived();
  }

  @Test
  void endedSpanIsReceivedAfterFlushWithItsNameAndAttributes() {
    String name = uniqueName("work");
    Span span =
        tracer(tracing())
            .spanBuilder(name)
            .setAttribute("order.id", "o-42")
            .setAttribute("order.items", 3L)
            .setAttribute("order.paid", true)
            .startSpan();
    span.end();
    join(tracing().flush());

    Eventually.await(
        DEADLINE,
        () -> {
          ReceivedSpan received = only(name);
          assertThat(received.traceId()).isEqualTo(span.getSpanContext().getTraceId());
          assertThat(received.spanId()).isEqualTo(span.getSpanContext().getSpanId());
          assertThat(received.isRoot()).isTrue();
          assertThat(received.attributes())
              .containsEntry("order.id", "o-42")
              .containsEntry("order.items", "3")
              .containsEntry("order.paid", "true");
        });
  }

  @Test
  void childSpanNamesItsParentAndSharesItsTrace() {
    String parentName = uniqueName("parent");
    String childName = uniqueName("child");
    Tracer tracer = tracer(tracing());
    Span parent = tracer.spanBuilder(parentName).startSpan();
    tracer.spanBuilder(childName).setParent(Context.root().with(parent)).startSpan().end();
    parent.end();
    join(tracing().flush());

    Eventually.await(
        DEADLINE,
        () -> {
          ReceivedSpan receivedParent = only(parentName);
          ReceivedSpan receivedChild = only(childName);
          assertThat(receivedChild.traceId()).isEqualTo(receivedParent.traceId());
          assertThat(receivedChild.parentSpanId()).isEqualTo(receivedParent.spanId());
          assertThat(receivedParent.isRoot()).isTrue();
        });
  }

  @Test
  void injectedContextIsExtractedIntoTheSameTrace() {
    String callerName = uniqueName("caller");
    String calleeName = uniqueName("callee");
    TextMapPropagator propagator =
        tracing().openTelemetry().getPropagators().getTextMapPropagator();
    Span caller = tracer(tracing()).spanBuilder(callerName).startSpan();
    Map<String, String> headers = new HashMap<>();
    propagator.inject(Context.root().with(caller), headers, Map::put);
    caller.end();
    assertThat(headers).isNotEmpty();

    Context extracted = propagator.extract(Context.root(), headers, HeaderMapGetter.INSTANCE);
    SpanContext remote = Span.fromContext(extracted).getSpanContext();
    assertThat(remote.isValid()).isTrue();
    assertThat(remote.isRemote()).isTrue();
    assertThat(remote.getTraceId()).isEqualTo(caller.getSpanContext().getTraceId());
    assertThat(remote.getSpanId()).isEqualTo(caller.getSpanContext().getSpanId());

    tracer(tracing()).spanBuilder(calleeName).setParent(extracted).startSpan().end();
    join(tracing().flush());
    Eventually.await(
        DEADLINE,
        () -> {
          ReceivedSpan callee = only(calleeName);
          assertThat(callee.traceId()).isEqualTo(caller.getSpanContext().getTraceId());
          assertThat(callee.parentSpanId()).isEqualTo(caller.getSpanContext().getSpanId());
        });
  }

  @Test
  void extractingWithoutContextStartsNoTrace() {
    TextMapPropagator propagator =
        tracing().openTelemetry().getPropagators().getTextMapPropagator();
    Context extracted =
        propagator.extract(Context.root(), Map.of("unrelated", "x"), HeaderMapGetter.INSTANCE);
    assertThat(Span.fromContext(extracted).getSpanContext().isValid()).isFalse();
  }

  @Test
  void spansEndedOnManyThreadsAreAllReceived() throws InterruptedException {
    String prefix = uniqueName("threaded");
    int threads = 8;
    int spansPerThread = 25;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String threadPrefix = prefix + "-" + t + "-";
      Thread worker =
          new Thread(
              () -> {
                awaitQuietly(start);
                Tracer tracer = tracer(tracing());
                for (int i = 0; i < spansPerThread; i++) {
                  tracer.spanBuilder(threadPrefix + i).startSpan().end();
                }
              });
      worker.start();
      workers.add(worker);
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join(DEADLINE.toMillis());
    }
    join(tracing().flush());

    Eventually.await(
        DEADLINE,
        () ->
            assertThat(
                    receivedSpans().stream()
                        .map(ReceivedSpan::name)
                        .filter(name -> name.startsWith(prefix + "-"))
                        .distinct()
                        .count())
                .isEqualTo((long) threads * spansPerThread));
  }

  @Test
  void closingExportsSpansEndedBeforeIt() {
    Tracing own = createTracing();
    String name = uniqueName("before-close");
    tracer(own).spanBuilder(name).startSpan().end();
    join(own.closeAsync());

    Eventually.await(DEADLINE, () -> assertThat(only(name).name()).isEqualTo(name));
    assertThat(own.closeAsync().toCompletableFuture())
        .as("closing again returns the same finished stage")
        .isCompleted();
  }

  // --- helpers ---

  private static Tracer tracer(Tracing tracing) {
    return tracing.openTelemetry().getTracer("switchback-contract");
  }

  private ReceivedSpan only(String name) {
    List<ReceivedSpan> named =
        receivedSpans().stream().filter(span -> span.name().equals(name)).toList();
    assertThat(named).as("spans named %s", name).hasSize(1);
    return named.get(0);
  }

  private static String uniqueName(String stem) {
    return stem + "-" + UUID.randomUUID();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for {@code stage}; fails the test if it fails or does not complete in time. */
  protected static <T> T join(CompletionStage<T> stage) {
    return Stages.join(stage, DEADLINE);
  }
}
