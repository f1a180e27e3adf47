/**
 * The OpenTelemetry SDK that Switchback assembles from a tracing adapter's
 * {@link dev.switchback.tracing.spi.TracingBackend}: {@link dev.switchback.tracing.sdk.SdkTracing}.
 */
@NullMarked
package dev.switchback.tracing.sdk;

import org.jspecify.annotations.NullMarked;
