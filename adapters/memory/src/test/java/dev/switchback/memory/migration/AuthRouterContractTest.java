package dev.switchback.memory.migration;

import com.nimbusds.jose.jwk.RSAKey;
import dev.switchback.Capability;
import dev.switchback.auth.Auth;
import dev.switchback.auth.UserDirectory;
import dev.switchback.memory.auth.MemoryAuth;
import dev.switchback.migration.Stage;
import dev.switchback.migration.internal.AuthRouter;
import dev.switchback.testkit.contract.AuthContract;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

/**
 * The Auth contract through the migration router, in every stage, over two memory backends with
 * different issuers and keys. Users are created in the old backend only, except in complete
 * (where the new one must already know them), so live and rampdown exercise migrate-on-login.
 */
class AuthRouterContractTest {
  private static final RSAKey OLD_KEY = MemoryAuth.Builder.generateSigningKey();
  private static final RSAKey NEW_KEY = MemoryAuth.Builder.generateSigningKey();

  abstract static class InStage extends AuthContract {
    private final Stage stage;
    private StagePairs pair;
    private MemoryAuth oldAuth;
    private MemoryAuth newAuth;

    InStage(Stage stage) {
      this.stage = stage;
    }

    @Override
    protected Auth createAuth() {
      pair = new StagePairs(Capability.AUTH, stage);
      oldAuth = MemoryAuth.builder().issuer("switchback-old").signingKey(OLD_KEY).bcryptCost(4).build();
      newAuth = MemoryAuth.builder().issuer("switchback-new").signingKey(NEW_KEY).bcryptCost(4).build();
      return new AuthRouter(pair.controller, oldAuth, newAuth);
    }

    @Override
    protected void createUser(String username, String password, Set<String> groups) {
      auth(); // creates the backends on first use
      join(oldAuth.ability(UserDirectory.class).orElseThrow().upsert(username, password.toCharArray(), groups));
      if (stage == Stage.COMPLETE) {
        join(newAuth.ability(UserDirectory.class).orElseThrow().upsert(username, password.toCharArray(), groups));
      }
    }

    @AfterAll
    void closeBackends() {
      oldAuth.close();
      newAuth.close();
      pair.close();
    }
  }

  @Nested
  class Off extends InStage {
    Off() {
      super(Stage.OFF);
    }
  }

  @Nested
  class DualWrite extends InStage {
    DualWrite() {
      super(Stage.DUALWRITE);
    }
  }

  @Nested
  class Shadow extends InStage {
    Shadow() {
      super(Stage.SHADOW);
    }
  }

  @Nested
  class Live extends InStage {
    Live() {
      super(Stage.LIVE);
    }
  }

  @Nested
  class RampDown extends InStage {
    RampDown() {
      super(Stage.RAMPDOWN);
    }
  }

  @Nested
  class Complete extends InStage {
    Complete() {
      super(Stage.COMPLETE);
    }
  }
}
