/**
 * Test support every adapter shares: polling with a deadline, waiting for stages, a clock tests
 * move by hand, a provider context over real configuration, and the contract suites in {@link
 * dev.switchback.testkit.contract}.
 */
@NullMarked
package dev.switchback.testkit;

import org.jspecify.annotations.NullMarked;
