package io.lbc.k8s.cache;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;
import java.util.Map;

/**
 * A cached Service, as the Ingress and Gateway controllers and the TargetGroupBinding engine read
 * it: uid, annotations (an Ingress backend's Service may override the Ingress's), type, ports (with
 * their appProtocol, which picks a Gateway target group's protocol version), traffic policy, IP
 * families and the health check node port (an NLB Gateway's instance targets of a Local Service);
 * and, for the pod readiness-gate webhook, the selector (which pods an ip TargetGroupBinding's
 * Service selects). Status, cluster IPs and labels are skipped while the JSON is read. The Service
 * controller's own Services are its primary resources, not this cache.
 */
@Group("")
@Version("v1")
@Kind("Service")
@Plural("services")
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonDeserialize(using = JsonDeserializer.None.class) // a plain bean, not typed by its kind
public record SlimService(@JsonProperty("metadata") SlimMeta meta, Spec spec)
    implements SlimResource, Namespaced {

  public SlimService {
    meta = meta.withoutLabels();
    spec = spec == null ? new Spec(null, null, null, null, null, null) : spec;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Spec(
      String type,
      List<Port> ports,
      String externalTrafficPolicy,
      List<String> ipFamilies,
      // left out of the JSON when absent: the stack-input digests of Ingresses read this record
      @JsonInclude(JsonInclude.Include.NON_NULL) Integer healthCheckNodePort,
      // read, never written: the stack-input digests of Ingresses read this record, and no stack
      // depends on a selector. An immutable copy (one or two entries mostly; interned, as pod
      // labels are): some
      // 100 bytes a Service against the ~5 KB of a full fabric8 Service the webhook used to keep.
      @JsonProperty(access = JsonProperty.Access.WRITE_ONLY) Map<String, String> selector) {
    public Spec {
      type = Strings.intern(type);
      ports = Strings.list(ports);
      externalTrafficPolicy = Strings.intern(externalTrafficPolicy);
      ipFamilies = Strings.map(ipFamilies, Strings::intern);
      selector = selector == null ? Map.of() : Strings.internAll(selector);
    }

    /** Whether the selector selects a pod of these labels; a Service without one selects none. */
    public boolean selects(Map<String, String> podLabels) {
      return !selector.isEmpty()
          && selector.entrySet().stream()
              .allMatch(e -> e.getValue().equals(podLabels.get(e.getKey())));
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Port(
      String name,
      String protocol,
      Integer port,
      IntOrString targetPort,
      Integer nodePort,
      // left out of the JSON when absent: the stack-input digests of Ingresses read this record
      @JsonInclude(JsonInclude.Include.NON_NULL) String appProtocol) {
    public Port {
      name = Strings.intern(name);
      protocol = Strings.intern(protocol);
      port = Strings.port(port);
      nodePort = Strings.port(nodePort);
      appProtocol = Strings.intern(appProtocol);
    }
  }

  @Override
  public SlimService atVersion(String version) {
    return new SlimService(meta.atVersion(version), spec);
  }

  public static SlimService of(Service service) {
    return SlimJson.convert(service, SlimService.class);
  }
}
