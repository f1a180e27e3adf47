package dev.switchback.testkit.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.testkit.servers.TestCertificateAuthority.ServerCertificate;
import java.nio.file.Files;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestCertificateAuthorityTest {

  @Test
  void issuedCertificateNamesItsHostsAndIsSignedByItsAuthorityOnly() throws Exception {
    TestCertificateAuthority authority = TestCertificateAuthority.create("First CA");
    TestCertificateAuthority unrelated = TestCertificateAuthority.create("Second CA");

    ServerCertificate issued = authority.issue("localhost", "127.0.0.1");

    X509Certificate server = TrustingClients.read(issued.certificate());
    X509Certificate ca = TrustingClients.read(authority.certificate());
    assertThat(server.getSubjectAlternativeNames())
        .containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
    assertThat(server.getBasicConstraints()).isEqualTo(-1);
    assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    server.verify(ca.getPublicKey());
    X509Certificate other = TrustingClients.read(unrelated.certificate());
    assertThatThrownBy(() -> server.verify(other.getPublicKey()))
        .isInstanceOf(SignatureException.class);
    assertThat(issued.issuer()).isEqualTo(authority.certificate());
    assertThat(Files.readString(issued.privateKey())).contains("PRIVATE KEY");
  }

  @Test
  void aCertificateForAnotherHostDoesNotNameTheLoopbackAddress() throws Exception {
    ServerCertificate elsewhere =
        TestCertificateAuthority.create("CA").issue("elsewhere.invalid");

    assertThat(TrustingClients.read(elsewhere.certificate()).getSubjectAlternativeNames())
        .containsExactly(List.of(2, "elsewhere.invalid"));
  }

  @Test
  void refusesNamesThatCouldBreakTheCommandLine() {
    TestCertificateAuthority authority = TestCertificateAuthority.create("CA");
    assertThatThrownBy(() -> authority.issue("a,IP:1.2.3.4"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(authority::issue).isInstanceOf(IllegalArgumentException.class);
  }
}
