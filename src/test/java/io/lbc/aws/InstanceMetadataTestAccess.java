package io.lbc.aws;

/** Lets tests of other packages make the metadata client's failure. */
public final class InstanceMetadataTestAccess {
  private InstanceMetadataTestAccess() {}

  public static InstanceMetadata.Unavailable unavailable(String message) {
    return new InstanceMetadata.Unavailable(message);
  }
}
