/**
 * Contract suites: one abstract JUnit class per capability. An adapter's test subclasses it,
 * supplies the instance through the abstract hooks, and runs every assertion of the contract.
 */
@NullMarked
package dev.switchback.testkit.contract;

import org.jspecify.annotations.NullMarked;
