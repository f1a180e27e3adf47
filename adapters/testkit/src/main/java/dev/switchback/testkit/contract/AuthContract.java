package dev.switchback.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.switchback.AuthenticationFailedException;
import dev.switchback.InvalidTokenException;
import dev.switchback.InvalidTokenException.Reason;
import dev.switchback.auth.Auth;
import dev.switchback.auth.AuthFeature;
import dev.switchback.auth.Principal;
import dev.switchback.auth.Tokens;
import dev.switchback.auth.User;
import dev.switchback.auth.UserDirectory;
import dev.switchback.testkit.Stages;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Auth} backend must show. Subclass it, return the backend from
 * {@link #createAuth()} and create users through {@link #createUser}.
 *
 * <p>One instance serves the whole class: it is created on first use and closed after the last
 * test. Every test makes its own users with random names and passwords, so the suite can run
 * against a shared server. Forged tokens are built from real ones with only the JDK, so no JOSE
 * library has to agree with the backend's.
 */
public abstract class AuthContract extends ContractSuite<Auth> {

  /** How long a test waits for one operation before it fails. */
  protected static final Duration DEADLINE = Duration.ofSeconds(30);

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();
  private static final Pattern KID = Pattern.compile("\"kid\"\\s*:\\s*\"([^\"]*)\"");

  /** For subclasses. */
  protected AuthContract() {
    super("createAuth()");
  }

  /**
   * Creates the backend under test. Called once per test class, on first use, after the
   * subclass's own {@code @BeforeAll} methods; the suite closes it after the last test.
   */
  protected abstract Auth createAuth();

  /**
   * Makes {@code username} able to log in to the backend with {@code password}, as a member of
   * {@code groups}. Passwords satisfy common policies (upper and lower case, digit, symbol).
   */
  protected abstract void createUser(String username, String password, Set<String> groups);

  /** The backend under test. */
  protected final Auth auth() {
    return backend();
  }

  @Override
  final Auth newBackend() {
    return createAuth();
  }

  @Override
  final void closeBackend(Auth auth) {
    join(auth.closeAsync());
  }

  @Test
  void loginIssuesTokensThatVerifyToTheUsersPrincipal() {
    AuthTestUser user = newUser(Set.of("readers", "writers"));
    Tokens tokens = join(auth().login(user.username(), user.password().toCharArray()));

    assertThat(tokens.accessToken()).isNotBlank();
    assertThat(tokens.idToken()).isNotBlank().isNotEqualTo(tokens.accessToken());
    assertThat(tokens.refresh()).isPresent();
    assertThat(tokens.expiresAt()).isAfter(Instant.now());

    Principal principal = join(auth().verify(tokens.accessToken()));
    assertThat(principal.username()).isEqualTo(user.username());
    assertThat(principal.subject()).isNotBlank();
    assertThat(principal.groups()).containsExactlyInAnyOrderElementsOf(user.groups());
    assertThat(principal.issuer()).isEqualTo(auth().issuer());
    assertThat(principal.expiresAt()).isAfter(Instant.now());
    assertThat(principal.claims()).containsEntry("token_use", "access");
  }

  @Test
  void userWithoutGroupsHasNone() {
    AuthTestUser user = newUser(Set.of());
    Principal principal = join(auth().verify(login(user).accessToken()));
    assertThat(principal.groups()).isEmpty();
  }

  @Test
  void wrongPasswordAndUnknownUserFailAlike() {
    AuthTestUser user = newUser(Set.of());
    String wrong = "Wrong-" + UUID.randomUUID() + "!a1";
    Throwable wrongPassword = failureOf(auth().login(user.username(), wrong.toCharArray()));
    Throwable unknownUser =
        failureOf(auth().login("nobody-" + UUID.randomUUID(), user.password().toCharArray()));

    assertThat(wrongPassword).isInstanceOf(AuthenticationFailedException.class);
    assertThat(unknownUser).isInstanceOf(AuthenticationFailedException.class);
    assertThat(wrongPassword.getMessage()).isEqualTo(unknownUser.getMessage());
    assertThat(describe(wrongPassword)).doesNotContain(wrong, user.password());
    assertThat(describe(unknownUser)).doesNotContain(user.password());
  }

  @Test
  void idTokenIsRefusedWhereAnAccessTokenIsExpected() {
    Tokens tokens = login(newUser(Set.of()));
    assertThat(reasonOf(auth().verify(tokens.idToken()))).isEqualTo(Reason.WRONG_TOKEN_USE);
  }

  @Test
  void alteredPayloadIsRefusedForItsSignature() {
    String[] parts = login(newUser(Set.of())).accessToken().split("\\.", -1);
    String payload = new String(B64_DECODER.decode(parts[1]), StandardCharsets.UTF_8);
    String altered = payload.replaceFirst("\\{", "{\"admin\":true,");
    String forged = parts[0] + "." + encode(altered) + "." + parts[2];

    assertThat(reasonOf(auth().verify(forged))).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void tokensOfTheWrongShapeAreRefusedAsMalformed() {
    String token = login(newUser(Set.of())).accessToken();
    String[] parts = token.split("\\.", -1);
    Map<String, String> cases =
        Map.of(
            "empty", "",
            "garbage", "garbage",
            "two segments", parts[0] + "." + parts[1],
            "four segments", token + "." + parts[2],
            "header not base64url", "!!!." + parts[1] + "." + parts[2],
            "header not JSON", encode("not json") + "." + parts[1] + "." + parts[2]);

    cases.forEach(
        (name, candidate) ->
            assertThat(reasonOf(auth().verify(candidate))).as(name).isEqualTo(Reason.MALFORMED));
  }

  @Test
  void unsignedTokenIsRefusedForItsAlgorithm() {
    String[] parts = login(newUser(Set.of())).accessToken().split("\\.", -1);
    String header = "{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + kidOf(parts[0]) + "\"}";
    String unsigned = encode(header) + "." + parts[1] + ".";

    assertThat(reasonOf(auth().verify(unsigned))).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void hmacSignedTokenIsRefusedForItsAlgorithm() throws GeneralSecurityException {
    String[] parts = login(newUser(Set.of())).accessToken().split("\\.", -1);
    String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + kidOf(parts[0]) + "\"}";
    String signingInput = encode(header) + "." + parts[1];
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(bytes("an arbitrary shared secret of 32+ bytes"), "HmacSHA256"));
    String forged = signingInput + "." + B64.encodeToString(mac.doFinal(bytes(signingInput)));

    assertThat(reasonOf(auth().verify(forged))).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void refreshIssuesNewTokensForTheSameUser() {
    AuthTestUser user = newUser(Set.of("readers"));
    Tokens first = login(user);
    Principal before = join(auth().verify(first.accessToken()));

    Tokens refreshed = join(auth().refresh(first.refresh().orElseThrow()));

    assertThat(refreshed.accessToken()).isNotEqualTo(first.accessToken());
    Principal after = join(auth().verify(refreshed.accessToken()));
    assertThat(after.subject()).isEqualTo(before.subject());
    assertThat(after.username()).isEqualTo(user.username());
    assertThat(after.groups()).containsExactly("readers");
    assertThat(reasonOf(auth().verify(refreshed.idToken()))).isEqualTo(Reason.WRONG_TOKEN_USE);
  }

  @Test
  void unknownRefreshTokenIsRefused() {
    String bogus = "bogus-" + UUID.randomUUID();
    Throwable failure = failureOf(auth().refresh(bogus));
    assertThat(failure).isInstanceOf(InvalidTokenException.class);
    assertThat(describe(failure)).doesNotContain(bogus);
  }

  @Test
  void refusalsNeverRevealTheTokenOrPassword() {
    AuthTestUser user = newUser(Set.of());
    Tokens tokens = login(user);
    String[] parts = tokens.accessToken().split("\\.", -1);
    String altered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
    List<Throwable> failures = new ArrayList<>();
    failures.add(failureOf(auth().verify(tokens.idToken())));
    failures.add(failureOf(auth().verify(altered)));
    failures.add(failureOf(auth().verify(tokens.accessToken() + ".x")));
    failures.add(failureOf(auth().refresh(tokens.accessToken())));
    failures.add(failureOf(auth().login(user.username(), (user.password() + "x").toCharArray())));

    for (Throwable failure : failures) {
      assertThat(describe(failure))
          .doesNotContain(tokens.accessToken(), tokens.idToken(), altered, user.password())
          .doesNotContain(parts[1], parts[2]);
    }
  }

  @Test
  void userDirectoryIsOfferedExactlyWhenClaimed() {
    boolean claimed = auth().features().contains(AuthFeature.USER_DIRECTORY);
    assertThat(auth().ability(UserDirectory.class).isPresent()).isEqualTo(claimed);
  }

  @Test
  void userDirectoryCreatesChangesAndDeletesUsers() {
    assumeThat(auth().features()).contains(AuthFeature.USER_DIRECTORY);
    UserDirectory directory = auth().ability(UserDirectory.class).orElseThrow();
    String username = "dir-" + UUID.randomUUID();
    String password = newPassword();

    User created = join(directory.upsert(username, password.toCharArray(), Set.of("ops")));
    assertThat(created.username()).isEqualTo(username);
    assertThat(created.groups()).containsExactly("ops");
    assertThat(created.enabled()).isTrue();
    assertThat(join(directory.find(username))).contains(created);
    assertThat(join(directory.list())).contains(created);
    assertThat(join(auth().verify(login(username, password).accessToken())).subject())
        .isEqualTo(created.subject());

    String newPassword = newPassword();
    Optional<User> changed = join(directory.setPassword(username, newPassword.toCharArray()));
    assertThat(changed).isPresent();
    assertThat(join(auth().login(username, newPassword.toCharArray()))).isNotNull();
    assertThat(failureOf(auth().login(username, password.toCharArray())))
        .isInstanceOf(AuthenticationFailedException.class);

    User regrouped = join(directory.upsert(username, newPassword.toCharArray(), Set.of("a", "b")));
    assertThat(regrouped.subject()).isEqualTo(created.subject());
    assertThat(regrouped.groups()).containsExactlyInAnyOrder("a", "b");

    assertThat(join(directory.setPassword("nobody-" + UUID.randomUUID(), "x".toCharArray())))
        .isEmpty();
    assertThat(join(directory.delete(username))).isTrue();
    assertThat(join(directory.find(username))).isEmpty();
    assertThat(join(directory.delete(username))).isFalse();
    assertThat(failureOf(auth().login(username, newPassword.toCharArray())))
        .isInstanceOf(AuthenticationFailedException.class);
  }

  @Test
  void userDirectoryListsUsersInUsernameOrder() {
    assumeThat(auth().features()).contains(AuthFeature.USER_DIRECTORY);
    UserDirectory directory = auth().ability(UserDirectory.class).orElseThrow();
    String stem = "order-" + UUID.randomUUID() + "-";
    join(directory.upsert(stem + "b", newPassword().toCharArray(), Set.of()));
    join(directory.upsert(stem + "a", newPassword().toCharArray(), Set.of()));
    join(directory.upsert(stem + "c", newPassword().toCharArray(), Set.of()));

    List<String> names =
        join(directory.list()).stream()
            .map(User::username)
            .filter(name -> name.startsWith(stem))
            .toList();
    assertThat(names).containsExactly(stem + "a", stem + "b", stem + "c");
  }

  // --- helpers ---

  /** A user with a random name and password, created through {@link #createUser}. */
  protected record AuthTestUser(String username, String password, Set<String> groups) {
    @Override
    public String toString() {
      return "AuthTestUser[" + username + "]";
    }
  }

  /** Creates a user with a random name and password in {@code groups}. */
  protected final AuthTestUser newUser(Set<String> groups) {
    AuthTestUser user = new AuthTestUser("user-" + UUID.randomUUID(), newPassword(), groups);
    createUser(user.username(), user.password(), user.groups());
    return user;
  }

  private Tokens login(AuthTestUser user) {
    return login(user.username(), user.password());
  }

  private Tokens login(String username, String password) {
    return join(auth().login(username, password.toCharArray()));
  }

  private static String newPassword() {
    return "Pw-" + UUID.randomUUID() + "-Aa1!";
  }

  private static String kidOf(String encodedHeader) {
    String header = new String(B64_DECODER.decode(encodedHeader), StandardCharsets.UTF_8);
    Matcher kid = KID.matcher(header);
    return kid.find() ? kid.group(1) : "";
  }

  private static String encode(String text) {
    return B64.encodeToString(bytes(text));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Every message and type in the cause chain, to check for leaked secrets. */
  private static String describe(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      all.append(t).append('\n');
    }
    return all.toString();
  }

  private static Reason reasonOf(CompletionStage<?> stage) {
    Throwable failure = failureOf(stage);
    assertThat(failure).isInstanceOf(InvalidTokenException.class);
    return ((InvalidTokenException) failure).reason();
  }

  /** Waits for {@code stage}; fails the test if it fails or does not complete in time. */
  protected static <T> T join(CompletionStage<T> stage) {
    return Stages.join(stage, DEADLINE);
  }

  /** Waits for {@code stage} to fail and returns why; fails the test if it succeeds. */
  protected static Throwable failureOf(CompletionStage<?> stage) {
    return Stages.failureOf(stage, DEADLINE);
  }
}
