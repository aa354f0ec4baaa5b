package io.lbc.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The older {@code elbv2.k8s.aws/v1alpha1} TargetGroupBinding, served as the reference serves it:
 * the CRD's conversion strategy is {@code None} (the reference ships no conversion webhook), so the
 * apiserver stores it as v1beta1 and only rewrites {@code apiVersion}; the controller reads every
 * binding as v1beta1. Its schema is the v1beta1 one without the fields added since (node selector,
 * IP address type, VPC ID, target group protocol) and with a status that has only {@code
 * observedGeneration}.
 */
@Group(TargetGroupBinding.GROUP)
@Version(value = "v1alpha1", storage = false, served = true)
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
public class TargetGroupBindingV1alpha1
    extends CustomResource<TargetGroupBindingV1alpha1.Spec, TargetGroupBindingStatus>
    implements Namespaced {

  /** The v1alpha1 spec: the v1beta1 fields the reference's v1alpha1 type has. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Spec {
    @JsonProperty("targetGroupARN")
    public String targetGroupARN;

    public String targetGroupName;

    public Boolean multiClusterTargetGroup;

    public TargetGroupBindingSpec.BindingTargetType targetType;

    @Required public TargetGroupBindingSpec.ServiceReference serviceRef;

    public TargetGroupBindingSpec.Networking networking;

    public String iamRoleArnToAssume;

    public String assumeRoleExternalId;
  }
}
