package dev.switchback.migration.internal;

import dev.switchback.migration.Side;
import dev.switchback.migration.Stage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One period during which stage and canary share stay fixed. Writes register with the epoch
 * they start in and leave it when they have finished on both stores (mirror included); the next
 * epoch's operations wait for {@link #ready} — the previous epoch's writes to drain — so that an
 * operation runs wholly under one stage and no late mirror of an old epoch lands on top of a
 * newer write.
 */
final class Epoch {
  final long number;
  final Stage stage;
  final int canaryPercent;
  /** Completes when every earlier epoch has drained; already complete for the first. */
  final CompletableFuture<Void> ready;
  /** Completes when this epoch is closed and its last write has left. */
  final CompletableFuture<Void> drained = new CompletableFuture<>();

  private final AtomicInteger inflight = new AtomicInteger();
  private volatile boolean closed;

  Epoch(long number, Stage stage, int canaryPercent, CompletableFuture<Void> ready) {
    this.number = number;
    this.stage = stage;
    this.canaryPercent = canaryPercent;
    this.ready = ready;
  }

  /** Registers a write; false if the epoch closed meanwhile (the caller retries the newer one). */
  boolean tryEnter() {
    inflight.incrementAndGet();
    if (closed) {
      exit();
      return false;
    }
    return true;
  }

  /** Unregisters a write. */
  void exit() {
    if (inflight.decrementAndGet() == 0 && closed) {
      drained.complete(null);
    }
  }

  /** Stops new writes from entering; {@link #drained} completes once the last has left. */
  void close() {
    closed = true;
    if (inflight.get() == 0) {
      drained.complete(null);
    }
  }

  /**
   * Which store is authoritative for {@code key}: the new one from rampdown on and, in live,
   * for the canary share of keys; the old one otherwise. Non-canary keys in live behave as in
   * shadow for writes and reads alike, so a read never sees a store behind the authoritative one.
   */
  Side authorityFor(String key) {
    return switch (stage) {
      case OFF, DUALWRITE, SHADOW -> Side.OLD;
      case LIVE -> inCanary(key) ? Side.NEW : Side.OLD;
      case RAMPDOWN, COMPLETE -> Side.NEW;
    };
  }

  /** Whether reads in this epoch are compared with the other store. */
  boolean compares() {
    return stage == Stage.SHADOW || stage == Stage.LIVE;
  }

  /** Whether a miss on the new store falls back to the old one and copies the value across. */
  boolean copiesOnRead() {
    return stage == Stage.LIVE || stage == Stage.RAMPDOWN;
  }

  boolean inCanary(String key) {
    return canaryPercent >= 100 || (canaryPercent > 0 && canaryBucket(key) < canaryPercent);
  }

  /** A stable bucket 0..99 from the key's hash, the same in every JVM (String.hashCode is specified). */
  static int canaryBucket(String key) {
    int h = key.hashCode() * 0x9E3779B9;
    h ^= h >>> 16;
    return Math.floorMod(h, 100);
  }
}
