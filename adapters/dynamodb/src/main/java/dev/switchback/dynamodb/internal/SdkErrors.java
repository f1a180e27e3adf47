package dev.switchback.dynamodb.internal;

import dev.switchback.BackendUnavailableException;
import dev.switchback.ConflictException;
import dev.switchback.InvalidInputException;
import dev.switchback.OperationTimeoutException;
import dev.switchback.SwitchbackException;
import dev.switchback.TooLargeException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Turns what the SDK throws into Switchback's exceptions, at the adapter's boundary. Messages name
 * the operation, the table and DynamoDB's error code, never a key, id or value: session ids are
 * bearer credentials.
 */
public final class SdkErrors {
  private SdkErrors() {}

  /** The Switchback exception for {@code failure} of {@code operation} on {@code table}. */
  public static SwitchbackException translate(String operation, String table, Throwable failure) {
    if (failure instanceof SwitchbackException known) {
      return known;
    }
    String what = operation + " on DynamoDB table " + table;
    if (failure instanceof ApiCallTimeoutException
        || failure instanceof ApiCallAttemptTimeoutException) {
      return new OperationTimeoutException(what + " timed out", failure);
    }
    if (failure instanceof AwsServiceException service) {
      return translateService(what, table, service);
    }
    if (failure instanceof SdkClientException) {
      if (hasCause(failure, SocketTimeoutException.class)) {
        return new OperationTimeoutException(what + " timed out waiting for DynamoDB", failure);
      }
      if (hasCause(failure, InterruptedIOException.class)
          || hasCause(failure, InterruptedException.class)) {
        return new OperationTimeoutException(what + " was interrupted at its timeout", failure);
      }
      return new BackendUnavailableException(what + " could not reach DynamoDB ("
          + rootCause(failure).getClass().getSimpleName() + ")", failure);
    }
    return new SwitchbackException(what + " failed", failure);
  }

  private static SwitchbackException translateService(
      String what, String table, AwsServiceException e) {
    String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
    if (e instanceof ConditionalCheckFailedException) {
      return new ConflictException(what + " failed its condition");
    }
    if (e.isThrottlingException() || e instanceof ProvisionedThroughputExceededException
        || e instanceof RequestLimitExceededException) {
      return new BackendUnavailableException(
          what + " was still throttled (" + code + ") after the last retry", e);
    }
    if (e instanceof ResourceNotFoundException) {
      return new BackendUnavailableException("DynamoDB table " + table + " does not exist in"
          + " this region and account; create it, or set create-table=true in development", e);
    }
    if (e.statusCode() >= 500) {
      return new BackendUnavailableException(what + " failed at DynamoDB (" + code + ")", e);
    }
    String message = String.valueOf(e.awsErrorDetails() == null ? "" : e.awsErrorDetails()
        .errorMessage()).toLowerCase(Locale.ROOT);
    if (code.equals("ValidationException") && message.contains("size")) {
      return new TooLargeException(what + " was refused: the item is larger than DynamoDB"
          + " accepts", e);
    }
    if (code.equals("ValidationException")) {
      return new InvalidInputException(what + " was refused by DynamoDB (" + code + ")", e);
    }
    return new BackendUnavailableException(what + " was refused by DynamoDB (" + code + ", HTTP "
        + e.statusCode() + ")", e);
  }

  private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }
}
