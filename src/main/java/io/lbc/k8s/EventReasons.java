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

  /** Ours: a member asked for a load balancer add-on whose flag is off; it is left alone. */
  public static final String ADD_ON_DISABLED = "AddOnDisabled";

  /**
   * Ours: a member asks for authentication or JWT validation, which go on HTTPS listeners only, and
   * also listens on HTTP without ssl-redirect: those requests are not authenticated.
   */
  public static final String AUTHENTICATION_ON_HTTPS_ONLY = "AuthenticationOnHttpsOnly";

  /**
   * Ours: a field of an AWS resource was written a few times and never read back as written; the
   * controller stops writing it until its desired value changes.
   */
  public static final String NON_CONVERGING_WRITE = "NonConvergingWrite";

  /** Ours: every endpoint failed its probes at once, so the targets were kept (fail-open). */
  public static final String KEPT_TARGETS_ALL_ENDPOINTS_NOT_READY =
      "KeptTargetsAllEndpointsNotReady";

  /**
   * Ours: registering a binding's new targets would take its load balancer over the account's
   * targets-per-load-balancer quota, so none of them was registered.
   */
  public static final String TARGETS_QUOTA_EXCEEDED = "TargetsQuotaExceeded";
}
