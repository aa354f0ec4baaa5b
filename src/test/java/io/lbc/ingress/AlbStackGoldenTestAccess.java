package io.lbc.ingress;

import io.lbc.golden.AwsSnapshot;
import io.lbc.plan.IngressPlanner;
import java.nio.file.Path;

/** The golden cases' planner, for tests in other packages. */
public final class AlbStackGoldenTestAccess {
  private AlbStackGoldenTestAccess() {}

  public static IngressPlanner planner(Path caseDir, AwsSnapshot aws) {
    return AlbStackGoldenTest.planner(caseDir, aws);
  }
}
