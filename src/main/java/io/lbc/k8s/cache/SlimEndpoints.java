package io.lbc.k8s.cache;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A cached core/v1 Endpoints object, read instead of EndpointSlices under {@code
 * --enable-endpoint-slices=false} (as the reference): per subset its ports and its ready and
 * not-ready addresses with their node and pod. Hostnames are skipped while the JSON is read.
 */
@Group("")
@Version("v1")
@Kind("Endpoints")
@Plural("endpoints")
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonDeserialize(using = JsonDeserializer.None.class) // a plain bean, not typed by its kind
public record SlimEndpoints(@JsonProperty("metadata") SlimMeta meta, List<Subset> subsets)
    implements SlimResource, Namespaced {

  public SlimEndpoints {
    meta = meta.bare();
    subsets = Strings.list(subsets);
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Subset(
      List<Address> addresses,
      List<Address> notReadyAddresses,
      List<SlimEndpointSlice.Port> ports) {
    public Subset {
      addresses = Strings.list(addresses);
      notReadyAddresses = Strings.list(notReadyAddresses);
      ports = Strings.list(ports);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Address(String ip, String nodeName, SlimEndpointSlice.Ref targetRef) {
    public Address {
      nodeName = Strings.intern(nodeName);
    }
  }

  @Override
  public SlimEndpoints atVersion(String version) {
    return new SlimEndpoints(meta.atVersion(version), subsets);
  }

  /**
   * The same endpoints in EndpointSlice form, as the reference converts them: one slice per subset
   * and address family, ready addresses {@code ready: true}, the others {@code ready: false}, none
   * terminating (the Endpoints API does not say).
   */
  public List<SlimEndpointSlice> toEndpointSlices() {
    var slices = new ArrayList<SlimEndpointSlice>();
    for (Subset subset : subsets) {
      for (String family : List.of("IPv4", "IPv6")) {
        var endpoints = new ArrayList<SlimEndpointSlice.Endpoint>();
        addAll(endpoints, subset.addresses(), true, family);
        addAll(endpoints, subset.notReadyAddresses(), false, family);
        if (!endpoints.isEmpty()) {
          slices.add(
              new SlimEndpointSlice(
                  new SlimMeta(
                      meta.name(),
                      meta.namespace(),
                      null,
                      meta.resourceVersion(),
                      null,
                      Map.of(SlimEndpointSlice.SERVICE_NAME_LABEL, meta.name()),
                      null),
                  family,
                  subset.ports(),
                  endpoints));
        }
      }
    }
    return slices;
  }

  private static void addAll(
      List<SlimEndpointSlice.Endpoint> into,
      List<Address> addresses,
      boolean ready,
      String family) {
    for (Address address : addresses) {
      if (address.ip() != null && family.equals(address.ip().contains(":") ? "IPv6" : "IPv4")) {
        into.add(
            new SlimEndpointSlice.Endpoint(
                address.ip(),
                new SlimEndpointSlice.Conditions(ready, ready, false),
                address.nodeName(),
                address.targetRef()));
      }
    }
  }
}
