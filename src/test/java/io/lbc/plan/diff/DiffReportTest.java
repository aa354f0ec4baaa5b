package io.lbc.plan.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.lbc.plan.diff.PlannedChange.FieldChange;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiffReportTest {
  @Test
  void writesToOneResourceAreOneModifyAndEqualValuesAreNoChange() {
    var log = new ChangeLog();
    log.modify("TargetGroup", "tg", List.of(new FieldChange("healthCheck.path", "/", "/hz")));
    log.modify("TargetGroup", "tg", List.of(new FieldChange("attributes.x", "1", "2")));
    log.modify("TargetGroup", "same", List.of(new FieldChange("attributes.x", "1", "1")));
    log.create("Listener", "lb:80", List.of(new FieldChange("protocol", null, "HTTP")));
    log.modify("Listener", "lb:80", List.of(new FieldChange("attributes.y", null, "z")));

    assertThat(log.changes())
        .extracting(PlannedChange::name, c -> c.fields().size())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("tg", 2),
            org.assertj.core.groups.Tuple.tuple("lb:80", 1));
  }

  @Test
  void exitCodesAreTerraformsDetailedOnes() {
    var nothing =
        new StackDiff("Service", "a/b", List.of(), 3, Optional.empty(), List.of(), List.of());
    var change =
        new StackDiff(
            "Service",
            "a/c",
            List.of(new PlannedChange(PlannedChange.Action.DELETE, "Rule", "r", List.of())),
            0,
            Optional.empty(),
            List.of(),
            List.of());
    var broken = StackDiff.failed("Ingress group", "a/d", "bad annotation", List.of());

    assertThat(new DiffReport(List.of(nothing)).exitCode()).isZero();
    assertThat(new DiffReport(List.of(nothing, change)).exitCode()).isEqualTo(2);
    assertThat(new DiffReport(List.of(change, broken)).exitCode()).isEqualTo(1);
    assertThat(
            new DiffReport(List.of(nothing.with(List.of("Ingress a/x left out: bad"), List.of())))
                .exitCode())
        .isEqualTo(1);
  }

  @Test
  void textShowsOldToNewAndTheCounts() {
    var log = new ChangeLog();
    log.modify(
        "LoadBalancer",
        "k8s-a-b",
        RecordFields.diff(
            "attributes.",
            Map.of("idle_timeout.timeout_seconds", "60"),
            Map.of("idle_timeout.timeout_seconds", "120")));
    log.delete("Rule", "k8s-a-b:80 priority 2");
    var report =
        new DiffReport(
            List.of(
                new StackDiff(
                    "Ingress group",
                    "a/b",
                    log.changes(),
                    4,
                    Optional.empty(),
                    List.of(),
                    List.of())));

    assertThat(report.text())
        .contains(
            "~ LoadBalancer k8s-a-b\n      attributes.idle_timeout.timeout_seconds: \"60\" → \"120\"")
        .contains("- Rule k8s-a-b:80 priority 2")
        .contains("= 4 unchanged")
        .contains("Plan: 0 to create, 1 to modify, 1 to delete, 4 unchanged.");
    assertThat(report.json()).contains("\"action\" : \"modify\"").contains("\"delete\" : 1");
  }
}
