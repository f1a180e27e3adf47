/**
 * Fault injection at the interface boundary: decorators that make a real backend fail, hang or
 * slow down on demand, for migration-engine tests. Network faults between an adapter and its
 * server belong to {@code dev.switchback.testkit.proxy}.
 */
@NullMarked
package dev.switchback.testkit.faults;

import org.jspecify.annotations.NullMarked;
