/**
 * Pieces every adapter module shares, so no adapter writes them again: closing once and refusing
 * work afterwards ({@link dev.switchback.spi.support.CloseOnce}), the daemon threads an instance
 * owns ({@link dev.switchback.spi.support.DaemonThreads}), the causes adapters look for in a vendor's
 * exception ({@link dev.switchback.spi.support.Causes}), and the checks a provider makes on
 * configured values ({@link dev.switchback.spi.support.SettingChecks}). For adapter authors.
 */
@NullMarked
package dev.switchback.spi.support;

import org.jspecify.annotations.NullMarked;
