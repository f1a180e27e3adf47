package dev.switchback.memory.auth;

import dev.switchback.auth.Auth;
import dev.switchback.auth.UserDirectory;
import dev.switchback.testkit.contract.AuthContract;
import java.util.Set;

class MemoryAuthContractTest extends AuthContract {

  @Override
  protected Auth createAuth() {
    return MemoryAuth.builder().bcryptCost(4).build();
  }

  @Override
  protected void createUser(String username, String password, Set<String> groups) {
    UserDirectory directory = auth().ability(UserDirectory.class).orElseThrow();
    join(directory.upsert(username, password.toCharArray(), groups));
  }
}
