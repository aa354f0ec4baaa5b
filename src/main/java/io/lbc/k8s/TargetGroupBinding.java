package io.lbc.k8s;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** Binds a Service's endpoints (or nodes) to an ELBv2 target group. */
@Group(TargetGroupBinding.GROUP)
@Version(value = "v1beta1", storage = true, served = true)
@Kind("TargetGroupBinding")
@Plural("targetgroupbindings")
@Singular("targetgroupbinding")
@AdditionalPrinterColumn(
    name = "SERVICE-NAME",
    jsonPath = ".spec.serviceRef.name",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "SERVICE-PORT",
    jsonPath = ".spec.serviceRef.port",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "TARGET-TYPE",
    jsonPath = ".spec.targetType",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "ARN",
    jsonPath = ".spec.targetGroupARN",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "NAME",
    jsonPath = ".spec.targetGroupName",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 2)
@AdditionalPrinterColumn(
    name = "AGE",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class TargetGroupBinding
    extends CustomResource<TargetGroupBindingSpec, TargetGroupBindingStatus> implements Namespaced {
  public static final String GROUP = "elbv2.k8s.aws";

  /** Held while the controller may still have targets registered for this binding. */
  public static final String FINALIZER = "elbv2.k8s.aws/resources";
}
