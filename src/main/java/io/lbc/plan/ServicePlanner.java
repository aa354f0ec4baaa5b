package io.lbc.plan;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.lbc.aws.elbv2.LoadBalancer;
import io.lbc.k8s.ManifestClusterView;
import io.lbc.model.StackId;
import io.lbc.model.StackJson;
import io.lbc.model.UserInputException;
import io.lbc.service.BackendServices;
import io.lbc.service.ServiceSelector;
import io.lbc.service.ServiceStackBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Builds the NLB stack of every Service in a set of manifests that this controller serves. */
public final class ServicePlanner implements StackPlanner {
  private final ServiceSelector selector;
  private final ServiceStackBuilder builder;
  private final Function<StackId, Optional<LoadBalancer>> existingLoadBalancers;

  public ServicePlanner(
      ServiceSelector selector,
      ServiceStackBuilder builder,
      Function<StackId, Optional<LoadBalancer>> existingLoadBalancers) {
    this.selector = selector;
    this.builder = builder;
    this.existingLoadBalancers = existingLoadBalancers;
  }

  @Override
  public String section() {
    return "services";
  }

  /** {@code {"service", "stack"}} or {@code {"service", "error": {field, message}}} per Service. */
  @Override
  public List<Map<String, Object>> plan(ManifestClusterView manifests) {
    return manifests.services().stream()
        .map(ServicePlanner::inItsNamespace)
        .filter(selector::selects)
        .map(service -> plan(service, BackendServices.of(manifests.services())))
        .toList();
  }

  @Override
  public List<PlannedStack> stacks(ManifestClusterView manifests) {
    return manifests.services().stream()
        .map(ServicePlanner::inItsNamespace)
        .filter(selector::selects)
        .map(service -> planned(service, BackendServices.of(manifests.services())))
        .toList();
  }

  private PlannedStack planned(Service service, BackendServices backends) {
    String namespace = service.getMetadata().getNamespace();
    String name = service.getMetadata().getName();
    try {
      var stack =
          builder.build(
              service, existingLoadBalancers.apply(StackId.service(namespace, name)), backends);
      return new PlannedStack(
          "Service",
          namespace + "/" + name,
          Optional.of(stack),
          Optional.empty(),
          List.of(),
          List.of());
    } catch (UserInputException e) {
      return new PlannedStack(
          "Service",
          namespace + "/" + name,
          Optional.empty(),
          Optional.of(e.getMessage()),
          List.of(),
          List.of());
    }
  }

  private Map<String, Object> plan(Service service, BackendServices backends) {
    var json = new LinkedHashMap<String, Object>();
    String namespace = service.getMetadata().getNamespace();
    String name = service.getMetadata().getName();
    json.put("service", namespace + "/" + name);
    try {
      var stack =
          builder.build(
              service, existingLoadBalancers.apply(StackId.service(namespace, name)), backends);
      json.put("stack", StackJson.toTree(stack));
    } catch (UserInputException e) {
      var error = new LinkedHashMap<String, Object>();
      error.put("field", e.field());
      error.put("message", e.getMessage().substring(e.field().length() + 2));
      json.put("error", error);
    }
    return json;
  }

  /** A manifest without a namespace means {@code default}, as kubectl applies it. */
  private static Service inItsNamespace(Service service) {
    if (service.getMetadata().getNamespace() != null) {
      return service;
    }
    return new ServiceBuilder(service)
        .editMetadata()
        .withNamespace("default")
        .endMetadata()
        .build();
  }
}
