/**
 * The {@code switchback} operator command: {@code copy cache}, {@code copy sessions}, {@code
 * verify cache} and {@code verify sessions} between a capability's backend and its migration
 * target, and {@code drain status} of a messaging migration, configured by the service's own
 * configuration file.
 */
@NullMarked
package dev.switchback.cli;

import org.jspecify.annotations.NullMarked;
