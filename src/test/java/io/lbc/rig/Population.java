package io.lbc.rig;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * A load-balanced namespace for the standby and failover tests: Ingresses {@code m-<i>} in groups
 * of ten, each with its NodePort Service, and NLB Services {@code lb-<i>}; and the health-check
 * interval annotation a test changes on either kind to see a change reach AWS.
 */
public final class Population {
  public static final String CHECKPOINT = "elbv2.k8s.aws/stack-checkpoint";
  public static final String INGRESS_INTERVAL =
      "alb.ingress.kubernetes.io/healthcheck-interval-seconds";
  public static final String SERVICE_INTERVAL =
      "service.beta.kubernetes.io/aws-load-balancer-healthcheck-interval";

  private final KubernetesClient kube;
  private final String ns;
  private final int ingresses;
  private final int services;

  public Population(KubernetesClient kube, String ns, int ingresses, int services) {
    this.kube = kube;
    this.ns = ns;
    this.ingresses = ingresses;
    this.services = services;
  }

  public int ingresses() {
    return ingresses;
  }

  public int services() {
    return services;
  }

  /** The IngressClass {@code alb} and every object. */
  public void create(ExecutorService pool) throws InterruptedException {
    createIngresses(pool, 0, ingresses);
    createServices(pool, 0, services);
  }

  /**
   * The IngressClass {@code alb} (cluster-scoped, applied idempotently) and Ingresses {@code
   * m-from} … {@code m-(to-1)}, each with its NodePort Service.
   */
  public void createIngresses(ExecutorService pool, int from, int to) throws InterruptedException {
    kube.resource(
            new IngressClassBuilder()
                .withNewMetadata()
                .withName("alb")
                .endMetadata()
                .withNewSpec()
                .withController("ingress.k8s.aws/alb")
                .endSpec()
                .build())
        .fieldManager("lbc-it")
        .forceConflicts()
        .serverSideApply();
    run(pool, from, to, this::member);
  }

  /** NLB Services {@code lb-from} … {@code lb-(to-1)}. */
  public void createServices(ExecutorService pool, int from, int to) throws InterruptedException {
    run(pool, from, to, this::loadBalancer);
  }

  /** Makes objects {@code from} … {@code to - 1} on the pool; the first failure is thrown. */
  public static void run(ExecutorService pool, int from, int to, IntConsumer make)
      throws InterruptedException {
    List<Callable<Object>> tasks =
        IntStream.range(from, to)
            .<Callable<Object>>mapToObj(
                i ->
                    () -> {
                      make.accept(i);
                      return null;
                    })
            .toList();
    for (Future<Object> done : pool.invokeAll(tasks)) {
      try {
        done.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("making an object failed", e.getCause());
      }
    }
  }

  private void member(int i) {
    String name = "m-" + i;
    kube.resource(
            Serialization.unmarshal(
                """
                apiVersion: v1
                kind: Service
                metadata: {namespace: '%1$s', name: '%2$s'}
                spec:
                  type: NodePort
                  selector: {app: '%2$s'}
                  ports: [{name: http, port: 80, targetPort: 8080}]
                """
                    .formatted(ns, name),
                Service.class))
        .create();
    Ingress ingress =
        Serialization.unmarshal(
            """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {namespace: '%1$s', name: '%2$s'}
            spec:
              ingressClassName: alb
              rules:
                - host: '%2$s.example.com'
                  http:
                    paths:
                      - {path: /, pathType: Prefix, backend: {service: {name: '%2$s', port: {name: http}}}}
            """
                .formatted(ns, name),
            Ingress.class);
    ingress
        .getMetadata()
        .setAnnotations(
            new HashMap<>(Map.of("alb.ingress.kubernetes.io/group.name", ns + "-g" + i / 10)));
    kube.resource(ingress).create();
  }

  private void loadBalancer(int i) {
    kube.resource(
            Serialization.unmarshal(
                """
                apiVersion: v1
                kind: Service
                metadata: {namespace: '%1$s', name: 'lb-%2$d'}
                spec:
                  type: LoadBalancer
                  loadBalancerClass: service.k8s.aws/nlb
                  selector: {app: 'lb-%2$d'}
                  ports: [{name: tcp, port: 80, targetPort: 8080, protocol: TCP}]
                """
                    .formatted(ns, i),
                Service.class))
        .create();
  }

  /**
   * Every Ingress and NLB Service has an address and a stack checkpoint: deployed with nothing held
   * back, so a fresh leader need not touch AWS for it.
   */
  public boolean converged() {
    long ingressesDone =
        kube.network().v1().ingresses().inNamespace(ns).list().getItems().stream()
            .filter(i -> hasAddress(i.getStatus() == null ? null : i.getStatus().getLoadBalancer()))
            .filter(Population::checkpointed)
            .count();
    long servicesDone =
        kube.services().inNamespace(ns).list().getItems().stream()
            .filter(s -> s.getMetadata().getName().startsWith("lb-"))
            .filter(s -> s.getStatus() != null && s.getStatus().getLoadBalancer() != null)
            .filter(s -> s.getStatus().getLoadBalancer().getIngress() != null)
            .filter(s -> !s.getStatus().getLoadBalancer().getIngress().isEmpty())
            .filter(Population::checkpointed)
            .count();
    return ingressesDone >= ingresses && servicesDone >= services;
  }

  private static boolean hasAddress(
      io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerStatus status) {
    return status != null && status.getIngress() != null && !status.getIngress().isEmpty();
  }

  private static boolean checkpointed(HasMetadata object) {
    var annotations = object.getMetadata().getAnnotations();
    return annotations != null && annotations.containsKey(CHECKPOINT);
  }

  /**
   * Sets the health-check interval of object {@code index}: Ingresses first ({@code m-<i>}), then
   * NLB Services ({@code lb-<i>}). Returns the object's name.
   */
  public String changeInterval(int index, int seconds) {
    if (index < ingresses) {
      String name = "m-" + index;
      Edits.edit(
          kube.network().v1().ingresses().inNamespace(ns).withName(name),
          i -> {
            i.getMetadata().getAnnotations().put(INGRESS_INTERVAL, String.valueOf(seconds));
            return i;
          });
      return name;
    }
    String name = "lb-" + (index - ingresses);
    Edits.edit(
        kube.services().inNamespace(ns).withName(name),
        s -> {
          var annotations = s.getMetadata().getAnnotations();
          if (annotations == null) {
            annotations = new HashMap<>();
            s.getMetadata().setAnnotations(annotations);
          }
          annotations.put(SERVICE_INTERVAL, String.valueOf(seconds));
          return s;
        });
    return name;
  }
}
