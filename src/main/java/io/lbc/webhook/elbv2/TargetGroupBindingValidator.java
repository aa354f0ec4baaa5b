package io.lbc.webhook.elbv2;

import static io.lbc.webhook.elbv2.BindingTargetGroup.isBlank;

import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.TargetGroupBindingSpec;
import io.lbc.k8s.TargetGroupBindingSpec.BindingIpAddressType;
import io.lbc.k8s.TargetGroupBindingSpec.BindingTargetType;
import io.lbc.k8s.TargetGroupBindingSpec.TargetGroupProtocol;
import io.lbc.webhook.AdmissionObjects;
import io.lbc.webhook.BindingLookups;
import io.lbc.webhook.Denial;
import io.lbc.webhook.ValidatingWebhook;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code vtargetgroupbinding.elbv2.k8s.aws} (compat-spec §3.2). Create: required fields,
 * nodeSelector only with instance targets, one binding per target group unless all are
 * multi-cluster, no assume-role with instance targets, and address type, VPC and protocol as the
 * target group has them. Update: required and immutable fields, nodeSelector, assume-role and
 * uniqueness.
 */
public final class TargetGroupBindingValidator extends ValidatingWebhook<TargetGroupBinding> {
  public static final String PATH = "/validate-elbv2-k8s-aws-v1beta1-targetgroupbinding";
  private static final Pattern VPC_ID =
      Pattern.compile("^(?:vpc-[0-9a-f]{8}|vpc-[0-9a-f]{17}|vpc-[0-9a-f]{32})$");

  private final BindingLookups lookups;
  private final TargetGroupCache targetGroups;
  private final String clusterVpcId;

  public TargetGroupBindingValidator(
      BindingLookups lookups, TargetGroupCache targetGroups, String clusterVpcId) {
    super(PATH, TargetGroupBinding.class);
    this.lookups = lookups;
    this.targetGroups = targetGroups;
    this.clusterVpcId = clusterVpcId;
  }

  @Override
  protected void validate(AdmissionRequest request, TargetGroupBinding binding) {
    TargetGroupBindingSpec spec = specOf(binding);
    var targetGroup = new BindingTargetGroup(targetGroups, spec);
    if (AdmissionObjects.isCreate(request)) {
      String arn = checkRequiredFields(spec, targetGroup);
      checkNodeSelector(spec);
      checkExistingTargetGroups(binding, arn);
      checkAssumeRoleConfig(spec);
      checkTargetGroupIpAddressType(spec, targetGroup, arn);
      checkTargetGroupVpcId(spec, targetGroup, arn);
      checkTargetGroupProtocol(spec, targetGroup, arn);
    } else if (AdmissionObjects.isUpdate(request)) {
      String arn = checkRequiredFields(spec, targetGroup);
      oldObject(request).ifPresent(old -> checkImmutableFields(spec, specOf(old)));
      checkNodeSelector(spec);
      checkAssumeRoleConfig(spec);
      checkExistingTargetGroups(binding, arn);
    }
  }

  private static TargetGroupBindingSpec specOf(TargetGroupBinding binding) {
    return binding.getSpec() == null ? new TargetGroupBindingSpec() : binding.getSpec();
  }

  /** Returns the binding's target group ARN, resolving a name-only binding. */
  private static String checkRequiredFields(
      TargetGroupBindingSpec spec, BindingTargetGroup targetGroup) {
    var absent = new ArrayList<String>();
    String arn = spec.targetGroupARN;
    if (isBlank(arn)) {
      if (isBlank(spec.targetGroupName)) {
        absent.add("either TargetGroupARN or TargetGroupName");
      } else {
        arn = targetGroup.get("checkRequiredFields").arn();
      }
    }
    if (spec.targetType == null) {
      absent.add("spec.targetType");
    }
    if (!absent.isEmpty()) {
      throw Denial.invalid(
          "checkRequiredFields",
          "TargetGroupBinding must specify these fields: " + String.join(",", absent));
    }
    return arn;
  }

  private void checkImmutableFields(TargetGroupBindingSpec spec, TargetGroupBindingSpec old) {
    var changed = new ArrayList<String>();
    if (!Objects.equals(orEmpty(spec.targetGroupARN), orEmpty(old.targetGroupARN))) {
      changed.add("spec.targetGroupARN");
    }
    if (spec.targetType != old.targetType) {
      changed.add("spec.targetType");
    }
    boolean ipTypeSetToNonDefault =
        old.ipAddressType == null
            && spec.ipAddressType != null
            && spec.ipAddressType != BindingIpAddressType.IPV4;
    boolean ipTypeDropped = spec.ipAddressType == null && old.ipAddressType != null;
    boolean ipTypeChanged =
        old.ipAddressType != null
            && spec.ipAddressType != null
            && old.ipAddressType != spec.ipAddressType;
    if (ipTypeSetToNonDefault || ipTypeDropped || ipTypeChanged) {
      changed.add("spec.ipAddressType");
    }
    String vpc = orEmpty(spec.vpcID);
    String oldVpc = orEmpty(old.vpcID);
    boolean vpcChanged = !vpc.isEmpty() && !oldVpc.isEmpty() && !vpc.equals(oldVpc);
    boolean vpcDropped = !oldVpc.isEmpty() && vpc.isEmpty();
    boolean vpcSetToAnother = oldVpc.isEmpty() && !vpc.isEmpty() && !vpc.equals(clusterVpcId);
    if (vpcChanged || vpcDropped || vpcSetToAnother) {
      changed.add("spec.vpcID");
    }
    if (!changed.isEmpty()) {
      throw Denial.invalid(
          "checkImmutableFields",
          "TargetGroupBinding update may not change these immutable fields: "
              + String.join(",", changed));
    }
  }

  private void checkExistingTargetGroups(TargetGroupBinding binding, String arn) {
    boolean multiCluster = Boolean.TRUE.equals(binding.getSpec().multiClusterTargetGroup);
    List<String> duplicates = new ArrayList<>();
    for (TargetGroupBinding other : lookups.bindingsOfTargetGroup(arn)) {
      if (sameObject(binding, other)) {
        continue;
      }
      if (!Boolean.TRUE.equals(other.getSpec().multiClusterTargetGroup)) {
        multiCluster = false;
      }
      duplicates.add(other.getMetadata().getNamespace() + "/" + other.getMetadata().getName());
    }
    if (!duplicates.isEmpty() && !multiCluster) {
      throw Denial.invalid(
          "checkExistingTargetGroups",
          "spec.targetGroupARN: TargetGroup "
              + arn
              + " is already bound to following TargetGroupBindings ["
              + String.join(" ", duplicates.stream().sorted().toList())
              + "]. Please enable MultiCluster mode on all TargetGroupBindings referencing "
              + arn
              + " or choose a different Target Group ARN.");
    }
  }

  private static boolean sameObject(TargetGroupBinding a, TargetGroupBinding b) {
    String uid = a.getMetadata().getUid();
    if (!isBlank(uid)) {
      return uid.equals(b.getMetadata().getUid());
    }
    return Objects.equals(a.getMetadata().getNamespace(), b.getMetadata().getNamespace())
        && Objects.equals(a.getMetadata().getName(), b.getMetadata().getName());
  }

  private static void checkNodeSelector(TargetGroupBindingSpec spec) {
    if (spec.targetType == BindingTargetType.IP && spec.nodeSelector != null) {
      throw Denial.invalid(
          "checkNodeSelector",
          "spec.nodeSelector: TargetGroupBinding cannot set NodeSelector when TargetType is ip");
    }
  }

  private static void checkAssumeRoleConfig(TargetGroupBindingSpec spec) {
    if (!isBlank(spec.iamRoleArnToAssume) && spec.targetType == BindingTargetType.INSTANCE) {
      throw Denial.invalid(
          "checkAssumeRoleConfig",
          "spec.iamRoleArnToAssume: Unable to use instance target type while using assume role");
    }
  }

  private static void checkTargetGroupIpAddressType(
      TargetGroupBindingSpec spec, BindingTargetGroup targetGroup, String arn) {
    String check = "checkTargetGroupIPAddressType";
    BindingIpAddressType actual = targetGroup.ipAddressType(check);
    BindingIpAddressType wanted =
        spec.ipAddressType == null ? BindingIpAddressType.IPV4 : spec.ipAddressType;
    if (actual != wanted) {
      throw Denial.invalid(
          check,
          "spec.ipAddressType: invalid IP address type "
              + actual.name().toLowerCase(Locale.ROOT)
              + " for TargetGroup "
              + arn);
    }
  }

  private static void checkTargetGroupVpcId(
      TargetGroupBindingSpec spec, BindingTargetGroup targetGroup, String arn) {
    String check = "checkTargetGroupVpcID";
    if (isBlank(spec.vpcID)) {
      return;
    }
    if (!VPC_ID.matcher(spec.vpcID).matches()) {
      throw Denial.invalid(
          check,
          "spec.vpcID: ValidationError: vpcID "
              + spec.vpcID
              + " failed to satisfy constraint: VPC Id must begin with 'vpc-' followed by 8, 17"
              + " or 32 lowercase letters (a-f) or numbers.");
    }
    if (!spec.vpcID.equals(targetGroup.get(check).vpcId())) {
      throw Denial.invalid(
          check,
          "spec.vpcID: invalid VpcID "
              + spec.vpcID
              + " doesnt match VpcID from TargetGroup "
              + arn);
    }
  }

  private static void checkTargetGroupProtocol(
      TargetGroupBindingSpec spec, BindingTargetGroup targetGroup, String arn) {
    String check = "checkTargetGroupProtocol";
    if (spec.targetGroupProtocol == null) {
      return; // legacy bindings have none
    }
    String actual = orEmpty(targetGroup.get(check).protocol());
    if (!actual.equals(spec.targetGroupProtocol.name())) {
      throw Denial.invalid(
          check,
          "spec.targetGroupProtocol: TargetGroup "
              + arn
              + " protocol differs (got "
              + spec.targetGroupProtocol.name()
              + ", expected "
              + actual
              + ")");
    }
    boolean quic =
        spec.targetGroupProtocol == TargetGroupProtocol.QUIC
            || spec.targetGroupProtocol == TargetGroupProtocol.TCP_QUIC;
    if (quic && spec.targetType == BindingTargetType.INSTANCE) {
      throw Denial.invalid(
          check,
          "spec.targetGroupProtocol: QUIC protocol is not supported for Instance target types.");
    }
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
