package io.lbc.rig;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.net.HttpURLConnection;
import java.util.function.UnaryOperator;

/**
 * Test edits of objects the running controller also writes (finalizers, status, annotations).
 * fabric8's {@code edit} sends the resourceVersion it read, so a controller write between the read
 * and the patch fails the test's edit with 409 Conflict; re-reading and re-applying the change is
 * what any client must do then.
 */
public final class Edits {
  private static final int ATTEMPTS = 10;

  private Edits() {}

  public static <T extends HasMetadata> T edit(Resource<T> resource, UnaryOperator<T> change) {
    return retried(() -> resource.edit(change));
  }

  /** The same through {@code /status}, e.g. a pod condition kwok or a controller also writes. */
  public static <T extends HasMetadata> T editStatus(
      Resource<T> resource, UnaryOperator<T> change) {
    return retried(() -> resource.editStatus(change));
  }

  private static <T> T retried(java.util.function.Supplier<T> write) {
    for (int attempt = 1; ; attempt++) {
      try {
        return write.get();
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == ATTEMPTS) {
          throw e;
        }
        pause(attempt);
      }
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(20L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying a conflicting edit", e);
    }
  }
}
