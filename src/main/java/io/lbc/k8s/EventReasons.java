package io.lbc.k8s;

/** Event reasons, named as the reference controller names them (its dashboards match on them). */
public final class EventReasons {
  private EventReasons() {}

  public static final String FAILED_ADD_FINALIZER = "FailedAddFinalizer";
  public static final String FAILED_REMOVE_FINALIZER = "FailedRemoveFinalizer";
  public static final String FAILED_UPDATE_STATUS = "FailedUpdateStatus";
  public static final String FAILED_CLEANUP = "FailedCleanup";
  public static final String FAILED_NETWORK_RECONCILE = "FailedNetworkReconcile";
  public static final String BACKEND_NOT_FOUND = "BackendNotFound";
  public static final String FAILED_RECONCILE = "FailedReconcile";
  public static final String SUCCESSFULLY_RECONCILED = "SuccessfullyReconciled";
  public static final String FAILED_BUILD_MODEL = "FailedBuildModel";
  public static final String FAILED_DEPLOY_MODEL = "FailedDeployModel";
  public static final String FAILED_LOAD_GROUP_ID = "FailedLoadGroupID";

  /**
   * Ours: an annotation under our prefixes that no key is declared for (a typo); the object is
   * still served.
   */
  public static final String UNKNOWN_ANNOTATION = "UnknownAnnotation";

  /** Ours: every endpoint failed its probes at once, so the targets were kept (fail-open). */
  public static final String KEPT_TARGETS_ALL_ENDPOINTS_NOT_READY =
      "KeptTargetsAllEndpointsNotReady";
}
