package io.lbc.model;

/** Values every stack of the cluster shares, resolved when a stack is deployed. */
public final class SharedRefs {
  /**
   * The ID of the cluster's shared backend security group (compat-spec §6.2): attached to load
   * balancers and used as the source of node rules. Ensured by the deployer, never by the builder,
   * so building stays free of writes.
   */
  public static final Token.Ref BACKEND_SECURITY_GROUP = Token.Ref.shared("backendSecurityGroup");

  private SharedRefs() {}
}
