/** Converters and builders behind {@link dev.switchback.aws}; no compatibility promise. */
@NullMarked
package dev.switchback.aws.internal;

import org.jspecify.annotations.NullMarked;
