package org.cogateway.config;

/** A configuration that cannot work; the message names the setting and what is wrong with it. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
