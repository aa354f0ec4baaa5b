package io.lbc.k8s.cache;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cached EndpointSlice: its Service (the {@code kubernetes.io/service-name} label), address type,
 * ports, and per endpoint its addresses, conditions, node and pod. Hints, zones and hostnames are
 * skipped while the JSON is read.
 */
@Group("discovery.k8s.io")
@Version("v1")
@Kind("EndpointSlice")
@Plural("endpointslices")
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonDeserialize(using = JsonDeserializer.None.class) // a plain bean, not typed by its kind
public record SlimEndpointSlice(
    @JsonProperty("metadata") SlimMeta meta,
    String addressType,
    List<Port> ports,
    List<Endpoint> endpoints)
    implements SlimResource, Namespaced {
  public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

  public SlimEndpointSlice {
    meta = meta.keepLabels(SERVICE_NAME_LABEL::equals);
    addressType = Strings.intern(addressType);
    ports = Strings.list(ports);
    endpoints = Strings.list(endpoints);
  }

  /** The Service the slice belongs to, or null. */
  public String serviceName() {
    return meta.labels().get(SERVICE_NAME_LABEL);
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Port(String name, Integer port, String protocol) {
    public Port {
      name = Strings.intern(name);
      protocol = Strings.intern(protocol);
      port = Strings.port(port);
    }
  }

  /**
   * An endpoint as the target engine reads it: its first address (clients may use only the first,
   * the API says; the reference does), conditions, node and the object behind it. The target
   * reference is kept in the endpoint's own fields rather than as an object of its own, and the
   * address list not at all: ~40 bytes less a pod (measured by {@code CacheMemoryBenchmark}).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Endpoint(
      String address,
      Conditions conditions,
      String nodeName,
      String targetKind,
      String targetNamespace,
      String targetName) {
    public Endpoint {
      conditions = conditions == null ? null : conditions.shared();
      nodeName = Strings.intern(nodeName);
      targetKind = Strings.intern(targetKind);
      targetNamespace = Strings.intern(targetNamespace);
    }

    public Endpoint(String address, Conditions conditions, String nodeName, Ref targetRef) {
      this(
          address,
          conditions,
          nodeName,
          targetRef == null ? null : targetRef.kind(),
          targetRef == null ? null : targetRef.namespace(),
          targetRef == null ? null : targetRef.name());
    }

    /** The endpoint as the apiserver writes it. */
    @JsonCreator
    static Endpoint fromJson(
        @JsonProperty("addresses") List<String> addresses,
        @JsonProperty("conditions") Conditions conditions,
        @JsonProperty("nodeName") String nodeName,
        @JsonProperty("targetRef") Ref targetRef) {
      String first = addresses == null || addresses.isEmpty() ? null : addresses.get(0);
      return new Endpoint(first, conditions, nodeName, targetRef);
    }

    /** The object behind the endpoint, or null. */
    public Ref targetRef() {
      return targetKind == null && targetName == null
          ? null
          : new Ref(targetKind, targetNamespace, targetName);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Conditions(Boolean ready, Boolean serving, Boolean terminating) {
    /** At most 27 distinct values: every endpoint shares one of them. */
    private static final Map<Conditions, Conditions> SHARED = new ConcurrentHashMap<>();

    Conditions shared() {
      return SHARED.computeIfAbsent(this, c -> c);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Ref(String kind, String namespace, String name) {
    public Ref {
      kind = Strings.intern(kind);
      namespace = Strings.intern(namespace);
    }
  }

  @Override
  public SlimEndpointSlice atVersion(String version) {
    return new SlimEndpointSlice(meta.atVersion(version), addressType, ports, endpoints);
  }

  public static SlimEndpointSlice of(EndpointSlice slice) {
    return SlimJson.convert(slice, SlimEndpointSlice.class);
  }
}
