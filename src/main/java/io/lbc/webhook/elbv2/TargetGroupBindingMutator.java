package io.lbc.webhook.elbv2;

import static io.lbc.webhook.elbv2.BindingTargetGroup.isBlank;

import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.TargetGroupBindingSpec;
import io.lbc.webhook.AdmissionObjects;
import io.lbc.webhook.Denial;
import io.lbc.webhook.MutatingWebhook;
import io.lbc.webhook.PatchOperation;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mtargetgroupbinding.elbv2.k8s.aws}: on create, resolves {@code targetGroupName} to the ARN
 * and fills {@code targetType}, {@code ipAddressType}, {@code vpcID} and {@code
 * targetGroupProtocol} from the target group, with one DescribeTargetGroups. Updates pass
 * unchanged.
 */
public final class TargetGroupBindingMutator extends MutatingWebhook<TargetGroupBinding> {
  public static final String PATH = "/mutate-elbv2-k8s-aws-v1beta1-targetgroupbinding";

  private final TargetGroupCache targetGroups;

  public TargetGroupBindingMutator(TargetGroupCache targetGroups) {
    super(PATH, TargetGroupBinding.class, false);
    this.targetGroups = targetGroups;
  }

  @Override
  protected boolean applies(AdmissionRequest request) {
    return AdmissionObjects.isCreate(request);
  }

  @Override
  protected List<PatchOperation> patch(AdmissionRequest request, TargetGroupBinding binding) {
    TargetGroupBindingSpec spec =
        binding.getSpec() == null ? new TargetGroupBindingSpec() : binding.getSpec();
    if (isBlank(spec.targetGroupARN) && isBlank(spec.targetGroupName)) {
      throw Denial.invalid(
          "checkTargetGroupArnOrName",
          "spec.targetGroupARN: must provide either TargetGroupARN or TargetGroupName");
    }
    var targetGroup = new BindingTargetGroup(targetGroups, spec);
    var patch = new ArrayList<PatchOperation>();
    if (isBlank(spec.targetGroupARN)) {
      patch.add(
          PatchOperation.add(
              "/spec/targetGroupARN", targetGroup.get("getArnFromNameIfNeeded").arn()));
    }
    if (spec.targetType == null) {
      patch.add(
          PatchOperation.add("/spec/targetType", targetGroup.targetType("defaultingTargetType")));
    }
    if (spec.ipAddressType == null) {
      patch.add(
          PatchOperation.add(
              "/spec/ipAddressType", targetGroup.ipAddressType("defaultingIPAddressType")));
    }
    if (isBlank(spec.vpcID)) {
      String vpcId = targetGroup.get("defaultingVpcID").vpcId();
      if (!isBlank(vpcId)) {
        patch.add(PatchOperation.add("/spec/vpcID", vpcId));
      }
    }
    if (spec.targetGroupProtocol == null) {
      targetGroup
          .protocol("defaultingTargetGroupProtocol")
          .ifPresent(p -> patch.add(PatchOperation.add("/spec/targetGroupProtocol", p)));
    }
    return patch;
  }
}
