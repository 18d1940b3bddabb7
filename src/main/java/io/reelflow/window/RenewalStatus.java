package io.reelflow.window;

/** Where the renewal of a window stands. */
public enum RenewalStatus { NOT_DUE, DECISION_PENDING, RENEWED, LET_EXPIRE, RELICENSE }
