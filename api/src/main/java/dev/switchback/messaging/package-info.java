/** See the types of this package. */
@NullMarked
package dev.switchback.messaging;

import org.jspecify.annotations.NullMarked;
