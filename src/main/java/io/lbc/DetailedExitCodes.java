package io.lbc;

/**
 * A subcommand whose exit code tells results apart ({@code plan}: 0 no changes, 2 changes), so a
 * user error there exits {@link Main#FAILURE} rather than {@link Main#USAGE_ERROR}: a pipeline must
 * not read a bad manifest as "changes".
 */
public interface DetailedExitCodes {}
