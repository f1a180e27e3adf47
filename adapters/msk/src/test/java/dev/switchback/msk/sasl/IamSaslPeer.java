package dev.switchback.msk.sasl;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.switchback.testkit.servers.TestCertificateAuthority;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLServerSocket;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.SaslAuthenticateResponseData;
import org.apache.kafka.common.message.SaslHandshakeResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.protocol.MessageUtil;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;
import org.apache.kafka.common.requests.SaslAuthenticateRequest;
import org.apache.kafka.common.security.ssl.DefaultSslEngineFactory;

/**
 * The broker's side of a SASL/IAM login and nothing more: a TLS listener on {@code 127.0.0.1}
 * (certified for {@code localhost} by a test CA) that speaks the Kafka protocol's {@code
 * ApiVersions}, {@code SaslHandshake} ({@code AWS_MSK_IAM}) and {@code SaslAuthenticate}, records
 * the authentication payload each client sends, and refuses it with {@code
 * SASL_AUTHENTICATION_FAILED}. No MSK checks the signature: the test does, from the
 * specification. Requests and responses are the Kafka clients' own message classes.
 */
public final class IamSaslPeer implements AutoCloseable {
  public static final String REFUSAL = "refused by the IAM test peer";

  private final TestCertificateAuthority authority;
  private final ServerSocket server;
  private final Thread acceptor;
  private final List<byte[]> authentications = new CopyOnWriteArrayList<>();

  private IamSaslPeer() throws IOException {
    authority = TestCertificateAuthority.create("MSK IAM peer CA");
    TestCertificateAuthority.ServerCertificate certificate = authority.issue("localhost");
    // Kafka's own PEM key store, with every other SSL setting at Kafka's defaults.
    ConfigDef definitions = new ConfigDef();
    SslConfigs.addClientSslSupport(definitions);
    DefaultSslEngineFactory ssl = new DefaultSslEngineFactory();
    ssl.configure(new AbstractConfig(definitions, Map.of(
        "ssl.keystore.type", "PEM",
        "ssl.keystore.certificate.chain", Files.readString(certificate.certificate(), US_ASCII),
        "ssl.keystore.key", Files.readString(certificate.privateKey(), US_ASCII)))
        .values());
    server = ssl.sslContext().getServerSocketFactory()
        .createServerSocket(0, 16, InetAddress.getLoopbackAddress());
    ((SSLServerSocket) server).setUseClientMode(false);
    acceptor = new Thread(this::accept, "iam-sasl-peer");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public static IamSaslPeer start() {
    try {
      return new IamSaslPeer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code localhost:<port>}, the name its certificate holds. */
  public String bootstrapServers() {
    return "localhost:" + server.getLocalPort();
  }

  /** The PEM file of the authority that certified it. */
  public Path certificateAuthority() {
    return authority.certificate();
  }

  /** The {@code SaslAuthenticate} payloads received, in order. */
  public List<byte[]> authentications() {
    return List.copyOf(authentications);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread connection = new Thread(() -> serve(socket), "iam-sasl-peer-connection");
        connection.setDaemon(true);
        connection.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket;
        DataInputStream in = new DataInputStream(socket.getInputStream());
        DataOutputStream out = new DataOutputStream(socket.getOutputStream())) {
      while (true) {
        byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        RequestHeader header = RequestHeader.parse(buffer);
        ApiMessage response = answer(header, buffer);
        if (response == null) {
          return;
        }
        ResponseHeader responseHeader = header.toResponseHeader();
        ByteBuffer head = MessageUtil.toByteBufferAccessor(
            responseHeader.data(), responseHeader.headerVersion()).buffer();
        ByteBuffer body = MessageUtil.toByteBufferAccessor(response, header.apiVersion()).buffer();
        out.writeInt(head.remaining() + body.remaining());
        out.write(head.array(), head.arrayOffset() + head.position(), head.remaining());
        out.write(body.array(), body.arrayOffset() + body.position(), body.remaining());
        out.flush();
      }
    } catch (IOException e) {
      // The client went away, or the peer closed.
    }
  }

  private ApiMessage answer(RequestHeader header, ByteBuffer body) {
    switch (header.apiKey()) {
      case API_VERSIONS:
        ApiVersionsResponseData versions = new ApiVersionsResponseData();
        for (ApiKeys key : List.of(ApiKeys.API_VERSIONS, ApiKeys.SASL_HANDSHAKE,
            ApiKeys.SASL_AUTHENTICATE)) {
          versions.apiKeys().add(new ApiVersion().setApiKey(key.id)
              .setMinVersion(key.oldestVersion()).setMaxVersion(key.latestVersion()));
        }
        return versions;
      case SASL_HANDSHAKE:
        SaslHandshakeResponseData handshake = new SaslHandshakeResponseData()
            .setMechanisms(List.of("AWS_MSK_IAM"));
        return handshake;
      case SASL_AUTHENTICATE:
        SaslAuthenticateRequest request = (SaslAuthenticateRequest) AbstractRequest
            .parseRequest(header.apiKey(), header.apiVersion(), new ByteBufferAccessor(body))
            .request;
        authentications.add(request.data().authBytes());
        return new SaslAuthenticateResponseData()
            .setErrorCode(Errors.SASL_AUTHENTICATION_FAILED.code())
            .setErrorMessage(REFUSAL)
            .setAuthBytes(new byte[0]);
      default:
        return null;
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
