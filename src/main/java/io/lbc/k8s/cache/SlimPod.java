package io.lbc.k8s.cache;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import io.lbc.annotations.KeyInventory;
import io.lbc.annotations.Surface;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cached pod: its node, readiness gates, container ports, and the conditions the target engine
 * reads (Ready, ContainersReady and the {@code target-health.elbv2.k8s.aws/*} gates). Images,
 * resources, probes, volumes and container statuses are skipped while the JSON is read; env is kept
 * only for pods with the QUIC annotation ({@link #QUIC_CONTAINERS}), whose server ID it carries.
 */
@Group("")
@Version("v1")
@Kind("Pod")
@Plural("pods")
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonDeserialize(using = JsonDeserializer.None.class) // a plain bean, not typed by its kind
public record SlimPod(
    SlimMeta meta,
    String nodeName,
    List<Gate> readinessGates,
    List<Container> containers,
    List<SlimCondition> conditions)
    implements SlimResource, Namespaced {
  public static final String GATE_PREFIX = "target-health.elbv2.k8s.aws/";

  /** The pod annotation naming the containers that get a QUIC server ID. */
  public static final String QUIC_CONTAINERS =
      Surface.POD_ANNOTATION.prefix()
          + KeyInventory.honoured(
              Surface.POD_ANNOTATION, "aws-load-balancer-quic-enabled-containers");

  /** The gates and the containers' names and ports the pods of one workload repeat. */
  private static final Shared<List<Gate>> GATES = new Shared<>();

  private static final Shared<List<Container>> CONTAINERS = new Shared<>();

  public SlimPod {
    String quic = meta.annotations().get(QUIC_CONTAINERS);
    meta = quic == null ? meta.bare() : meta.bare().withAnnotations(Map.of(QUIC_CONTAINERS, quic));
    nodeName = Strings.intern(nodeName);
    readinessGates = GATES.of(Strings.list(readinessGates));
    if (quic == null) { // env is kept only for a QUIC server ID
      containers =
          Strings.map(
              Strings.keep(containers, c -> !c.ports().isEmpty()),
              c -> c.env().isEmpty() ? c : new Container(c.name(), c.ports(), null));
    } else {
      containers = Strings.keep(containers, c -> !c.ports().isEmpty() || !c.env().isEmpty());
    }
    if (containers.stream().allMatch(c -> c.env().isEmpty())) {
      containers = CONTAINERS.of(containers); // env (a QUIC server ID) is the pod's own
    }
    conditions = SlimCondition.keep(conditions, SlimPod::read);
  }

  /**
   * The pod as the apiserver writes it. Its spec and status are read into the pod's own fields, not
   * kept as objects of their own (~40 bytes a pod, measured by {@code CacheMemoryBenchmark}).
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static SlimPod fromJson(Json pod) {
    Spec spec = pod.spec() == null ? new Spec(null, null, null) : pod.spec();
    List<SlimCondition> conditions = pod.status() == null ? null : pod.status().conditions();
    return new SlimPod(
        pod.meta(), spec.nodeName(), spec.readinessGates(), spec.containers(), conditions);
  }

  /**
   * The pod's JSON, read first into this short-lived shape: a creator of the pod itself could not
   * take {@code metadata}, which {@link SlimResource} marks ignored for fabric8's accessors.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Json(@JsonProperty("metadata") SlimMeta meta, Spec spec, Status status) {}

  /** The spec's fields the cache keeps, as read. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Spec(String nodeName, List<Gate> readinessGates, List<Container> containers) {}

  /** The status's conditions, as read. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Status(List<SlimCondition> conditions) {}

  /** A literal environment variable; ones set from a source are not kept. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Env(String name, String value) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Gate(String conditionType) {
    public Gate {
      conditionType = Strings.intern(conditionType);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Container(String name, List<Port> ports, List<Env> env) {
    public Container {
      name = Strings.intern(name);
      ports = Strings.list(ports);
      env = Strings.keep(env, e -> e.name() != null && e.value() != null);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Port(String name, Integer containerPort, String protocol) {
    public Port {
      name = Strings.intern(name);
      containerPort = Strings.port(containerPort);
      protocol = Strings.intern(protocol);
    }
  }

  /** Whether the target engine reads conditions of this type: Ready, ContainersReady, our gates. */
  private static boolean read(String type) {
    return "Ready".equals(type) || "ContainersReady".equals(type) || type.startsWith(GATE_PREFIX);
  }

  /** The condition of that type, if the pod has it (and it is one the cache keeps). */
  public Optional<SlimCondition> condition(String type) {
    return SlimCondition.find(conditions, type);
  }

  /** Whether the pod carries the readiness gate. */
  public boolean hasGate(String conditionType) {
    return readinessGates.stream().anyMatch(g -> conditionType.equals(g.conditionType()));
  }

  @Override
  public SlimPod atVersion(String version) {
    return new SlimPod(meta.atVersion(version), nodeName, readinessGates, containers, conditions);
  }

  public static SlimPod of(Pod pod) {
    return SlimJson.convert(pod, SlimPod.class);
  }
}
