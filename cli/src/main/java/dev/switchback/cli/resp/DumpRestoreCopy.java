package dev.switchback.cli.resp;

import static java.util.Objects.requireNonNull;

import dev.switchback.cli.copy.Batch;
import dev.switchback.cli.walk.KeyWalk;
import dev.switchback.cli.walk.Outcome;
import dev.switchback.cli.walk.Tally;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RestoreArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Copies keys between two Redis-protocol stores byte for byte, whatever their type: {@code PTTL}
 * and {@code DUMP} of every key of a batch on the source, pipelined, then {@code RESTORE key ttl
 * payload REPLACE} of every one still there on the target, pipelined. The time to live is the
 * source's remaining one when it was read, so the copy expires at most one round trip later than
 * the original.
 *
 * <p>A key gone from the source by the time it is read (deleted or expired) is counted {@link
 * Outcome#EXPIRED} and not written; one with no time left is not written either. Without {@code
 * REPLACE} ({@code overwrite=false}) a key the target already has is left as it is and counted
 * {@link Outcome#KEPT}. A key whose {@code RESTORE} fails (for example a payload from a newer
 * server version) is counted {@link Outcome#FAILED} with the server's reason and the batch goes
 * on.
 *
 * <p>Keys are renamed from the source's prefix to the target's.
 */
public final class DumpRestoreCopy implements KeyWalk.Batches {
  private static final String BUSY_KEY = "BUSYKEY";

  private final RespStore source;
  private final RespStore target;
  private final boolean overwrite;

  /** Copies from {@code source} to {@code target}, replacing what the target holds if {@code overwrite}. */
  public DumpRestoreCopy(RespStore source, RespStore target, boolean overwrite) {
    this.source = requireNonNull(source, "source");
    this.target = requireNonNull(target, "target");
    this.overwrite = overwrite;
  }

  @Override
  public Tally handle(List<String> keys) {
    List<CompletableFuture<Long>> ttls = new ArrayList<>(keys.size());
    List<CompletableFuture<byte[]>> dumps = new ArrayList<>(keys.size());
    for (String key : keys) {
      // PTTL first: if the key is replaced in between, the older TTL errs on the short side.
      ttls.add(source.commands().pttl(key).toCompletableFuture());
      dumps.add(source.commands().dump(key).toCompletableFuture());
    }
    List<CompletableFuture<?>> reads = new ArrayList<>(ttls);
    reads.addAll(dumps);
    source.awaitAll(reads, "PTTL and DUMP of " + keys.size() + " keys");

    Tally tally = new Tally();
    List<String> restoring = new ArrayList<>(keys.size());
    List<CompletableFuture<String>> restores = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      if (ttls.get(i).isCompletedExceptionally() || dumps.get(i).isCompletedExceptionally()) {
        CompletableFuture<?> failed = ttls.get(i).isCompletedExceptionally() ? ttls.get(i) : dumps.get(i);
        tally.fail(key, source.label() + ": " + Batch.reason(failed));
        continue;
      }
      long pttl = ttls.get(i).join();
      byte[] payload = dumps.get(i).join();
      if (payload == null || pttl == -2 || (pttl >= 0 && pttl < 1)) {
        tally.add(Outcome.EXPIRED, key);
        continue;
      }
      RestoreArgs args = new RestoreArgs().ttl(pttl == -1 ? 0 : pttl).replace(overwrite);
      restoring.add(key);
      restores.add(target.commands()
          .restore(target.translate(key, source.keyPrefix()), payload, args).toCompletableFuture());
    }
    target.awaitAll(restores, "RESTORE of " + restores.size() + " keys");
    for (int i = 0; i < restoring.size(); i++) {
      String key = restoring.get(i);
      CompletableFuture<String> restore = restores.get(i);
      if (!restore.isCompletedExceptionally()) {
        tally.add(Outcome.COPIED, key);
      } else if (!overwrite && busyKey(restore)) {
        tally.add(Outcome.KEPT, key);
      } else {
        tally.fail(key, target.label() + ": " + Batch.reason(restore));
      }
    }
    return tally;
  }

  private static boolean busyKey(CompletableFuture<String> restore) {
    try {
      restore.join();
      return false;
    } catch (java.util.concurrent.CompletionException e) {
      return e.getCause() instanceof RedisCommandExecutionException r
          && r.getMessage() != null && r.getMessage().startsWith(BUSY_KEY);
    }
  }
}
