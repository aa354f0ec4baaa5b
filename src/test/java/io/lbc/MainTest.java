package io.lbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void aBadFlagPrintsOneLineNamingItAndExitsWithTwo() {
    var err = new StringWriter();
    int status =
        Main.run(
            new PrintWriter(err, true),
            "--cluster-name=c",
            "--aws-region=us-west-2",
            "--default-target-type=pod");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString().strip().lines())
        .singleElement()
        .asString()
        .contains("--default-target-type")
        .contains("pod");
  }

  @Test
  void anUnknownFlagIsAUsageError() {
    var err = new StringWriter();
    assertThat(Main.run(new PrintWriter(err, true), "--cluster-name=c", "--no-such-flag=1"))
        .isEqualTo(2);
    assertThat(err.toString().strip().lines())
        .singleElement()
        .asString()
        .contains("--no-such-flag");
  }

  @Test
  void aMissingClusterNameIsAUsageError() {
    var err = new StringWriter();
    assertThat(Main.run(new PrintWriter(err, true), "--aws-region=us-west-2")).isEqualTo(2);
    assertThat(err.toString()).contains("--cluster-name");
  }

  @Test
  void helpIsAShortUsageAndGroupsEveryOptionOnce() {
    var out = new StringWriter();
    var commandLine = Main.commandLine(new PrintWriter(new StringWriter(), true));
    commandLine.setOut(new PrintWriter(out, true));

    assertThat(commandLine.execute("--help")).isZero();

    String help = out.toString();
    assertThat(help.lines().findFirst().orElseThrow())
        .startsWith("Usage: aws-load-balancer-controller --cluster-name=NAME");
    assertThat(help)
        .contains("\nCluster and AWS:\n", "\nWebhooks:\n", "\nOperation:\n", "\nCommands:\n");
    for (var option : commandLine.getCommandSpec().options()) {
      String listed = "(-\\w, )?" + Pattern.quote(option.longestName()) + "([=\\[ ].*)?";
      assertThat(help.lines().map(String::strip).filter(line -> line.matches(listed)))
          .as(option.longestName() + " listed once")
          .hasSize(1);
    }
  }
}
