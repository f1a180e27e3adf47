package dev.switchback.kafka.internal;

import dev.switchback.kafka.KafkaConnection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.jspecify.annotations.Nullable;

/**
 * The one admin client of a messaging instance, shared by topic creation and lag queries: opened
 * on first need (an instance that never creates a topic nor asks for lag opens none), closed once
 * with the instance. Thread safe.
 */
public final class ClusterAdmin {
  /** The admin client's {@code client.id}. */
  public static final String CLIENT_ID = "switchback-admin";

  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private final KafkaConnection connection;
  private final ReentrantLock lock = new ReentrantLock();
  private @Nullable Admin admin; // guarded by lock
  private boolean closed; // guarded by lock

  /** An admin of the cluster {@code connection} reaches; nothing is opened yet. */
  public ClusterAdmin(KafkaConnection connection) {
    this.connection = connection;
  }

  /**
   * The admin client, opened on the first call.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  public Admin client() {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the admin client of this instance is closed");
      }
      if (admin == null) {
        admin = connection.createAdmin(CLIENT_ID);
      }
      return admin;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Asks the cluster for its nodes: completes when it answered, fails with {@link
   * dev.switchback.OperationTimeoutException} when it did not within {@code timeout}, else as
   * {@link KafkaFailures#translateRead}. Completed off the admin client's only thread.
   */
  public CompletionStage<Void> ping(Duration timeout) {
    String what = "reaching the cluster";
    CompletableFuture<?> nodes;
    try {
      nodes = client()
          .describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
          .nodes().toCompletionStage().toCompletableFuture();
    } catch (RuntimeException e) {
      nodes = CompletableFuture.failedFuture(e);
    }
    CompletableFuture<Void> answer = new CompletableFuture<>();
    nodes.whenCompleteAsync((ignored, failure) -> {
      if (failure == null) {
        answer.complete(null);
      } else {
        answer.completeExceptionally(KafkaFailures.translateRead(what, failure, timeout));
      }
    });
    return answer;
  }

  /** Closes the admin client if one was opened (its calls in flight fail); later calls fail. */
  public void close() {
    Admin opened;
    lock.lock();
    try {
      closed = true;
      opened = admin;
      admin = null;
    } finally {
      lock.unlock();
    }
    if (opened != null) {
      opened.close(CLOSE_WAIT);
    }
  }
}
