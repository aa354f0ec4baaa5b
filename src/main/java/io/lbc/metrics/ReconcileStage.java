package io.lbc.metrics;

/**
 * A timed step of a reconcile, named as the reference controller names it in {@code
 * awslbc_controller_reconcile_stage_duration{reconcile_stage}}, with the {@code error_category} of
 * {@code awslbc_controller_reconcile_errors_total} a failure of that step counts under.
 */
public record ReconcileStage(String name, String errorCategory) {
  public static final ReconcileStage FETCH_INGRESS = step("fetch_ingress");
  public static final ReconcileStage ADD_GROUP_FINALIZER = step("add_group_finalizer");
  public static final ReconcileStage BUILD_MODEL = step("build_model");
  public static final ReconcileStage DEPLOY_MODEL = step("deploy_model");
  public static final ReconcileStage DNS_RESOLVE_AND_UPDATE_STATUS =
      step("dns_resolve_and_update_status");
  public static final ReconcileStage REMOVE_GROUP_FINALIZER = step("remove_group_finalizer");
  public static final ReconcileStage ADD_FINALIZERS = step("add_finalizers");
  public static final ReconcileStage UPDATE_STATUS = step("update_status");
  public static final ReconcileStage CLEANUP_LOAD_BALANCER = step("cleanup_load_balancer");
  public static final ReconcileStage RECONCILE_TARGETGROUPBINDING =
      step("reconcile_targetgroupbinding");

  /** A step whose failures count as {@code <name>_error}, the reference's usual category. */
  static ReconcileStage step(String name) {
    return new ReconcileStage(name, name + "_error");
  }

  /**
   * A synthesizer of the stack deployer: the reference names the stage and the error category after
   * the synthesizer's Go type, e.g. {@code *elbv2.targetGroupSynthesizer}.
   */
  public static ReconcileStage synthesizer(String goTypeName) {
    return new ReconcileStage(goTypeName, goTypeName);
  }
}
