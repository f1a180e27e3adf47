/** Item layouts, size and expiry rules, error translation and set-up behind the DynamoDB stores. */
@NullMarked
package dev.switchback.dynamodb.internal;

import org.jspecify.annotations.NullMarked;
