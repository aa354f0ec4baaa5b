package io.lbc.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lbc.deploy.DeployContext;
import io.lbc.deploy.RetryLaterException;
import io.lbc.deploy.Synthesizer;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.metrics.TargetGroupInfo;
import io.lbc.model.Resource;
import io.lbc.model.ResourceType;
import io.lbc.model.TrackingTags;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's TargetGroupBinding objects, found by the stack labels ({@link StackBindings}: in the
 * controller's informer, no request per deploy) and matched by target group ARN: created, updated
 * where the spec drifted, deleted when their target group is no longer wanted (before the target
 * group itself goes). A deleted binding is waited for until its controller has deregistered its
 * targets and revoked its security group rules, so that the target group and the backend security
 * group are not deleted beneath it.
 */
public final class TargetGroupBindingSynthesizer implements Synthesizer {
  private static final Logger log = LoggerFactory.getLogger(TargetGroupBindingSynthesizer.class);
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  static final Duration RELEASE_WAIT = Duration.ofSeconds(10);
  static final Duration RELEASE_RETRY = Duration.ofSeconds(5);

  private final KubernetesClient kube;
  private final TargetGroupInfo info;
  private final StackBindings bindings;
  private final List<TargetGroupBinding> deleted = new ArrayList<>();

  public TargetGroupBindingSynthesizer(KubernetesClient kube) {
    this(kube, TargetGroupInfo.off(), StackBindings.listed(kube));
  }

  /**
   * @param info {@code aws_target_group_info}: set for each binding created or found in place,
   *     removed for each one deleted
   * @param bindings where the stack's bindings are read (the controller's informer; may lag behind
   *     the apiserver by a moment: a create that finds the name taken reads that object)
   */
  public TargetGroupBindingSynthesizer(
      KubernetesClient kube, TargetGroupInfo info, StackBindings bindings) {
    this.kube = kube;
    this.info = info;
    this.bindings = bindings;
  }

  @Override
  public String stageName() {
    return "*elbv2.targetGroupBindingSynthesizer";
  }

  @Override
  public void synthesize(DeployContext context) {
    List<TargetGroupBinding> actual =
        new ArrayList<>(bindings.labelled(TrackingTags.bindingLabels(context.stackId())));
    for (Resource<TargetGroupBindingResourceSpec> desired :
        context
            .stack()
            .resources(ResourceType.TARGET_GROUP_BINDING, TargetGroupBindingResourceSpec.class)) {
      TargetGroupBinding wanted =
          BindingTemplates.toBinding(desired.spec().template(), context.tokens());
      TargetGroupBinding existing =
          actual.stream()
              .filter(
                  b ->
                      b.getSpec() != null
                          && wanted.getSpec().targetGroupARN.equals(b.getSpec().targetGroupARN))
              .findFirst()
              .orElse(null);
      actual.remove(existing);
      if (existing == null) {
        log.info(
            "creating targetGroupBinding stack={} resourceId={} name={}/{}",
            context.stackId(),
            desired.id(),
            wanted.getMetadata().getNamespace(),
            wanted.getMetadata().getName());
        existing = create(wanted);
      }
      if (existing != null && drifted(wanted, existing)) {
        log.info(
            "updating targetGroupBinding stack={} resourceId={} name={}/{}",
            context.stackId(),
            desired.id(),
            existing.getMetadata().getNamespace(),
            existing.getMetadata().getName());
        // a merge patch of the fields the stack sets: what webhooks defaulted stays
        String patch =
            Serialization.asJson(
                Map.of(
                    "metadata", Map.of("labels", wanted.getMetadata().getLabels()),
                    "spec", SERIALIZATION.convertValue(wanted.getSpec(), JsonNode.class)));
        byName(existing).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
      }
      bound(wanted);
    }
    for (TargetGroupBinding unwanted : actual) {
      log.info(
          "deleting targetGroupBinding stack={} name={}/{}",
          context.stackId(),
          unwanted.getMetadata().getNamespace(),
          unwanted.getMetadata().getName());
      // by name: the cached copy may be older than the object (a binding already gone is fine)
      byName(unwanted).delete();
      deleted.add(unwanted);
    }
  }

  /**
   * Creates the binding; null when created. When its name is taken (the informer has not yet seen a
   * binding this controller made a moment ago) the object of that name, read with a GET.
   */
  private TargetGroupBinding create(TargetGroupBinding wanted) {
    try {
      kube.resource(wanted).create();
      return null;
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      TargetGroupBinding found = byName(wanted).get();
      if (found == null) {
        throw new RetryLaterException(
            "targetGroupBinding "
                + wanted.getMetadata().getNamespace()
                + "/"
                + wanted.getMetadata().getName()
                + " is being replaced",
            RELEASE_RETRY);
      }
      log.info(
          "targetGroupBinding {}/{} exists already (not yet in the cache)",
          wanted.getMetadata().getNamespace(),
          wanted.getMetadata().getName());
      return found;
    }
  }

  private io.fabric8.kubernetes.client.dsl.Resource<TargetGroupBinding> byName(
      TargetGroupBinding binding) {
    return kube.resources(TargetGroupBinding.class)
        .inNamespace(binding.getMetadata().getNamespace())
        .withName(binding.getMetadata().getName());
  }

  /**
   * Runs first among the clean-ups: waits until the deleted bindings are gone.
   *
   * @throws RetryLaterException when one still holds its finalizer after {@link #RELEASE_WAIT}
   */
  @Override
  public void postSynthesize(DeployContext context) {
    long deadline = System.nanoTime() + RELEASE_WAIT.toNanos();
    for (TargetGroupBinding binding : deleted) {
      String uid = binding.getMetadata().getUid();
      long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      try {
        byName(binding)
            .waitUntilCondition(
                b -> b == null || !uid.equals(b.getMetadata().getUid()),
                left,
                TimeUnit.MILLISECONDS);
      } catch (KubernetesClientTimeoutException e) {
        throw new RetryLaterException(
            "targetGroupBinding "
                + binding.getMetadata().getNamespace()
                + "/"
                + binding.getMetadata().getName()
                + " has not released its targets yet",
            RELEASE_RETRY);
      }
      info.unbound(
          binding.getMetadata().getNamespace(),
          binding.getSpec().serviceRef.name,
          binding.getSpec().targetGroupARN);
      log.info(
          "deleted targetGroupBinding stack={} name={}/{}",
          context.stackId(),
          binding.getMetadata().getNamespace(),
          binding.getMetadata().getName());
    }
  }

  private void bound(TargetGroupBinding binding) {
    info.bound(
        binding.getMetadata().getNamespace(),
        binding.getSpec().serviceRef.name,
        binding.getSpec().targetGroupARN);
  }

  /**
   * True when a field the stack sets differs; fields others default (e.g. webhooks) are ignored.
   */
  static boolean drifted(TargetGroupBinding wanted, TargetGroupBinding existing) {
    JsonNode desired = SERIALIZATION.convertValue(wanted.getSpec(), JsonNode.class);
    JsonNode actual = SERIALIZATION.convertValue(existing.getSpec(), JsonNode.class);
    Map<String, String> labels = existing.getMetadata().getLabels();
    boolean labelsDrifted =
        labels == null
            || !labels.entrySet().containsAll(wanted.getMetadata().getLabels().entrySet());
    return labelsDrifted || !contains(actual, desired);
  }

  private static boolean contains(JsonNode actual, JsonNode desired) {
    if (desired.isObject()) {
      if (actual == null || !actual.isObject()) {
        return false;
      }
      Iterator<Map.Entry<String, JsonNode>> fields = desired.fields();
      while (fields.hasNext()) {
        var field = fields.next();
        if (!contains(actual.get(field.getKey()), field.getValue())) {
          return false;
        }
      }
      return true;
    }
    return desired.equals(actual);
  }
}
