package dev.switchback.testkit.contract;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchback.spi.Pingable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The lifecycle every contract suite shares: one backend serves the whole test class. It is
 * created the first time a test asks for it, so after the subclass's own {@code @BeforeAll}
 * methods (which may start the server it talks to), and closed after the last test, after the
 * subclass's own {@code @AfterAll} methods.
 *
 * @param <B> the type of the backend under test
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContractSuite<B> {
  private final String factoryHook;
  // Tests may first ask for the backend from several threads at once.
  private final ReentrantLock creating = new ReentrantLock();
  private volatile @Nullable B backend;

  /** {@code factoryHook} names the suite's factory hook in the error when it returns null. */
  ContractSuite(String factoryHook) {
    this.factoryHook = requireNonNull(factoryHook, "factoryHook");
  }

  /** Creates the backend; each suite forwards to its own public factory hook. */
  abstract B newBackend();

  /** Closes {@code backend} after the last test; called only if a test created it. */
  abstract void closeBackend(B backend);

  /** The backend under test, created on first call. */
  final B backend() {
    B current = backend;
    if (current != null) {
      return current;
    }
    creating.lock();
    try {
      current = backend;
      if (current == null) {
        current = requireNonNull(newBackend(), factoryHook + " returned null");
        backend = current;
      }
      return current;
    } finally {
      creating.unlock();
    }
  }

  /**
   * A backend that offers {@link Pingable} (for readiness checks) answers a ping while its server
   * is up; skipped for one that does not offer it.
   */
  @Test
  final void aBackendThatOffersPingAnswersIt() throws Exception {
    B current = backend();
    assumeTrue(current instanceof Pingable, "the backend does not offer Pingable");
    ((Pingable) current).ping().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  final void closeBackendAfterLastTest() {
    B current = backend;
    if (current != null) {
      closeBackend(current);
    }
  }
}
