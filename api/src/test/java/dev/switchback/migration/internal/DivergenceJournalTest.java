package dev.switchback.migration.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.migration.Side;
import dev.switchback.migration.internal.DivergenceJournal.Divergence;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DivergenceJournalTest {
  private static final long CHECKS = 400_000_000L;

  @Test
  void recordResolveAndCountTrackTheEntries() {
    DivergenceJournal journal = new DivergenceJournal();
    assertThat(journal.isEmpty()).isTrue();

    journal.record("a", Side.OLD, null);
    journal.record("a", Side.NEW, null);
    journal.record("b", Side.OLD, null);
    assertThat(journal.size()).as("recording a key again replaces its entry").isEqualTo(2);
    assertThat(journal.truthFor("a")).contains(Side.NEW);

    Divergence b = journal.due(10).stream().filter(d -> d.key().equals("b")).findFirst().orElseThrow();
    journal.record("b", Side.OLD, null);
    journal.resolveIfUnchanged(b);
    assertThat(journal.contains("b")).as("an entry recorded after the repair began survives").isTrue();
    assertThat(journal.size()).isEqualTo(2);

    journal.resolve("a");
    journal.resolve("a");
    journal.resolveIfUnchanged(journal.due(10).get(0));
    assertThat(journal.isEmpty()).isTrue();
    assertThat(journal.size()).isZero();
  }

  /**
   * Reads skip the journal when it says it is empty, so it must not say so while a key is
   * divergent, however fast other keys are recorded and resolved by other threads (as writers and
   * the reconciler do).
   */
  @Test
  void aDivergentKeyKeepsTheJournalNonEmptyWhileOtherKeysComeAndGo() throws Exception {
    DivergenceJournal journal = new DivergenceJournal();
    journal.record("divergent", Side.NEW, null);
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> churn = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      String prefix = "writer" + t + "-";
      churn.add(new Thread(() -> {
        int i = 0;
        while (running.get()) {
          journal.record(prefix + (i++ & 7), Side.OLD, null);
        }
      }));
    }
    churn.add(new Thread(() -> {
      while (running.get()) {
        for (Divergence d : journal.due(32)) {
          if (!d.key().equals("divergent")) {
            journal.resolveIfUnchanged(d);
          }
        }
      }
    }));
    churn.forEach(Thread::start);
    long emptyAnswers = 0;
    try {
      for (long i = 0; i < CHECKS && emptyAnswers == 0; i++) {
        if (journal.isEmpty()) {
          emptyAnswers++;
        }
      }
    } finally {
      running.set(false);
      for (Thread t : churn) {
        t.join();
      }
    }
    assertThat(journal.contains("divergent")).isTrue();
    assertThat(emptyAnswers).as("times the journal said it was empty while a key was divergent").isZero();
  }
}
