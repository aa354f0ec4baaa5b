package io.lbc.rig;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives integration tests the real peers: the rig is started once per test run (or reused from
 * {@code LBC_RIG_ENV}); every test gets a fresh namespace and a freshly reset moto. Test methods
 * and constructors may ask for {@link Rig}, {@link KubernetesClient} (admin), {@link
 * TestNamespace}, {@link AwsTestClients} and {@link TargetHealthControl}.
 */
public final class RigExtension
    implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace STORE =
      ExtensionContext.Namespace.create(RigExtension.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    rig(context).resetMoto();
  }

  /** Created on first request, in the test method's own store. */
  private static TestNamespace namespace(ExtensionContext context) {
    return context
        .getStore(STORE)
        .computeIfAbsent(
            TestNamespace.class,
            k -> {
              String name = namespaceName(context.getRequiredTestMethod().getName());
              kube(context)
                  .namespaces()
                  .resource(
                      new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                  .create();
              return new TestNamespace(name);
            },
            TestNamespace.class);
  }

  /** A DNS label: "t-", the test's name lower-cased and cut, and a random suffix. */
  static String namespaceName(String testName) {
    String base = testName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    base = base.substring(0, Math.min(40, base.length())).replaceAll("^-|-$", "");
    return "t-"
        + base
        + "-"
        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    TestNamespace namespace = context.getStore(STORE).get(TestNamespace.class, TestNamespace.class);
    if (namespace != null) {
      // The namespace controller finishes the deletion unless an object in it keeps a finalizer
      // or a pod no kubelet (kwok) terminates; a namespace left Terminating is harmless here.
      kube(context).namespaces().withName(namespace.name()).delete();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Rig.class
        || type == KubernetesClient.class
        || type == TestNamespace.class
        || type == AwsTestClients.class
        || type == TargetHealthControl.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == Rig.class) {
      return rig(context);
    }
    if (type == KubernetesClient.class) {
      return kube(context);
    }
    if (type == AwsTestClients.class) {
      return root(context)
          .computeIfAbsent(
              AwsTestClients.class,
              k -> new AwsTestClients(rig(context).motoUrl()),
              AwsTestClients.class);
    }
    if (type == TargetHealthControl.class) {
      return new TargetHealthControl(rig(context).motoUrl());
    }
    return namespace(context);
  }

  /** The rig of this test run; started on first use, stopped when the run ends. */
  static Rig rig(ExtensionContext context) {
    return root(context).computeIfAbsent(Rig.class, k -> Rig.startOrReuse(), Rig.class);
  }

  static KubernetesClient kube(ExtensionContext context) {
    return root(context)
        .computeIfAbsent(
            KubernetesClient.class, k -> adminClient(rig(context)), KubernetesClient.class);
  }

  /** A client with the rig's admin token, trusting the apiserver's self-signed certificate. */
  public static KubernetesClient adminClient(Rig rig) {
    try {
      Config config =
          Config.fromKubeconfig(
              null, Files.readString(rig.kubeconfig()), rig.kubeconfig().toString());
      return new KubernetesClientBuilder().withConfig(config).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ExtensionContext.Store root(ExtensionContext context) {
    return context.getRoot().getStore(STORE);
  }
}
