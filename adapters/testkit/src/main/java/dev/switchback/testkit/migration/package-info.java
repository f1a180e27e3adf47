/**
 * Contract suites run through a configured migration: the same Cache and Sessions suites every
 * adapter passes, run against {@code Switchback.fromConfig} with a migration between two real
 * backends, once in every stage.
 */
@NullMarked
package dev.switchback.testkit.migration;

import org.jspecify.annotations.NullMarked;
