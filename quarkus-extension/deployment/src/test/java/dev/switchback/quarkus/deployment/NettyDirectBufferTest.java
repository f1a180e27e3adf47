package dev.switchback.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.internal.CleanableDirectBuffer;
import io.netty.util.internal.PlatformDependent;
import io.netty.util.Version;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Netty 4.2 frees direct buffers inside a Quarkus application: Quarkus rewrites Netty's
 * CleanerJava9 for 4.1, which left 4.2's cleaner null (the NullPointerException Lettuce hit when
 * the application stopped) until the extension's fix.
 */
class NettyDirectBufferTest {

  @RegisterExtension
  static final QuarkusUnitTest APP = new QuarkusUnitTest()
      .overrideConfigKey("switchback.cache.backend", "memory");

  @Test
  void aDirectBufferIsFreedWithoutFailing() {
    assertThat(Version.identify().get("netty-common").artifactVersion()).startsWith("4.2.");

    CleanableDirectBuffer buffer = PlatformDependent.allocateDirect(64);
    buffer.buffer().putLong(42L);
    buffer.clean();

    PlatformDependent.freeDirectBuffer(java.nio.ByteBuffer.allocateDirect(64));
  }
}
