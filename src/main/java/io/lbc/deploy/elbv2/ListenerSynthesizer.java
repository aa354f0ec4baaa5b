package io.lbc.deploy.elbv2;

import io.lbc.aws.elbv2.Elbv2;
import io.lbc.aws.elbv2.Listener;
import io.lbc.aws.elbv2.ListenerCertificate;
import io.lbc.aws.elbv2.ListenerSettings;
import io.lbc.deploy.AttributeSync;
import io.lbc.deploy.DeployContext;
import io.lbc.deploy.Synthesizer;
import io.lbc.model.Resource;
import io.lbc.model.ResourceType;
import io.lbc.model.Token;
import io.lbc.model.elbv2.ListenerSpec;
import io.lbc.model.elbv2.LoadBalancerSpec;
import io.lbc.model.elbv2.MutualAuthentication;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listeners of each of the stack's load balancers, matched by port: created, modified in place
 * (protocol, default actions, default and SNI certificates, SSL and ALPN policy, mutual TLS,
 * attributes, tags), and deleted when their port is no longer wanted.
 */
public final class ListenerSynthesizer implements Synthesizer {
  private static final Logger log = LoggerFactory.getLogger(ListenerSynthesizer.class);
  private static final String TYPE = "listener";
  private static final List<String> SETTINGS =
      List.of(
          "protocol",
          "defaultActions",
          "defaultCertificate",
          "sslPolicy",
          "alpnPolicy",
          "mutualAuthentication");

  private final Elbv2 elbv2;
  private final ElbTags tags;
  private final ListenerFeatures features;

  public ListenerSynthesizer(Elbv2 elbv2, ElbTags tags) {
    this(elbv2, tags, ListenerFeatures.defaults());
  }

  public ListenerSynthesizer(Elbv2 elbv2, ElbTags tags, ListenerFeatures features) {
    this.elbv2 = elbv2;
    this.tags = tags.enabledIf(features.tagging());
    this.features = features;
  }

  @Override
  public String stageName() {
    return "*elbv2.listenerSynthesizer";
  }

  @Override
  public void synthesize(DeployContext context) {
    List<Resource<ListenerSpec>> all =
        context.stack().resources(ResourceType.LISTENER, ListenerSpec.class);
    for (Resource<LoadBalancerSpec> lb :
        context.stack().resources(ResourceType.LOAD_BALANCER, LoadBalancerSpec.class)) {
      var lbArn = context.tokens().get(ResourceType.LOAD_BALANCER, lb.id(), LoadBalancerSpec.ARN);
      if (lbArn.isEmpty()) {
        continue; // not deployed: nothing to attach listeners to
      }
      Token ref = ResourceType.LOAD_BALANCER.ref(lb.id(), LoadBalancerSpec.ARN);
      List<Resource<ListenerSpec>> wanted =
          all.stream().filter(l -> l.spec().loadBalancerARN().equals(ref)).toList();
      synthesize(context, lbArn.get(), wanted);
    }
  }

  /** The listeners of one load balancer: matched by port, the unwanted ones deleted. */
  private void synthesize(
      DeployContext context, String lbArn, List<Resource<ListenerSpec>> wanted) {
    Map<Integer, Listener> actualByPort = new HashMap<>();
    List<Listener> listeners = elbv2.describeListeners(lbArn);
    tags.prefetch(listeners.stream().map(Listener::arn).toList());
    for (Listener listener : listeners) {
      Listener duplicate = actualByPort.putIfAbsent(listener.port(), listener);
      if (duplicate != null) {
        delete(context, listener); // a second listener on one port can only be a leftover
      }
    }
    Set<Integer> wantedPorts =
        wanted.stream().map(r -> r.spec().port()).collect(Collectors.toSet());
    for (Listener listener : new ArrayList<>(actualByPort.values())) {
      if (!wantedPorts.contains(listener.port())) {
        delete(context, listener);
        actualByPort.remove(listener.port());
      }
    }
    for (Resource<ListenerSpec> desired : wanted) {
      Listener actual = actualByPort.get(desired.spec().port());
      String arn =
          actual == null ? create(context, lbArn, desired) : update(context, desired, actual);
      context.tokens().put(ResourceType.LISTENER, desired.id(), ListenerSpec.ARN, arn);
    }
  }

  private String create(DeployContext context, String lbArn, Resource<ListenerSpec> desired) {
    ListenerSpec spec = desired.spec().withResolvedCertificates(context.tokens()::resolve);
    ListenerSettings settings = settings(context, desired, spec, spec.defaultCertificateArn());
    Map<String, String> allTags = tags.onCreate(tagsFor(context, desired, settings));
    context.logWrite(log, "creating", TYPE, desired.id(), lbArn);
    Listener created = elbv2.createListener(lbArn, settings, allTags);
    tags.created(created.arn(), allTags);
    context.logWrite(log, "created", TYPE, desired.id(), created.arn());
    List<String> sni = sniCertificates(spec);
    if (!sni.isEmpty()) {
      elbv2.addListenerCertificates(created.arn(), sni);
    }
    AttributeSync.sync(
        spec.listenerAttributes(),
        Map::of,
        attributes -> elbv2.modifyListenerAttributes(created.arn(), attributes));
    return created.arn();
  }

  private String update(DeployContext context, Resource<ListenerSpec> desired, Listener actual) {
    ListenerSpec spec = desired.spec().withResolvedCertificates(context.tokens()::resolve);
    String defaultCertificate =
        spec.acceptsDefaultCertificate(actual.defaultCertificateArn())
            ? actual.defaultCertificateArn()
            : spec.defaultCertificateArn();
    ListenerSettings settings = settings(context, desired, spec, defaultCertificate);
    if (mayWriteDrifted(context, desired.id(), drift(settings, withSecretVersion(actual)))) {
      context.logWrite(log, "modifying", TYPE, desired.id(), actual.arn());
      elbv2.modifyListener(actual.arn(), settings);
    }
    syncSniCertificates(context, desired, actual.arn(), defaultCertificate);
    AttributeSync.sync(
        spec.listenerAttributes(),
        () -> elbv2.describeListenerAttributes(actual.arn()),
        changes -> {
          if (context.writes().mayWrite(TYPE, desired.id(), "attributes", changes, null)) {
            context.logWrite(log, "modifying attributes of", TYPE, desired.id(), actual.arn());
            elbv2.modifyListenerAttributes(actual.arn(), changes);
          }
        },
        () -> context.writes().converged(TYPE, desired.id(), "attributes"));
    tags.sync(context, TYPE, desired.id(), actual.arn(), tagsFor(context, desired, settings));
    return actual.arn();
  }

  private static Map<String, String> tagsFor(
      DeployContext context, Resource<ListenerSpec> desired, ListenerSettings settings) {
    return ClientSecretVersions.tags(
        context.tagsFor(desired.id(), desired.spec().tags()), settings.defaultActions());
  }

  /** The listener with the version of the OIDC client secret it holds, which only its tags tell. */
  private Listener withSecretVersion(Listener listener) {
    if (listener.defaultActions().stream().noneMatch(a -> a.authenticateOidcConfig() != null)) {
      return listener;
    }
    return new Listener(
        listener.arn(),
        listener.loadBalancerArn(),
        listener.port(),
        listener.protocol(),
        ClientSecretVersions.recorded(listener.defaultActions(), tags.current(listener.arn())),
        listener.defaultCertificateArn(),
        listener.sslPolicy(),
        listener.alpnPolicy(),
        listener.mutualAuthentication());
  }

  /**
   * The certificates besides the default one. The reference also lists the default certificate
   * there (AddListenerCertificates), we do not: both layouts are taken as converged, so the default
   * certificate is neither added to nor removed from that list.
   */
  private void syncSniCertificates(
      DeployContext context, Resource<ListenerSpec> desired, String arn, String defaultArn) {
    ListenerSpec spec = desired.spec().withResolvedCertificates(context.tokens()::resolve);
    if (spec.certificates() == null || spec.certificates().isEmpty()) {
      return;
    }
    Set<String> wanted =
        spec.certificates().stream()
            .map(ListenerSpec.Certificate::arn)
            .filter(c -> !c.equals(defaultArn))
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> present =
        elbv2.describeListenerCertificates(arn).stream()
            .filter(c -> !c.isDefault())
            .map(ListenerCertificate::certificateArn)
            .filter(c -> !c.equals(defaultArn))
            .collect(Collectors.toCollection(TreeSet::new));
    if (wanted.equals(present)) {
      context.writes().converged(TYPE, desired.id(), "certificates");
      return;
    }
    if (!context.writes().mayWrite(TYPE, desired.id(), "certificates", wanted, present)) {
      return;
    }
    List<String> add = wanted.stream().filter(c -> !present.contains(c)).toList();
    List<String> remove = present.stream().filter(c -> !wanted.contains(c)).toList();
    if (!add.isEmpty()) {
      context.logWrite(log, "adding certificates to", TYPE, desired.id(), arn);
      elbv2.addListenerCertificates(arn, add);
    }
    if (!remove.isEmpty()) {
      context.logWrite(log, "removing certificates from", TYPE, desired.id(), arn);
      elbv2.removeListenerCertificates(arn, remove);
    }
  }

  private void delete(DeployContext context, Listener listener) {
    context.logWrite(log, "deleting", TYPE, String.valueOf(listener.port()), listener.arn());
    elbv2.deleteListener(listener.arn());
    tags.forget(listener.arn());
    context.logWrite(log, "deleted", TYPE, String.valueOf(listener.port()), listener.arn());
  }

  /** {@code spec} is the desired spec with its certificates resolved. */
  private ListenerSettings settings(
      DeployContext context,
      Resource<ListenerSpec> desired,
      ListenerSpec spec,
      String defaultCertificate) {
    boolean secure = "HTTPS".equals(spec.protocol()) || "TLS".equals(spec.protocol());
    return new ListenerSettings(
        spec.port(),
        spec.protocol(),
        features.gated(desired.id(), context.tokens().resolve(spec.defaultActions())),
        defaultCertificate,
        secure ? spec.sslPolicy() : null,
        spec.alpnPolicy() == null ? List.of() : spec.alpnPolicy(),
        spec.mutualAuthentication());
  }

  /** Each setting that differs, by name: what is desired and what was read. */
  private static Map<String, List<Object>> drift(ListenerSettings desired, Listener actual) {
    var drift = new LinkedHashMap<String, List<Object>>();
    if (!desired.protocol().equals(actual.protocol())) {
      drift.put("protocol", Arrays.asList(desired.protocol(), actual.protocol()));
    }
    if (!ActionComparison.sameActions(desired.defaultActions(), actual.defaultActions())) {
      drift.put("defaultActions", Arrays.asList(desired.defaultActions(), actual.defaultActions()));
    }
    if (!Objects.equals(desired.defaultCertificateArn(), actual.defaultCertificateArn())) {
      drift.put(
          "defaultCertificate",
          Arrays.asList(desired.defaultCertificateArn(), actual.defaultCertificateArn()));
    }
    if (desired.sslPolicy() != null && !desired.sslPolicy().equals(actual.sslPolicy())) {
      drift.put("sslPolicy", Arrays.asList(desired.sslPolicy(), actual.sslPolicy()));
    }
    if (!desired.alpnPolicy().isEmpty() && !desired.alpnPolicy().equals(actual.alpnPolicy())) {
      drift.put("alpnPolicy", Arrays.asList(desired.alpnPolicy(), actual.alpnPolicy()));
    }
    if (mutualTlsDrifted(desired.mutualAuthentication(), actual.mutualAuthentication())) {
      drift.put(
          "mutualAuthentication",
          Arrays.asList(desired.mutualAuthentication(), actual.mutualAuthentication()));
    }
    return drift;
  }

  /**
   * Whether to send ModifyListener: some drifted setting may still be written. Settings that read
   * back as desired are forgotten by the non-converging write tracker.
   */
  private static boolean mayWriteDrifted(
      DeployContext context, String id, Map<String, List<Object>> drift) {
    boolean write = false;
    for (String field : SETTINGS) {
      List<Object> values = drift.get(field);
      if (values == null) {
        context.writes().converged(TYPE, id, field);
      } else {
        write |= context.writes().mayWrite(TYPE, id, field, values.get(0), values.get(1));
      }
    }
    return write;
  }

  /**
   * Mutual TLS is compared only when the stack sets it: without a setting the listener keeps what
   * it has (the model sets {@code off} explicitly when {@code EnhancedDefaultBehavior} wants it
   * removed).
   */
  private static boolean mutualTlsDrifted(
      MutualAuthentication desired, MutualAuthentication actual) {
    return desired != null && !MutualAuthentication.same(desired, actual);
  }

  private static List<String> sniCertificates(ListenerSpec spec) {
    if (spec.certificates() == null || spec.certificates().size() < 2) {
      return List.of();
    }
    return spec.certificates().subList(1, spec.certificates().size()).stream()
        .map(ListenerSpec.Certificate::arn)
        .filter(arn -> !arn.equals(spec.certificates().get(0).arn()))
        .distinct()
        .toList();
  }
}
