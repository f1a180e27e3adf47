package dev.switchback.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.Switchback;
import dev.switchback.config.SwitchbackConfig;
import dev.switchback.memory.cache.MemoryCacheConfig;
import dev.switchback.redis.cache.RedisCacheConfig;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The implementations of Switchback's configuration mappings are part of the built application,
 * where SmallRye finds them, rather than generated at start.
 */
class ConfigMappingClassesTest {

  @RegisterExtension
  static final QuarkusUnitTest APP = new QuarkusUnitTest()
      .overrideConfigKey("switchback.cache.backend", "memory");

  @Inject Switchback switchback;

  @Test
  void mappingImplementationsAreBuiltIntoTheApplication() throws Exception {
    assertThat(switchback.cache()).isNotNull();
    for (Class<?> mapping : new Class<?>[] {
        SwitchbackConfig.class, MemoryCacheConfig.class, RedisCacheConfig.class}) {
      Class<?> implementation = mapping.getClassLoader().loadClass(mapping.getName() + "$$CMImpl");
      assertThat(mapping).as(mapping.getName()).isAssignableFrom(implementation);
    }
  }
}
