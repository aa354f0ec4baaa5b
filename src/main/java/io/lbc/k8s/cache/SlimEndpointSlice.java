package io.lbc.k8s.cache;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

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
    implements SlimResource {
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
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Endpoint(
      List<String> addresses, Conditions conditions, String nodeName, Ref targetRef) {
    public Endpoint {
      addresses = Strings.list(addresses);
      nodeName = Strings.intern(nodeName);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Conditions(Boolean ready, Boolean serving, Boolean terminating) {}

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

  public EndpointSlice toEndpointSlice() {
    return new EndpointSliceBuilder()
        .withMetadata(meta.toObjectMeta())
        .withAddressType(addressType)
        .withPorts(
            ports.stream()
                .map(
                    p ->
                        new EndpointPortBuilder()
                            .withName(p.name())
                            .withPort(p.port())
                            .withProtocol(p.protocol())
                            .build())
                .toList())
        .withEndpoints(
            endpoints.stream()
                .map(
                    e ->
                        new EndpointBuilder()
                            .withAddresses(e.addresses())
                            .withConditions(
                                e.conditions() == null
                                    ? null
                                    : new EndpointConditions(
                                        e.conditions().ready(),
                                        e.conditions().serving(),
                                        e.conditions().terminating()))
                            .withNodeName(e.nodeName())
                            .withTargetRef(
                                e.targetRef() == null
                                    ? null
                                    : new ObjectReferenceBuilder()
                                        .withKind(e.targetRef().kind())
                                        .withNamespace(e.targetRef().namespace())
                                        .withName(e.targetRef().name())
                                        .build())
                            .build())
                .toList())
        .build();
  }

  public static SlimEndpointSlice of(EndpointSlice slice) {
    return SlimJson.convert(slice, SlimEndpointSlice.class);
  }
}
