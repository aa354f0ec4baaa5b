package io.lbc;

import ch.qos.logback.classic.Level;
import io.lbc.config.ControllerConfig;
import io.lbc.config.ControllerFlags;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/** Runs the controller until the process is stopped. */
@Command(
    name = "aws-load-balancer-controller",
    mixinStandardHelpOptions = true,
    subcommands = {io.lbc.plan.PlanCommand.class, io.lbc.gc.GcCommand.class},
    customSynopsis = {
      "aws-load-balancer-controller --cluster-name=NAME --aws-vpc-id=VPC [OPTIONS]",
      "       aws-load-balancer-controller plan -f FILE --cluster-name=NAME [OPTIONS]",
      "       aws-load-balancer-controller gc --cluster-name=NAME [--dry-run=false] [OPTIONS]"
    },
    description = "Provisions AWS load balancers for Kubernetes Ingresses and Services.")
public class ControllerCommand implements Callable<Integer> {
  @Mixin ControllerFlags flags;

  @Override
  public Integer call() throws InterruptedException {
    ControllerConfig config = flags.toConfig(System.getenv());
    applyLogLevel(config.logLevel());
    var stopped = new CountDownLatch(1);
    ControllerRuntime runtime =
        ControllerRuntime.start(config, DefaultCredentialsProvider.builder().build());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  runtime.close();
                  stopped.countDown();
                },
                "shutdown"));
    stopped.await();
    return 0;
  }

  static void applyLogLevel(ControllerConfig.LogLevel level) {
    var logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.lbc");
    logger.setLevel(level == ControllerConfig.LogLevel.DEBUG ? Level.DEBUG : Level.INFO);
  }
}
