/**
 * What every AWS adapter shares: the {@code switchback.aws.*} settings ({@link
 * dev.switchback.aws.AwsConfig}), one credentials provider and one HTTP client per {@code
 * Switchback} instance applied to any SDK client ({@link dev.switchback.aws.AwsClients}), and
 * SigV4 IAM authentication tokens for ElastiCache and RDS ({@link
 * dev.switchback.aws.IamAuthTokenGenerator}, {@link dev.switchback.aws.IamAuthTokenSource}).
 */
@NullMarked
package dev.switchback.aws;

import org.jspecify.annotations.NullMarked;
