package io.lbc.k8s.cache;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;
import java.util.Optional;

/**
 * A cached node: its labels (node selectors), provider ID and Ready condition. Images, addresses,
 * capacity and the heartbeat times of every condition are skipped while the JSON is read.
 */
@Group("")
@Version("v1")
@Kind("Node")
@Plural("nodes")
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonDeserialize(using = JsonDeserializer.None.class) // a plain bean, not typed by its kind
public record SlimNode(@JsonProperty("metadata") SlimMeta meta, Spec spec, Status status)
    implements SlimResource {

  public SlimNode {
    meta = meta.keepLabels(key -> true);
    spec = spec == null ? new Spec(null) : spec;
    status = status == null ? new Status(null) : status;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Spec(@JsonProperty("providerID") String providerID) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Status(List<SlimCondition> conditions) {
    public Status {
      conditions = SlimCondition.keep(conditions, "Ready"::equals);
    }
  }

  /** The node's Ready condition, if it reports one. */
  public Optional<SlimCondition> ready() {
    return SlimCondition.find(status.conditions(), "Ready");
  }

  @Override
  public SlimNode atVersion(String version) {
    return new SlimNode(meta.atVersion(version), spec, status);
  }

  public static SlimNode of(Node node) {
    return SlimJson.convert(node, SlimNode.class);
  }
}
