package dev.switchback.migration.internal;

import java.util.concurrent.CompletionStage;

/**
 * Where a messaging migration remembers which messages a group has handled, so that the copy of
 * a message each backend delivers is handled once. A handler first {@linkplain #claim claims} its
 * message; on success it is {@linkplain #markHandled marked handled} and remembered for the
 * store's window, on failure the claim is {@linkplain #release released} so a redelivery runs the
 * handler again: de-duplication never turns a failed handling into a lost message.
 *
 * <p>Implementations: {@link MemoryDedupStore} (this process) and {@link CacheDedupStore} (a
 * {@code Cache} that several processes share). Thread safe.
 */
interface DedupStore {

  /** The outcome of a claim. */
  enum Claim {
    /** The caller holds the message and must handle it, then mark it handled or release it. */
    CLAIMED,
    /** The message was handled already: acknowledge it without handling. */
    HANDLED,
    /** Someone else holds the message now: ask again later, or let the backend redeliver it. */
    BUSY
  }

  /** Claims {@code key} for handling; fails if the store cannot be reached. */
  CompletionStage<Claim> claim(DeliveryKey key);

  /** Records that {@code key} was handled; it is remembered for the store's window. */
  CompletionStage<Void> markHandled(DeliveryKey key);

  /** Gives up a claim whose handling failed, so the next delivery handles it. */
  CompletionStage<Void> release(DeliveryKey key);

  /** Whether {@code key} is remembered as handled. */
  CompletionStage<Boolean> isHandled(DeliveryKey key);

  /**
   * Whether other processes may change what this store holds, so a waiter must ask it again
   * rather than rely on this process's own signals.
   */
  boolean shared();
}
