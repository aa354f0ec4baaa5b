package io.lbc.ingress;

import io.lbc.config.ClusterContext;
import io.lbc.golden.AwsSnapshot;
import io.lbc.golden.GoldenFiles;
import io.lbc.plan.IngressPlanner;
import java.nio.file.Path;
import java.util.List;

/** The golden cases' planner, for tests in other packages. */
public final class AlbStackGoldenTestAccess {
  private AlbStackGoldenTestAccess() {}

  public static IngressPlanner planner(Path caseDir, AwsSnapshot aws) {
    return AlbStackGoldenTest.planner(caseDir, aws);
  }

  static IngressPlanner planner(Path caseDir, AwsSnapshot aws, List<String> flags) {
    return AlbStackGoldenTest.planner(aws, flags);
  }

  static ClusterContext cluster(List<String> flags) {
    return AlbStackGoldenTest.cluster(AlbStackGoldenTest.config(flags), "vpc-dummy");
  }

  static AlbStackBuilder.Readers readers(Path caseDir) {
    AwsSnapshot aws = GoldenFiles.aws(caseDir);
    return AlbStackGoldenTest.readers(aws, cluster(List.of()));
  }
}
