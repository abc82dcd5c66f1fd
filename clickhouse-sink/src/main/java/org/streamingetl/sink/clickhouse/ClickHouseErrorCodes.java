package org.streamingetl.sink.clickhouse;

import java.util.Set;

/**
 * ClickHouse server error codes the sink acts on, under the server's own names (ClickHouse's
 * {@code src/Common/ErrorCodes.cpp}; {@code system.errors} on current servers).
 */
final class ClickHouseErrorCodes {

    static final int CANNOT_PARSE_TEXT = 6;
    static final int CANNOT_PARSE_INPUT_ASSERTION_FAILED = 27;
    static final int ATTEMPT_TO_READ_AFTER_EOF = 32;
    static final int BAD_ARGUMENTS = 36;
    static final int CANNOT_PARSE_DATETIME = 41;
    static final int ILLEGAL_TYPE_OF_ARGUMENT = 43;
    static final int ILLEGAL_COLUMN = 44;
    static final int UNKNOWN_IDENTIFIER = 47;
    static final int TYPE_MISMATCH = 53;
    static final int UNKNOWN_TABLE = 60;
    static final int SYNTAX_ERROR = 62;
    static final int ARGUMENT_OUT_OF_BOUND = 69;
    static final int CANNOT_CONVERT_TYPE = 70;
    static final int CANNOT_PARSE_NUMBER = 72;
    static final int CANNOT_OPEN_FILE = 76;
    static final int UNKNOWN_DATABASE = 81;
    static final int INCORRECT_DATA = 117;
    static final int UNKNOWN_USER = 192;
    static final int WRONG_PASSWORD = 193;
    static final int REQUIRED_PASSWORD = 194;
    static final int ACCESS_DENIED = 497;
    static final int AUTHENTICATION_FAILED = 516;

    /** The credentials were refused: the sink's configuration is wrong. */
    static final Set<Integer> CREDENTIALS = Set.of(UNKNOWN_USER, WRONG_PASSWORD, REQUIRED_PASSWORD,
            AUTHENTICATION_FAILED);

    /** The request itself is wrong (its SQL, its data, its rights): sending it again cannot help. */
    static final Set<Integer> PERMANENT = Set.of(CANNOT_PARSE_TEXT, CANNOT_PARSE_INPUT_ASSERTION_FAILED,
            ATTEMPT_TO_READ_AFTER_EOF, BAD_ARGUMENTS, CANNOT_PARSE_DATETIME, ILLEGAL_TYPE_OF_ARGUMENT, ILLEGAL_COLUMN,
            UNKNOWN_IDENTIFIER, TYPE_MISMATCH, UNKNOWN_TABLE, SYNTAX_ERROR, ARGUMENT_OUT_OF_BOUND, CANNOT_CONVERT_TYPE,
            CANNOT_PARSE_NUMBER, CANNOT_OPEN_FILE, UNKNOWN_DATABASE, INCORRECT_DATA, UNKNOWN_USER, WRONG_PASSWORD,
            REQUIRED_PASSWORD, ACCESS_DENIED, AUTHENTICATION_FAILED);

    private ClickHouseErrorCodes() {
    }
}
