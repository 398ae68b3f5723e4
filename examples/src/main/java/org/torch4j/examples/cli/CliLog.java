package org.torch4j.examples.cli;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CLI's log, through SLF4J (slf4j-simple in this module), filtered by {@code --log-level}. slf4j-simple
 * fixes a logger's level when the logger is first made, so the SLF4J logger is opened at {@code trace} (to
 * stdout, keeping stderr for the one-line failure message) and the level chosen per run is applied here.
 *
 * <pre>{@code
 * CliLog log = CliLog.at("info");
 * log.info("epoch {} done", 3);
 * }</pre>
 */
public final class CliLog {
    static {
        // Only defaults: an operator's -D settings win.
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log.torch4j.cli", "trace");
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.logFile", "System.out");
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss");
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
    }

    private static final Logger LOG = LoggerFactory.getLogger("torch4j.cli");
    private static final String[] LEVELS = {"trace", "debug", "info", "warn", "error"};

    private final int level;

    private CliLog(int level) {
        this.level = level;
    }

    /**
     * @throws CliException for an unknown level name
     */
    public static CliLog at(String level) {
        String l = level.toLowerCase(Locale.ROOT);
        for (int i = 0; i < LEVELS.length; i++) {
            if (LEVELS[i].equals(l)) {
                return new CliLog(i);
            }
        }
        throw new CliException("unknown log level '" + level + "': expected one of " + String.join(", ", LEVELS), 2,
                null);
    }

    public void debug(String format, Object... args) {
        if (level <= 1) {
            LOG.debug(format, args);
        }
    }

    public void info(String format, Object... args) {
        if (level <= 2) {
            LOG.info(format, args);
        }
    }

    public void warn(String format, Object... args) {
        if (level <= 3) {
            LOG.warn(format, args);
        }
    }
}
