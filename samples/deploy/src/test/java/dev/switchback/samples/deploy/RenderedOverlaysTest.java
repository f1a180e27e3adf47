package dev.switchback.samples.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchback.Capability;
import dev.switchback.internal.ReadConfiguration;
import dev.switchback.testkit.servers.Kubectl;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The base and overlays as {@code kubectl kustomize} renders them: what Kubernetes would be
 * given, with the service's configuration read by Switchback's own configuration reader.
 */
class RenderedOverlaysTest {
  private static final String SERVICE = "orders-service";
  private static final String STAGES = "orders-service-stages";
  private static final Map<String, Manifests> RENDERED = new HashMap<>();

  @BeforeAll
  static void render() {
    Kubectl kubectl = Kubectl.find();
    for (String dir : List.of("base", "overlays/local", "overlays/eks")) {
      RENDERED.put(dir, Manifests.parse(kubectl.kustomize(Manifests.ROOT.resolve(dir))));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/local", "overlays/eks"})
  void everySelectorSelectsThePodsOfADeployment(String dir) {
    Manifests m = RENDERED.get(dir);
    List<Map<String, String>> podLabels = new ArrayList<>();
    for (JsonNode d : m.ofKind("Deployment")) {
      Map<String, String> labels = Manifests.strings(d.path("spec").path("template").path("metadata").path("labels"));
      assertThat(labels).as("pod labels of %s", Manifests.name(d))
          .containsAllEntriesOf(Manifests.strings(d.path("spec").path("selector").path("matchLabels")));
      podLabels.add(labels);
    }
    for (JsonNode s : m.ofKind("Service")) {
      Map<String, String> selector = Manifests.strings(s.path("spec").path("selector"));
      assertThat(selector).as("selector of Service %s", Manifests.name(s)).isNotEmpty();
      assertThat(podLabels).as("pods selected by Service %s", Manifests.name(s))
          .anySatisfy(labels -> assertThat(labels).containsAllEntriesOf(selector));
    }
    for (JsonNode p : m.ofKind("PodDisruptionBudget")) {
      Map<String, String> selector = Manifests.strings(p.path("spec").path("selector").path("matchLabels"));
      assertThat(podLabels).anySatisfy(labels -> assertThat(labels).containsAllEntriesOf(selector));
    }
    JsonNode target = m.get("HorizontalPodAutoscaler", SERVICE).path("spec").path("scaleTargetRef");
    assertThat(m.find(target.path("kind").asText(), target.path("name").asText())).isPresent();
    assertThat(m.get("Deployment", SERVICE).path("spec").has("replicas"))
        .as("replicas left to the HorizontalPodAutoscaler").isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/local", "overlays/eks"})
  void probesAskTheHealthEndpointsOnTheServicePort(String dir) {
    JsonNode container = container(RENDERED.get(dir));
    JsonNode port = container.path("ports").get(0);
    assertThat(port.path("containerPort").asInt()).isEqualTo(8080);
    String portName = port.path("name").asText();
    assertThat(probe(container, "readinessProbe")).isEqualTo(portName + " /q/health/ready");
    assertThat(probe(container, "livenessProbe")).isEqualTo(portName + " /q/health/live");
    assertThat(probe(container, "startupProbe")).isEqualTo(portName + " /q/health/live");
    JsonNode service = RENDERED.get(dir).get("Service", SERVICE).path("spec").path("ports").get(0);
    assertThat(service.path("targetPort").asText()).isEqualTo(portName);
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/local", "overlays/eks"})
  void theReadinessProbeWaitsLongerThanTheReadinessCheck(String dir) {
    // The check reports a silent backend after quarkus.switchback.health.timeout (3 s unless
    // set); a probe that gave up sooner would see a timeout instead of the check's reason.
    assertThat(environment(RENDERED.get(dir))).doesNotContainKey("QUARKUS_SWITCHBACK_HEALTH_TIMEOUT");
    int probeTimeout = container(RENDERED.get(dir)).path("readinessProbe")
        .path("timeoutSeconds").asInt(1); // Kubernetes' default
    assertThat(probeTimeout).isGreaterThan(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/local", "overlays/eks"})
  void theServiceRunsAsNonRootOnAReadOnlyRootWithAWritableTmp(String dir) {
    JsonNode pod = deployment(RENDERED.get(dir)).path("spec").path("template").path("spec");
    JsonNode container = container(RENDERED.get(dir));
    assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
    String tmpVolume = mountAt(container, "/tmp").path("name").asText();
    assertThat(volume(pod, tmpVolume).has("emptyDir")).isTrue();
    JsonNode resources = container.path("resources");
    for (String kind : List.of("requests", "limits")) {
      assertThat(resources.path(kind).path("memory").asText()).as(kind).isNotBlank();
      assertThat(resources.path(kind).path("cpu").asText()).as(kind).isNotBlank();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/local", "overlays/eks"})
  void theStageFileIsTheWholeConfigMapMountedWhereTheControlSourceReadsIt(String dir) {
    Manifests m = RENDERED.get(dir);
    String source = environment(m).get("SWITCHBACK_CONTROL_SOURCE");
    assertThat(source).startsWith("file:");
    String path = source.substring("file:".length());
    String directory = path.substring(0, path.lastIndexOf('/'));
    String file = path.substring(path.lastIndexOf('/') + 1);

    JsonNode container = container(m);
    JsonNode mount = mountAt(container, directory);
    assertThat(mount.has("subPath")).as("a subPath mount is never updated").isFalse();
    assertThat(mount.has("subPathExpr")).isFalse();
    JsonNode configMap = volume(deployment(m).path("spec").path("template").path("spec"),
        mount.path("name").asText()).path("configMap");
    // The name carries no content hash, so an edit updates the mounted file in place.
    assertThat(configMap.path("name").asText()).isEqualTo(STAGES);
    assertThat(m.get("ConfigMap", STAGES).path("data").has(file)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/local", "overlays/eks"})
  void theConfigurationIsAcceptedBySwitchbackAndTheStageFileMovesConfiguredMigrations(String dir) {
    Manifests m = RENDERED.get(dir);
    ReadConfiguration config = SwitchbackEnvironment.read(environment(m));
    assertThat(SwitchbackEnvironment.stageFileProblems(stageFile(m), config)).isEmpty();
  }

  @Test
  void localRunsEveryServerItsConfigurationNamesInTheCluster() {
    Manifests m = RENDERED.get("overlays/local");
    Map<String, String> env = environment(m);
    ReadConfiguration config = SwitchbackEnvironment.read(env);
    assertThat(config.choice(Capability.CACHE).target()).get().extracting(p -> p.name())
        .isEqualTo("elasticache");
    assertThat(container(m).path("imagePullPolicy").asText()).isEqualTo("Never");
    List<String> addresses = new ArrayList<>();
    for (String key : List.of("SWITCHBACK_CACHE_REDIS_URI", "SWITCHBACK_SESSIONS_REDIS_URI")) {
      URI uri = URI.create(env.get(key));
      addresses.add(uri.getHost() + ":" + uri.getPort());
    }
    addresses.add(env.get("SWITCHBACK_CACHE_ELASTICACHE_ENDPOINT"));
    addresses.addAll(List.of(env.get("SWITCHBACK_MESSAGING_KAFKA_BOOTSTRAP_SERVERS").split(",")));
    for (String address : addresses) {
      String[] hostPort = address.split(":");
      JsonNode service = m.get("Service", hostPort[0]);
      assertThat(service.path("spec").path("ports")).as("ports of Service %s", hostPort[0])
          .anySatisfy(p -> assertThat(p.path("port").asText()).isEqualTo(hostPort[1]));
    }
  }

  @Test
  void eksRunsUnderTheIrsaRoleOfItsServiceAccountSpreadAcrossZones() {
    Manifests m = RENDERED.get("overlays/eks");
    JsonNode pod = deployment(m).path("spec").path("template").path("spec");
    String account = pod.path("serviceAccountName").asText();
    JsonNode serviceAccount = m.get("ServiceAccount", account);
    assertThat(serviceAccount.path("metadata").path("annotations")
        .path("eks.amazonaws.com/role-arn").asText())
        .matches("arn:aws:iam::\\d{12}:role/[\\w+=,.@-]+");
    assertThat(environment(m)).containsEntry("SWITCHBACK_AWS_CREDENTIALS", "web-identity");
    assertThat(pod.path("topologySpreadConstraints")).anySatisfy(c ->
        assertThat(c.path("topologyKey").asText()).isEqualTo("topology.kubernetes.io/zone"));
    ReadConfiguration config = SwitchbackEnvironment.read(environment(m));
    assertThat(config.choice(Capability.CACHE).target()).get().extracting(p -> p.name())
        .isEqualTo("elasticache");
    assertThat(config.choice(Capability.SESSIONS).target()).get().extracting(p -> p.name())
        .isEqualTo("dynamodb");
    assertThat(config.choice(Capability.MESSAGING).target()).get().extracting(p -> p.name())
        .isEqualTo("msk");
    assertThat(m.get("HorizontalPodAutoscaler", SERVICE).path("spec").path("minReplicas").asInt())
        .isGreaterThanOrEqualTo(3);
    assertThat(container(m).path("image").asText()).contains(".dkr.ecr.");
  }

  private static JsonNode deployment(Manifests m) {
    return m.get("Deployment", SERVICE);
  }

  private static JsonNode container(Manifests m) {
    for (JsonNode c : deployment(m).path("spec").path("template").path("spec").path("containers")) {
      if (SERVICE.equals(c.path("name").asText())) {
        return c;
      }
    }
    throw new AssertionError("no container " + SERVICE);
  }

  private static String probe(JsonNode container, String probe) {
    JsonNode get = container.path(probe).path("httpGet");
    return get.path("port").asText() + " " + get.path("path").asText();
  }

  private static JsonNode mountAt(JsonNode container, String path) {
    for (JsonNode mount : container.path("volumeMounts")) {
      if (path.equals(mount.path("mountPath").asText())) {
        return mount;
      }
    }
    throw new AssertionError("nothing mounted at " + path);
  }

  private static JsonNode volume(JsonNode podSpec, String name) {
    for (JsonNode v : podSpec.path("volumes")) {
      if (name.equals(v.path("name").asText())) {
        return v;
      }
    }
    throw new AssertionError("no volume " + name);
  }

  /** The container's environment: its ConfigMaps' entries, then its own variables. */
  private static Map<String, String> environment(Manifests m) {
    JsonNode container = container(m);
    Map<String, String> env = new TreeMap<>();
    for (JsonNode from : container.path("envFrom")) {
      String name = from.path("configMapRef").path("name").asText();
      env.putAll(Manifests.strings(m.get("ConfigMap", name).path("data")));
    }
    for (JsonNode variable : container.path("env")) {
      env.put(variable.path("name").asText(), variable.path("value").asText());
    }
    return env;
  }

  private static Map<String, String> stageFile(Manifests m) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(m.get("ConfigMap", STAGES).path("data").path("stages.properties").asText()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> stages = new TreeMap<>();
    p.stringPropertyNames().forEach(k -> stages.put(k, p.getProperty(k)));
    return stages;
  }
}
