package dev.switchback.memory.auth;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class BcryptPasswordsTest {

  @Test
  void dummyHashIsAWellFormedHashAtTheConfiguredCostThatMatchesNoPassword() throws Exception {
    byte[] dummy = BcryptPasswords.dummyHash(6, new SecureRandom());

    BCrypt.HashData parsed = BCrypt.Version.VERSION_2A.parser.parse(dummy);
    assertThat(parsed.cost).as("the cost an unknown user's check pays").isEqualTo(6);
    assertThat(parsed.version).isEqualTo(BCrypt.Version.VERSION_2A);
    BCrypt.Result result =
        BCrypt.verifyer().verify("password".getBytes(StandardCharsets.UTF_8), dummy);
    assertThat(result.validFormat).as("checked as fully as a real hash").isTrue();
    assertThat(result.verified).isFalse();
  }

  @Test
  void dummyHashIsTheFormatOfARealHash() {
    BcryptPasswords passwords = new BcryptPasswords(4);
    byte[] real = passwords.hash("password".toCharArray());
    byte[] dummy = BcryptPasswords.dummyHash(4, new SecureRandom());

    assertThat(dummy).hasSameSizeAs(real);
    assertThat(new String(dummy, StandardCharsets.US_ASCII))
        .startsWith(new String(real, 0, 7, StandardCharsets.US_ASCII));
  }

  @Test
  void unknownUserIsCheckedAgainstTheDummyHashAndRefused() {
    BcryptPasswords passwords = new BcryptPasswords(4);

    assertThat(passwords.matches("password".toCharArray(), null)).isFalse();
    assertThat(passwords.matches("password".toCharArray(), passwords.hash("password".toCharArray())))
        .isTrue();
  }
}
