package io.lbc;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/**
 * Logging of the subcommands: they are tools a person runs, so their output is plain text, not the
 * controller's JSON lines. Warnings and errors only, one line each, on stderr (stdout is the
 * command's result), never with a stack trace.
 */
final class CliLogging {
  private CliLogging() {}

  static void plainWarningsOnStderr() {
    var context = (LoggerContext) LoggerFactory.getILoggerFactory();
    var encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%level %logger{0}: %replace(%msg){'\\R', ' '}%n%nopex");
    encoder.start();
    var threshold = new ThresholdFilter();
    threshold.setLevel(Level.WARN.levelStr);
    threshold.start();
    var appender = new ConsoleAppender<ILoggingEvent>();
    appender.setContext(context);
    appender.setName("plain");
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.addFilter(threshold);
    appender.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    root.addAppender(appender);
  }
}
