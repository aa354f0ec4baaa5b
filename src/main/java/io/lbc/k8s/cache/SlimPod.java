package io.lbc.k8s.cache;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;
import java.util.Optional;

/**
 * A cached pod: its node, readiness gates, container ports, and the conditions the target engine
 * reads (Ready, ContainersReady and the {@code target-health.elbv2.k8s.aws/*} gates). Env, images,
 * resources, probes, volumes and container statuses are skipped while the JSON is read.
 */
@Group("")
@Version("v1")
@Kind("Pod")
@Plural("pods")
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonDeserialize(using = JsonDeserializer.None.class) // a plain bean, not typed by its kind
public record SlimPod(@JsonProperty("metadata") SlimMeta meta, Spec spec, Status status)
    implements SlimResource {
  public static final String GATE_PREFIX = "target-health.elbv2.k8s.aws/";

  public SlimPod {
    meta = meta.bare();
    spec = spec == null ? new Spec(null, null, null) : spec;
    status = status == null ? new Status(null) : status;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Spec(String nodeName, List<Gate> readinessGates, List<Container> containers) {
    public Spec {
      nodeName = Strings.intern(nodeName);
      readinessGates = Strings.list(readinessGates);
      containers = Strings.list(containers).stream().filter(c -> !c.ports().isEmpty()).toList();
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Gate(String conditionType) {
    public Gate {
      conditionType = Strings.intern(conditionType);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Container(String name, List<Port> ports) {
    public Container {
      name = Strings.intern(name);
      ports = Strings.list(ports);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Port(String name, Integer containerPort, String protocol) {
    public Port {
      name = Strings.intern(name);
      protocol = Strings.intern(protocol);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Status(List<SlimCondition> conditions) {
    public Status {
      conditions = SlimCondition.keep(conditions, SlimPod::read);
    }
  }

  /** Whether the target engine reads conditions of this type: Ready, ContainersReady, our gates. */
  private static boolean read(String type) {
    return "Ready".equals(type) || "ContainersReady".equals(type) || type.startsWith(GATE_PREFIX);
  }

  /** The condition of that type, if the pod has it (and it is one the cache keeps). */
  public Optional<SlimCondition> condition(String type) {
    return SlimCondition.find(status.conditions(), type);
  }

  /** Whether the pod carries the readiness gate. */
  public boolean hasGate(String conditionType) {
    return spec.readinessGates().stream().anyMatch(g -> conditionType.equals(g.conditionType()));
  }

  @Override
  public SlimPod atVersion(String version) {
    return new SlimPod(meta.atVersion(version), spec, status);
  }

  public static SlimPod of(Pod pod) {
    return SlimJson.convert(pod, SlimPod.class);
  }
}
