package io.lbc.service;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.List;
import java.util.Map;

/** Services and EndpointSlices as a user and the endpoint-slice controller would write them. */
public final class ServiceObjects {
  static final String PREFIX = "service.beta.kubernetes.io/";
  static final String NLB_CLASS = "service.k8s.aws/nlb";

  private ServiceObjects() {}

  static ServicePort port(String name, int port, String protocol, int targetPort) {
    return new ServicePortBuilder()
        .withName(name)
        .withPort(port)
        .withProtocol(protocol)
        .withTargetPort(new IntOrString(targetPort))
        .build();
  }

  /** A {@code type: LoadBalancer} Service selecting {@code app: <name>}. */
  static Service loadBalancer(
      String namespace, String name, Map<String, String> annotations, ServicePort... ports) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withType("LoadBalancer")
        .withSelector(Map.of("app", name))
        .withPorts(ports)
        .endSpec()
        .build();
  }

  /** An {@code nlb-ip} Service: the legacy annotation path with ip targets. */
  static Service nlbIp(
      String namespace, String name, Map<String, String> annotations, ServicePort... ports) {
    var all = new java.util.HashMap<>(annotations);
    all.put(PREFIX + "aws-load-balancer-type", "nlb-ip");
    return loadBalancer(namespace, name, all, ports);
  }

  /** One ready endpoint: its address and, optionally, its node. */
  public record Endpoint(String ip, String node) {
    public static Endpoint at(String ip) {
      return new Endpoint(ip, null);
    }

    Endpoint onNode(String name) {
      return new Endpoint(ip, name);
    }
  }

  /** A slice of the Service whose ports are the Service ports' targetPorts, under their names. */
  public static EndpointSlice slice(Service service, List<Endpoint> endpoints) {
    var builder =
        new EndpointSliceBuilder()
            .withNewMetadata()
            .withNamespace(service.getMetadata().getNamespace())
            .withName(service.getMetadata().getName() + "-1")
            .withLabels(Map.of("kubernetes.io/service-name", service.getMetadata().getName()))
            .endMetadata()
            .withAddressType("IPv4");
    for (ServicePort port : service.getSpec().getPorts()) {
      builder.addToPorts(
          new EndpointPortBuilder()
              .withName(port.getName())
              .withPort(port.getTargetPort().getIntVal())
              .withProtocol(port.getProtocol())
              .build());
    }
    for (Endpoint endpoint : endpoints) {
      builder.addToEndpoints(
          new EndpointBuilder()
              .withAddresses(endpoint.ip())
              .withNewConditions()
              .withReady(true)
              .withServing(true)
              .withTerminating(false)
              .endConditions()
              .withNodeName(endpoint.node())
              .build());
    }
    return builder.build();
  }
}
