/**
 * Contract suites: one abstract JUnit class per interface that every adapter, and every migration
 * stage over a pair of adapters, extends with a thin subclass.
 */
@NullMarked
package dev.switchback.testkit.contract;

import org.jspecify.annotations.NullMarked;
