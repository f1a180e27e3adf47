package dev.switchback.sessions.spi;

import dev.switchback.sessions.Session;
import dev.switchback.sessions.Sessions;
import java.util.concurrent.CompletionStage;

/**
 * What an adapter offers beyond {@link Sessions}: writing a session exactly as given, with its
 * id, version and expiry. The migration engine uses it to mirror a session from the
 * authoritative store into the other one, and copy tools to move sessions in bulk. It bypasses
 * the version check, so it is not for application code.
 */
public interface SessionStore extends Sessions {

  /**
   * Stores {@code session} as it is, replacing any session with the same id. A session that
   * has already expired is not stored, and any stored one with its id is removed.
   */
  CompletionStage<Void> replicate(Session session);
}
