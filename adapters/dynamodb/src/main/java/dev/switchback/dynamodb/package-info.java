/**
 * DynamoDB backends: {@link dev.switchback.dynamodb.DynamoDbSessions} ({@code
 * switchback.sessions.backend=dynamodb}) and {@link dev.switchback.dynamodb.DynamoDbCache}
 * ({@code switchback.cache.backend=dynamodb}), each on a {@link
 * dev.switchback.dynamodb.DynamoDbTable}, with region and credentials from {@code
 * switchback.aws.*}.
 */
@NullMarked
package dev.switchback.dynamodb;

import org.jspecify.annotations.NullMarked;
