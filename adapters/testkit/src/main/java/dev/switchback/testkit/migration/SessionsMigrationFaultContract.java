package dev.switchback.testkit.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.Capability;
import dev.switchback.SwitchbackException;
import dev.switchback.migration.Stage;
import dev.switchback.sessions.Session;
import dev.switchback.sessions.Sessions;
import dev.switchback.sessions.spi.SessionStore;
import dev.switchback.testkit.Eventually;
import dev.switchback.testkit.Stages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The migration engine's promises for Sessions, on two real backends with real faults: a session
 * change the caller saw acknowledged is never lost, whole sessions (id, version, expiry) are
 * repaired into a store that was broken, and a broken authoritative store fails the call and
 * leaves the other store as it was.
 *
 * <p>A pair runs it by extending this class and returning the pair with its faults from {@link
 * #pair()}.
 */
public abstract class SessionsMigrationFaultContract extends MigrationFaultSuite<SessionStore> {
  private static final Duration TTL = Duration.ofMinutes(10);

  private final Set<String> writtenIds = ConcurrentHashMap.newKeySet();

  /** For subclasses. */
  protected SessionsMigrationFaultContract() {
    super(Capability.SESSIONS, SessionStore.class);
  }

  @Override
  final void cleanUp(SessionStore oldStore, SessionStore newStore) {
    for (String id : writtenIds) {
      oldStore.delete(id);
      newStore.delete(id);
    }
  }

  @Test
  void sessionChangesThatFailOnABrokenNewStoreAreRepairedOnceItHeals() {
    Sessions sessions = routedIn(Stage.DUALWRITE).sessions();
    breakNew();
    List<Session> updated = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Session created = create(sessions, "repair-" + i);
      updated.add(join(sessions.update(created.id(), 1, Map.of("step", "two"))).orElseThrow());
    }
    Eventually.await(
        DEADLINE, () -> assertThat(migration().status().divergenceBacklog()).isPositive());

    healNew();

    Eventually.await(DEADLINE, () -> {
      assertThat(migration().status().divergenceBacklog()).isZero();
      for (Session session : updated) {
        assertThat(join(newStore().get(session.id()))).contains(session);
      }
    });
  }

  @Test
  void anUpdateOnABrokenAuthoritativeStoreFailsAndTheOtherStoreKeepsTheSession() throws Exception {
    Sessions sessions = routedIn(Stage.DUALWRITE).sessions();
    Session created = create(sessions, "authoritative");
    Eventually.await(
        DEADLINE, () -> assertThat(join(newStore().get(created.id()))).contains(created));

    breakOld();
    Throwable failure = Stages.failureOf(
        () -> sessions.update(created.id(), 1, Map.of("step", "lost")), OPERATION_TIMEOUT);
    assertThat(failure).isInstanceOf(SwitchbackException.class);
    healOld();

    // A mirror write, had one been started, would have its mirror timeout to land.
    Thread.sleep(1_000);
    assertThat(join(newStore().get(created.id()))).contains(created);
    assertThat(join(oldStore().get(created.id()))).contains(created);
  }

  @Test
  void everySessionChangeAcknowledgedInLiveIsInTheOldStoreAfterSteppingBack() {
    Sessions sessions = routedIn(Stage.DUALWRITE).sessions();
    migration().moveTo(Stage.SHADOW);
    migration().moveTo(Stage.LIVE);
    List<Session> latest = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      if (i == 10) {
        breakOld(); // the second half's mirrors into old fail
      }
      Session created = create(sessions, "live-" + i);
      latest.add(join(sessions.update(created.id(), 1, Map.of("step", "live"))).orElseThrow());
    }
    migration().moveTo(Stage.SHADOW, false, "the test steps back");
    healOld();

    // Old answers again once reconnected; sessions whose mirror failed are read from new until
    // repaired, so every read sees the acknowledged version.
    Eventually.await(DEADLINE, () -> {
      for (Session session : latest) {
        assertThat(join(sessions.get(session.id()))).contains(session);
      }
    });
    Eventually.await(DEADLINE, () -> {
      assertThat(migration().status().divergenceBacklog()).isZero();
      for (Session session : latest) {
        assertThat(join(oldStore().get(session.id()))).contains(session);
      }
    });
  }

  private Session create(Sessions sessions, String name) {
    Session created =
        join(sessions.create("switchback-faults:" + run + ":" + name, Map.of("step", "one"), TTL));
    writtenIds.add(created.id());
    return created;
  }
}
