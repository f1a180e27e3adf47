/**
 * A TCP proxy that sits between an adapter and its real server and injects network faults on
 * demand: latency, blackholes, resets, closes and refused connections.
 */
@NullMarked
package dev.switchback.testkit.proxy;

import org.jspecify.annotations.NullMarked;
