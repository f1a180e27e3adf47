/**
 * In-memory tracing backend: spans are kept by {@link
 * dev.switchback.memory.tracing.MemorySpanExporter} for tests to read; W3C trace context and
 * baggage are propagated. Start with {@link dev.switchback.memory.tracing.MemoryTracingBackend}.
 */
@NullMarked
package dev.switchback.memory.tracing;

import org.jspecify.annotations.NullMarked;
