/**
 * Real servers for tests: a running local one is reused, else one is started from local
 * binaries once per JVM and stopped when the JVM exits. No containers.
 */
@NullMarked
package dev.switchback.testkit.servers;

import org.jspecify.annotations.NullMarked;
