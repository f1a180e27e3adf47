package dev.switchback.testkit.faults;

import static java.util.Objects.requireNonNull;

import dev.switchback.sessions.Session;
import dev.switchback.sessions.spi.SessionStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** A real {@link SessionStore} behind a switchable {@link Fault}. */
public final class FaultySessions implements SessionStore {
  private final SessionStore delegate;
  private final Fault fault;

  public FaultySessions(SessionStore delegate, Fault fault) {
    this.delegate = requireNonNull(delegate, "delegate");
    this.fault = requireNonNull(fault, "fault");
  }

  @Override
  public CompletionStage<Session> create(String subject, Map<String, String> attributes, Duration ttl) {
    return fault.apply(() -> delegate.create(subject, attributes, ttl));
  }

  @Override
  public CompletionStage<Optional<Session>> get(String id) {
    return fault.apply(() -> delegate.get(id));
  }

  @Override
  public CompletionStage<Optional<Session>> update(String id, long expectedVersion, Map<String, String> attributes) {
    return fault.apply(() -> delegate.update(id, expectedVersion, attributes));
  }

  @Override
  public CompletionStage<Optional<Session>> touch(String id) {
    return fault.apply(() -> delegate.touch(id));
  }

  @Override
  public CompletionStage<Boolean> delete(String id) {
    return fault.apply(() -> delegate.delete(id));
  }

  @Override
  public CompletionStage<Void> replicate(Session session) {
    return fault.apply(() -> delegate.replicate(session));
  }

  @Override
  public CompletionStage<Void> closeAsync() {
    return delegate.closeAsync();
  }
}
