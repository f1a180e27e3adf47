/**
 * Test support every adapter shares: polling with a deadline, and the contract suites in
 * {@link dev.switchback.testkit.contract}.
 */
@NullMarked
package dev.switchback.testkit;

import org.jspecify.annotations.NullMarked;
