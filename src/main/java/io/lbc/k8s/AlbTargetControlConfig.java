package io.lbc.k8s;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The ALB target control agent sidecar that the pod webhooks inject under the gate {@code
 * ALBTargetControlAgent}: one object named {@link #NAME}, in the pod's namespace or else in {@link
 * #DEFAULT_NAMESPACE}.
 */
@Group(TargetGroupBinding.GROUP)
@Version(value = "v1beta1", storage = true, served = true)
@Kind("ALBTargetControlConfig")
@Plural("albtargetcontrolconfigs")
@Singular("albtargetcontrolconfig")
@AdditionalPrinterColumn(
    name = "IMAGE",
    jsonPath = ".spec.image",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "DESTINATION",
    jsonPath = ".spec.destinationAddress",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "AGE",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class AlbTargetControlConfig extends CustomResource<AlbTargetControlConfigSpec, Void>
    implements Namespaced {
  /** The only name the webhooks read, as the reference's. */
  public static final String NAME = "aws-load-balancer-controller-alb-target-control-agent-config";

  /**
   * Where the defaults are read when the pod's namespace has none: the reference reads {@code
   * kube-system}, whatever namespace the controller runs in.
   */
  public static final String DEFAULT_NAMESPACE = "kube-system";
}
