package dev.switchback.dynamodb;

import dev.switchback.testkit.servers.LocalDynamoDb;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Tables on the shared dynalite, raw clients to look at them, and configuration to reach them. */
final class DynamoDbFixture {
  static final String KEY_ID = "AKIDEXAMPLE";
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

  private DynamoDbFixture() {}

  /** The shared dynalite's endpoint. */
  static URI endpoint() {
    return LocalDynamoDb.shared().uri();
  }

  /** A table name no other test uses. */
  static String newTableName(String purpose) {
    return "switchback-" + purpose + "-" + UUID.randomUUID();
  }

  /** A plain SDK client for {@code endpoint}, to read and write tables raw. */
  static DynamoDbClient rawClient(URI endpoint) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.EU_WEST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(KEY_ID, SECRET)))
        .build();
  }

  /** A new table on the shared dynalite, created, on {@code clock}. */
  static DynamoDbTable newTable(String purpose, Clock clock) {
    DynamoDbTable table = DynamoDbTable.builder()
        .client(rawClient(endpoint()))
        .name(newTableName(purpose))
        .clock(clock)
        .build();
    table.createIfMissing();
    return table;
  }

  /**
   * {@code Switchback.fromConfig} properties for {@code capability} ({@code sessions} or {@code
   * cache}) on the DynamoDB backend at {@code endpoint}, table {@code table} created at start,
   * static credentials.
   */
  static Map<String, String> config(String capability, URI endpoint, String table) {
    String prefix = "switchback." + capability + ".dynamodb.";
    Map<String, String> properties = new HashMap<>();
    properties.put("switchback.aws.region", "eu-west-1");
    properties.put("switchback.aws.credentials", "static");
    properties.put("switchback.aws.static.access-key-id", KEY_ID);
    properties.put("switchback.aws.static.secret-access-key", SECRET);
    properties.put("switchback." + capability + ".backend", "dynamodb");
    properties.put(prefix + "table", table);
    properties.put(prefix + "endpoint", endpoint.toString());
    properties.put(prefix + "create-table", "true");
    return properties;
  }
}
